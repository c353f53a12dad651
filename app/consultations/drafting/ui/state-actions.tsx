import { Form } from "@remix-run/react";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { DATE_TIME_HINT } from "../period.ts";
import { REASON_MAX, type StateAction } from "../rules.ts";

/**
 * The state actions the consultation's state allows, each a plain form (no JavaScript needed): schedule,
 * open now, close early (with a reason), extend (a new closing time and a reason). `problems` says, for an
 * action that cannot apply yet, why (shown instead of its button).
 */
export function StateActions({
  csrfToken,
  offered,
  problems,
  answer,
  busy,
}: {
  csrfToken: string;
  offered: StateAction[];
  problems: Partial<Record<StateAction, string | null>>;
  answer: { intent: string; formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> } | undefined;
  busy: boolean;
}) {
  const errorsFor = (intent: string) => (answer?.intent === intent ? (answer.fieldErrors ?? {}) : {});
  const valueOf = (intent: string, name: string) => (answer?.intent === intent ? (answer.values?.[name] ?? "") : "");
  const formError = (intent: string) =>
    answer?.intent === intent && answer.formError && !Object.keys(answer.fieldErrors ?? {}).length ? (
      <p className="form-error" role="alert">
        {answer.formError}
      </p>
    ) : null;
  const cannot = (action: StateAction) =>
    problems[action] ? (
      <p className="hint" id={`f-${action}-problem`}>
        Chưa thực hiện được: {problems[action]}
      </p>
    ) : null;

  return (
    <div className="state-actions">
      {offered.includes("schedule") ? (
        <Form method="post" replace aria-labelledby="schedule-title">
          <h3 id="schedule-title">Lên lịch lấy ý kiến</h3>
          <p className="hint">
            Đợt lấy ý kiến được công khai ngay (hiển thị «Sắp lấy ý kiến»), tự mở và tự kết thúc theo thời gian đã đặt. Sau đó không trở lại bản nháp được.
          </p>
          {formError("len-lich")}
          {cannot("schedule")}
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="len-lich" />
          <button type="submit" className="primary" disabled={busy || !!problems.schedule}>
            Lên lịch
          </button>
        </Form>
      ) : null}
      {offered.includes("open") ? (
        <Form method="post" replace aria-labelledby="open-title">
          <h3 id="open-title">Mở ngay</h3>
          <p className="hint">Bắt đầu nhận ý kiến từ bây giờ, đến thời điểm kết thúc đã đặt.</p>
          {formError("mo-ngay")}
          {cannot("open")}
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="mo-ngay" />
          <button type="submit" className="secondary" disabled={busy || !!problems.open}>
            Mở ngay
          </button>
        </Form>
      ) : null}
      {offered.includes("close") ? (
        <Form method="post" replace aria-labelledby="close-title">
          <h3 id="close-title">Kết thúc sớm</h3>
          {formError("ket-thuc")}
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="ket-thuc" />
          <ReasonField
            name="closeReason"
            label="Lý do kết thúc sớm (ghi vào nhật ký)"
            errors={errorsFor("ket-thuc")}
            value={valueOf("ket-thuc", "closeReason")}
          />
          <button type="submit" className="danger" disabled={busy}>
            Kết thúc sớm
          </button>
        </Form>
      ) : null}
      {offered.includes("extend") ? (
        <Form method="post" replace aria-labelledby="extend-title">
          <h3 id="extend-title">Gia hạn</h3>
          <p className="hint">Thời điểm kết thúc mới phải sau bây giờ và sau thời điểm kết thúc hiện tại. Đợt đã kết thúc sẽ được mở lại đến thời điểm mới.</p>
          {formError("gia-han")}
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="gia-han" />
          <div className="field">
            <label htmlFor="f-until">Kết thúc mới (giờ Việt Nam)</label>
            <input
              {...fieldProps("until", errorsFor("gia-han"))}
              type="datetime-local"
              required
              defaultValue={valueOf("gia-han", "until")}
              aria-describedby={errorsFor("gia-han").until ? "f-until-hint f-until-error" : "f-until-hint"}
            />
            <p className="hint" id="f-until-hint">
              Nếu ô không có lịch chọn ngày, ghi theo dạng {DATE_TIME_HINT}.
            </p>
            <FieldError name="until" errors={errorsFor("gia-han")} />
          </div>
          <ReasonField name="extendReason" label="Lý do gia hạn (ghi vào nhật ký)" errors={errorsFor("gia-han")} value={valueOf("gia-han", "extendReason")} />
          <button type="submit" className="primary" disabled={busy}>
            Gia hạn
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** The reason an action writes into the audit log: required, at most REASON_MAX characters, kept on an error. */
function ReasonField({ name, label, errors, value }: { name: string; label: string; errors: Record<string, string>; value: string }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <textarea {...fieldProps(name, errors)} rows={2} required maxLength={REASON_MAX} defaultValue={value} />
      <FieldError name={name} errors={errors} />
    </div>
  );
}
