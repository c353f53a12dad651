import { formatCount } from "~/platform/format.ts";

/** The errors of an uploaded file, row by row (the header is row 1), read out when they appear. */
export function RowErrors({
  formError,
  errors,
  nothingStored,
  limit = 200,
}: {
  formError?: string | null;
  errors: { line: number; messages: string[] }[];
  nothingStored: boolean;
  limit?: number;
}) {
  const shown = errors.slice(0, limit);
  return (
    <div className="row-errors" role="alert">
      {formError ? <p className="form-error">{formError}</p> : null}
      {errors.length ? (
        <>
          <p className="form-error">
            Tệp có {formatCount(errors.length)} dòng cần sửa{nothingStored ? ": chưa dòng nào được lưu" : ""}. Hãy sửa các dòng dưới đây rồi tải tệp lên lại.
          </p>
          <ul className="row-error-list">
            {shown.map((error) => (
              <li key={error.line}>
                <strong>{error.line > 0 ? `Dòng ${error.line}` : "Cây tổ chức"}:</strong> {error.messages.join(" ")}
              </li>
            ))}
          </ul>
          {errors.length > shown.length ? <p className="hint">… và {formatCount(errors.length - shown.length)} dòng khác.</p> : null}
        </>
      ) : null}
    </div>
  );
}
