import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { FileInput } from "~/ui/form/file-input.tsx";
import type { WorkingCopySummary } from "../import-page.server.ts";
import type { DraftCounts, DraftPreview, OutlineNode } from "../outline.ts";

// The import page's pieces: the upload form, the preview (counts, warnings, heading tree) and the
// save form. Everything works as plain forms; with JavaScript the upload shows "Đang đọc tệp…".

const MB = 1024 * 1024;
const SOURCE_NAMES: Record<string, string> = {
  docx: "tệp Word",
  markdown: "tệp Markdown",
  text: "tệp văn bản",
  editor: "trình soạn thảo",
  seed: "dữ liệu mẫu",
};

export function WorkingCopyStatus({ workingCopy }: { workingCopy: WorkingCopySummary | null }) {
  if (!workingCopy) return <p className="notice">Dự thảo chưa có bản làm việc: bản nhập sẽ là bản làm việc đầu tiên.</p>;
  return (
    <p className="notice">
      Dự thảo đã có bản làm việc (lần sửa {workingCopy.revision}, lưu lúc {formatDateTime(workingCopy.updatedAt)}
      {workingCopy.updatedBy ? `, bởi ${workingCopy.updatedBy}` : ""}, từ {SOURCE_NAMES[workingCopy.source] ?? workingCopy.source}). Lưu bản nhập mới sẽ thay
      thế toàn bộ bản làm việc này.
    </p>
  );
}

export function UploadForm({ csrfToken, maxBytes, error, fileName }: { csrfToken: string; maxBytes: number; error: string | null; fileName: string | null }) {
  const navigation = useNavigation();
  const reading = navigation.state !== "idle" && navigation.formData?.get("intent") === "tai-len";
  const [tooLarge, setTooLarge] = useState(false);
  const errors: Record<string, string> = error ? { file: fileName ? `Tệp «${fileName}»: ${error}` : error } : {};
  return (
    <Form method="post" encType="multipart/form-data" className="staff-form wide" aria-labelledby="upload-title" aria-busy={reading}>
      <h2 id="upload-title">Tải lên tệp dự thảo</h2>
      <p className="hint">
        Nhận tệp Word (.docx), Markdown (.md) hoặc văn bản thuần (.txt, mã UTF-8), tối đa {Math.floor(maxBytes / MB)} MB. Cấu trúc được nhận ra từ kiểu tiêu đề
        của Word (Heading 1, 2, …) và từ các dòng «Phần thứ …», «Chương …», «Mục …», «Điều …», «I.», «1.», «a)». Chưa có gì được lưu cho đến khi bạn xem trước
        và bấm «Lưu làm bản làm việc».
      </p>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="tai-len" />
      <FileInput
        label="Tệp dự thảo"
        accept=".docx,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain"
        maxBytes={maxBytes}
        errors={errors}
        onTooLarge={setTooLarge}
      />
      <button type="submit" className="primary" disabled={reading || tooLarge}>
        {reading ? "Đang đọc tệp…" : "Tải lên và xem trước"}
      </button>
      {reading ? (
        <p className="upload-progress" role="status">
          <progress aria-label="Đang đọc tệp" />
          Đang đọc tệp… Tệp lớn có thể mất vài giây.
        </p>
      ) : null}
    </Form>
  );
}

const COUNT_ROWS: [keyof DraftCounts, string][] = [
  ["parts", "Phần"],
  ["chapters", "Chương"],
  ["sections", "Mục"],
  ["articles", "Điều"],
  ["headings", "Tiêu đề khác"],
  ["paragraphs", "Đoạn (kể cả khoản, điểm, mục danh sách)"],
  ["tables", "Bảng"],
  ["notes", "Ghi chú"],
];

export function PreviewSummary({ fileName, format, preview }: { fileName: string; format: string; preview: DraftPreview }) {
  const warningTotal = preview.warnings.reduce((sum, group) => sum + group.total, 0);
  return (
    <section aria-labelledby="preview-title" className="import-preview">
      <h2 id="preview-title">Xem trước: «{fileName}»</h2>
      <p className="hint">
        Định dạng {format}; {formatCount(preview.blocks)} khối để góp ý.{preview.title ? ` Tên văn bản tìm thấy: «${preview.title}».` : ""}
      </p>
      <h3>Cấu trúc tìm thấy</h3>
      <dl className="import-counts">
        {COUNT_ROWS.map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{formatCount(preview.counts[key])}</dd>
          </div>
        ))}
      </dl>
      <h3 id="warnings-title">{warningTotal ? `Cảnh báo (${formatCount(warningTotal)})` : "Cảnh báo"}</h3>
      {preview.warnings.length === 0 ? (
        <p className="notice-ok">Không có cảnh báo nào.</p>
      ) : (
        <ul className="import-warnings" aria-labelledby="warnings-title">
          {preview.warnings.map((group) => (
            <li key={group.code} className="warning">
              <strong>
                {group.title} ({formatCount(group.total)})
              </strong>
              <ul>
                {group.items.map((item, i) => (
                  <li key={i}>
                    {item.where ? <span className="meta">{item.where}: </span> : null}
                    {item.message}
                  </li>
                ))}
                {group.total > group.items.length ? <li>… và {formatCount(group.total - group.items.length)} trường hợp khác.</li> : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h3>Các tiêu đề</h3>
      {preview.outline.length ? <OutlineList nodes={preview.outline} /> : <p className="hint">Không có tiêu đề nào.</p>}
    </section>
  );
}

/** The heading tree; a heading with headings under it folds (<details>), open at the top level only when short. */
function OutlineList({ nodes }: { nodes: OutlineNode[] }) {
  return (
    <ul className="import-outline">
      {nodes.map((node, i) => (
        <li key={i}>
          {node.children.length ? (
            <details>
              <summary>
                {node.text} <span className="meta">({formatCount(node.children.length)} tiêu đề con)</span>
              </summary>
              <OutlineList nodes={node.children} />
            </details>
          ) : (
            <span>{node.text}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function SaveForm({
  csrfToken,
  token,
  workingCopy,
  error,
  fieldErrors,
}: {
  csrfToken: string;
  token: string;
  workingCopy: WorkingCopySummary | null;
  error: string | null;
  fieldErrors: Record<string, string>;
}) {
  const navigation = useNavigation();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "luu";
  return (
    <Form method="post" className="staff-form wide" aria-labelledby="save-title">
      <h2 id="save-title">Lưu bản nhập</h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="luu" />
      <input type="hidden" name="token" value={token} />
      {/* The revision this page showed: a working copy saved since then makes the save a conflict. */}
      <input type="hidden" name="baseRevision" value={workingCopy ? String(workingCopy.revision) : ""} />
      {workingCopy ? (
        <div className="field">
          <label className="check">
            <input {...fieldProps("replace", fieldErrors)} type="checkbox" value="on" />
            <span>Thay thế bản làm việc hiện có (lần sửa {workingCopy.revision}) bằng bản nhập này</span>
          </label>
          <FieldError name="replace" errors={fieldErrors} />
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? "Đang lưu…" : "Lưu làm bản làm việc"}
      </button>
    </Form>
  );
}
