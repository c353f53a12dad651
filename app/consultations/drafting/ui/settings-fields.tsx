import { useRef } from "react";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { CONSULTATION_KINDS } from "~/vocabulary/vocabulary.ts";
import { DATE_TIME_HINT } from "../period.ts";
import { COMMENT_LIMIT_MAX, COMMENT_LIMIT_MIN, type SettingsValues } from "../settings-form.ts";
import { SLUG_MAX, slugFromTitle } from "../slug.ts";

/**
 * The settings of a consultation (create and edit pages). Without JavaScript an empty slug is made from
 * the title on the server; with it, `deriveSlug` fills the slug as the title is typed until the person
 * edits the slug. `slugLocked` and `periodLocked` show those fields read-only, saying why.
 */
export function SettingsFields({
  values,
  errors,
  deriveSlug = false,
  slugLocked = false,
  periodLocked = false,
}: {
  values: SettingsValues;
  errors: Record<string, string>;
  deriveSlug?: boolean;
  slugLocked?: boolean;
  periodLocked?: boolean;
}) {
  const slug = useRef<HTMLInputElement>(null);
  // The slug follows the title while it is the one the title gives (or empty): a slug typed by hand stays.
  const lastDerived = useRef(values.slug ?? "");
  const followTitle = (title: string) => {
    const input = slug.current;
    if (!deriveSlug || !input || (input.value !== "" && input.value !== lastDerived.current)) return;
    lastDerived.current = slugFromTitle(title);
    input.value = lastDerived.current;
  };
  const field = (name: keyof SettingsValues) => ({ ...fieldProps(name, errors), defaultValue: values[name] ?? "" });
  const box = (name: keyof SettingsValues) => ({ ...fieldProps(name, errors), defaultChecked: values[name] === "on" });

  return (
    <>
      <div className="field">
        <label htmlFor="f-title">Tiêu đề</label>
        <input {...field("title")} type="text" required maxLength={300} onInput={(e) => followTitle(e.currentTarget.value)} />
        <FieldError name="title" errors={errors} />
      </div>
      <div className="field">
        <label htmlFor="f-slug">Đường dẫn</label>
        <p className="hint" id="f-slug-hint">
          {slugLocked
            ? "Đợt lấy ý kiến đã công khai nên đường dẫn được giữ nguyên (các liên kết đã chia sẻ vẫn dùng được)."
            : `Địa chỉ của dự thảo: /du-thao/<đường dẫn>. Chữ thường không dấu, chữ số, dấu gạch ngang; để trống thì được tạo từ tiêu đề. Không đổi được sau khi công khai.`}
        </p>
        <input
          {...field("slug")}
          ref={slug}
          type="text"
          maxLength={SLUG_MAX}
          readOnly={slugLocked}
          spellCheck={false}
          autoCapitalize="none"
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          aria-describedby={errors.slug ? "f-slug-hint f-slug-error" : "f-slug-hint"}
        />
        <FieldError name="slug" errors={errors} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="f-kind">Loại văn bản</label>
          <select {...field("kind")} required>
            {Object.entries(CONSULTATION_KINDS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <FieldError name="kind" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="f-issuingBody">Cơ quan chủ trì soạn thảo</label>
          <input {...field("issuingBody")} type="text" maxLength={200} />
          <FieldError name="issuingBody" errors={errors} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="f-summary">Tóm tắt</label>
        <textarea {...field("summary")} rows={3} maxLength={2000} />
        <FieldError name="summary" errors={errors} />
      </div>
      <fieldset className="period-fields" aria-describedby="f-period-hint">
        <legend>Thời gian lấy ý kiến (giờ Việt Nam)</legend>
        <p className="hint" id="f-period-hint">
          {periodLocked
            ? "Đợt lấy ý kiến đã mở: thời gian chỉ thay đổi bằng «Kết thúc sớm» hoặc «Gia hạn» (có ghi lý do)."
            : `Giờ Việt Nam (GMT+7). Nếu ô không có lịch chọn ngày, ghi theo dạng ${DATE_TIME_HINT}. Có thể để trống khi còn là bản nháp.`}
        </p>
        <div className="field-row">
          <div className="field">
            <label htmlFor="f-opensAt">Bắt đầu</label>
            <input {...field("opensAt")} type="datetime-local" readOnly={periodLocked} />
            <FieldError name="opensAt" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="f-closesAt">Kết thúc</label>
            <input {...field("closesAt")} type="datetime-local" readOnly={periodLocked} />
            <FieldError name="closesAt" errors={errors} />
          </div>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="f-commentCharLimit">Số ký tự tối đa của một góp ý</label>
        <input {...field("commentCharLimit")} type="number" required min={COMMENT_LIMIT_MIN} max={COMMENT_LIMIT_MAX} step={1} inputMode="numeric" />
        <FieldError name="commentCharLimit" errors={errors} />
      </div>
      <fieldset className="channels" aria-describedby={errors.acceptsOnline ? "f-acceptsOnline-error" : undefined}>
        <legend>Hình thức nhận ý kiến</legend>
        <label className="check">
          <input {...box("acceptsOnline")} type="checkbox" /> Trực tuyến (biểu mẫu góp ý trên trang)
        </label>
        <label className="check">
          <input {...box("acceptsConference")} type="checkbox" /> Hội nghị lấy ý kiến
        </label>
        <label className="check">
          <input {...box("acceptsLetter")} type="checkbox" /> Thư, văn bản góp ý
        </label>
        <FieldError name="acceptsOnline" errors={errors} />
      </fieldset>
    </>
  );
}
