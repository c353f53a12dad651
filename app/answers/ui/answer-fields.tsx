import { FieldError } from "~/ui/form/field-error.tsx";
import { DISPOSITION_LABELS, DISPOSITIONS } from "../dispositions.ts";
import { ANSWER_LIMITS } from "../answer-input.ts";

// The fields every answer form has: the disposition (radios), the explanation, the blocks of the
// current version that took the opinions in. `prefix` keeps ids unique when a page has two forms.

export interface AnswerFieldValues {
  disposition?: string;
  explanation?: string;
  blockKeys?: string[];
  replace?: boolean;
}

export function AnswerFields({
  prefix,
  values,
  errors,
  blocks,
  versionId,
  versionNumber,
  withReplace,
}: {
  prefix: string;
  values: AnswerFieldValues;
  errors: Record<string, string>;
  blocks: { key: string; label: string }[];
  versionId: string | null;
  versionNumber: number | null;
  withReplace: boolean;
}) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <fieldset className="dispositions" aria-describedby={errors.disposition ? id("disposition-error") : undefined}>
        <legend>Hình thức</legend>
        {DISPOSITIONS.map((d) => (
          <label key={d}>
            <input type="radio" name="disposition" value={d} defaultChecked={values.disposition === d} required /> {DISPOSITION_LABELS[d]}
          </label>
        ))}
        {errors.disposition ? (
          <p id={id("disposition-error")} className="field-error">
            {errors.disposition}
          </p>
        ) : null}
      </fieldset>
      <label htmlFor={id("explanation")}>Nội dung tiếp thu, giải trình</label>
      <textarea
        id={id("explanation")}
        name="explanation"
        rows={5}
        maxLength={ANSWER_LIMITS.explanation}
        required
        defaultValue={values.explanation ?? ""}
        aria-invalid={errors.explanation ? true : undefined}
      />
      <FieldError name="explanation" errors={errors} />
      {versionId && blocks.length ? (
        <>
          <input type="hidden" name="versionId" value={versionId} />
          <label htmlFor={id("blocks")}>Đoạn của bản số {versionNumber} đã tiếp thu (không bắt buộc; giữ Ctrl để chọn nhiều đoạn)</label>
          <select id={id("blocks")} name="blockKeys" multiple size={6} defaultValue={values.blockKeys ?? []}>
            {blocks.map((b) => (
              <option key={b.key} value={b.key}>
                {b.label}
              </option>
            ))}
          </select>
          <FieldError name="blockKeys" errors={errors} />
          <FieldError name="versionId" errors={errors} />
        </>
      ) : null}
      {withReplace ? (
        <label className="check">
          <input type="checkbox" name="replace" value="1" defaultChecked={values.replace ?? false} /> Thay câu trả lời cũ (chuyển các ý kiến đã có câu trả lời
          sang câu trả lời này)
        </label>
      ) : null}
      <FieldError name="replace" errors={errors} />
    </>
  );
}
