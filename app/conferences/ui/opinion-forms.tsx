import { STANCES } from "~/vocabulary/vocabulary.ts";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { FileInput } from "~/ui/form/file-input.tsx";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { MAX_OPINION_ROWS, MAX_UPLOAD_BYTES } from "../limits.ts";

type BlockOption = { key: string; label: string };

/** One opinion typed in: the block (or the whole draft), the stance, the text and, if known, who said it. */
export function OpinionForm({
  csrfToken,
  blocks,
  charLimit,
  values,
  errors,
}: {
  csrfToken: string;
  blocks: BlockOption[];
  charLimit: number;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "them-y-kien";
  return (
    <Form method="post" className="staff-form wide" aria-labelledby="add-opinion-title">
      <h2 id="add-opinion-title">Thêm một ý kiến</h2>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="them-y-kien" />
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="f-blockKey">Vị trí trong dự thảo</label>
        <select {...fieldProps("blockKey", errors)} defaultValue={values.blockKey ?? ""}>
          <option value="">Toàn văn dự thảo (góp ý chung)</option>
          {blocks.map((b) => (
            <option key={b.key} value={b.key}>
              {b.label}
            </option>
          ))}
        </select>
        <FieldError name="blockKey" errors={errors} />
      </div>
      <fieldset className="org-locality" aria-describedby={errors.stance ? "f-stance-error" : undefined}>
        <legend>Quan điểm</legend>
        {(Object.keys(STANCES) as (keyof typeof STANCES)[]).map((stance) => (
          <label key={stance} className="check">
            <input type="radio" name="stance" value={stance} required defaultChecked={values.stance === stance} />
            {STANCES[stance]}
          </label>
        ))}
        <FieldError name="stance" errors={errors} />
      </fieldset>
      <div className="field">
        <label htmlFor="f-text">Nội dung ý kiến</label>
        <textarea {...fieldProps("text", errors)} rows={5} required maxLength={charLimit * 2} defaultValue={values.text ?? ""} />
        <p className="hint">Tối đa {charLimit.toLocaleString("vi-VN")} ký tự.</p>
        <FieldError name="text" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-authorName">
          Người góp ý <span className="required">(không bắt buộc; để trống thì ghi là ý kiến của hội nghị)</span>
        </label>
        <input {...fieldProps("authorName", errors)} type="text" maxLength={100} defaultValue={values.authorName ?? ""} />
        <FieldError name="authorName" errors={errors} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Đang lưu…" : "Thêm ý kiến"}
      </button>
    </Form>
  );
}

/** A file of opinions: the template link, the file, and the explicit choice to import only the valid rows. */
export function UploadForm({ csrfToken, templateHref, validOnly }: { csrfToken: string; templateHref: string; validOnly: boolean }) {
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formData?.get("intent") === "tai-len";
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <Form method="post" encType="multipart/form-data" className="staff-form wide" aria-labelledby="upload-title" aria-busy={uploading}>
      <h2 id="upload-title">Tải lên tệp ý kiến</h2>
      <p className="hint">
        Dùng{" "}
        <a href={templateHref} download>
          tệp mẫu Excel (.xlsx)
        </a>{" "}
        của dự thảo này: mỗi ý kiến một dòng; trang «Hướng dẫn» trong tệp liệt kê các vị trí (phần, mục, đoạn) hợp lệ. Nhận tệp .xlsx hoặc CSV UTF-8, tối đa{" "}
        {Math.floor(MAX_UPLOAD_BYTES / 1024 / 1024)} MB và {MAX_OPINION_ROWS.toLocaleString("vi-VN")} ý kiến. Nếu có dòng sai, không dòng nào được nhập, trừ khi
        bạn chọn «Chỉ nhập các dòng hợp lệ».
      </p>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="tai-len" />
      <FileInput
        label="Tệp ý kiến (.xlsx hoặc .csv)"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        maxBytes={MAX_UPLOAD_BYTES}
        onTooLarge={setTooLarge}
      />
      <label className="check">
        <input type="checkbox" name="validOnly" defaultChecked={validOnly} />
        <span>Chỉ nhập các dòng hợp lệ (bỏ qua các dòng có lỗi)</span>
      </label>
      <button type="submit" className="primary" disabled={uploading || tooLarge}>
        {uploading ? "Đang xử lý…" : "Tải lên và nhập"}
      </button>
      {uploading ? (
        <p className="upload-progress" role="status">
          <progress aria-label="Đang xử lý tệp" />
          Đang tải lên và kiểm tra từng dòng… Tệp lớn có thể mất đến một phút.
        </p>
      ) : null}
    </Form>
  );
}
