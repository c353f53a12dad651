import { CHANNELS, commentStatusLabel, STANCES } from "~/vocabulary/vocabulary.ts";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError } from "~/ui/form/field-error.tsx";
import { findOpinions, MAX_FOUND } from "~/personal-data/find.server.ts";
import { ACTIONS, CONTACT_HINT, exportErrors, parseAction, parseContact, type PersonalDataAction } from "~/personal-data/request-form.ts";
import { handleRequest } from "~/personal-data/requests.server.ts";
import { personalDataRetentionDays } from "~/personal-data/retention.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { TableScroll } from "~/ui/table-scroll.tsx";

// Personal-data requests (Decree 13/2023/NĐ-CP): find a person's opinions by email or phone, then
// export, correct, anonymize or delete them (app/personal-data, ADR 027). The page posts whole
// documents, so it works the same without JavaScript; the export button posts to the download route
// (quan-tri.du-lieu-ca-nhan_.xuat.ts).

export const meta: MetaFunction = () => [{ title: "Dữ liệu cá nhân theo yêu cầu" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const PATH = "/quan-tri/du-lieu-ca-nhan";
const DONE_PARAMS = z.object({ xong: z.enum(["correct", "anonymize", "delete"]), so: z.coerce.number().int().min(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "personal-data.manage");
  const params = new URL(request.url).searchParams;
  const typed = params.get("lien-he") ?? "";
  const contact = parseContact(typed);
  const done = DONE_PARAMS.safeParse(Object.fromEntries(params));
  const exportFailed = exportErrors((params.get("loi") ?? "").split(","));
  const found = contact ? await findOpinions(getSql(), contact) : null;
  const days = personalDataRetentionDays();
  return {
    csrfToken: user.csrfToken,
    typed,
    contact: contact?.value ?? null,
    lookupError: typed && !contact ? CONTACT_HINT : null,
    exportErrors: exportFailed,
    notice: done.success ? `${ACTIONS[done.data.xong].done} ${formatCount(done.data.so)} ý kiến.` : null,
    retention:
      days === null
        ? "Chưa đặt thời hạn: thông tin liên hệ được giữ đến khi có yêu cầu xóa."
        : `Thông tin liên hệ được tự động xóa ${formatCount(days)} ngày sau khi đợt lấy ý kiến kết thúc.`,
    more: found?.more ?? false,
    opinions: (found?.opinions ?? []).map((o) => ({
      id: o.id,
      consultation: o.consultationTitle,
      place: o.blockLabel ?? "Toàn văn dự thảo",
      channel: CHANNELS[o.channel] + (o.conferenceTitle ? `: ${o.conferenceTitle}` : ""),
      status: commentStatusLabel(o.status),
      stance: STANCES[o.stance],
      text: o.publishedText ?? o.originalText,
      name: o.authorName,
      email: o.authorEmail,
      phone: o.authorPhone,
      locality: o.locality.join(", "),
      createdAt: formatDateTime(o.createdAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const user = await requireStaffAction(request, formData, "personal-data.manage");
  const values = Object.fromEntries([...formData].filter(([key, value]) => typeof value === "string" && key !== "csrf" && key !== "ids")) as Record<
    string,
    string
  >;
  const parsed = parseAction(formData);
  if (!parsed.ok) return data({ action: parsed.action, fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  // The export is a download, answered by quan-tri.du-lieu-ca-nhan_.xuat.ts.
  if (parsed.request.action === "export")
    return data({ action: null, fieldErrors: { form: "Vui lòng dùng nút «Tải tệp dữ liệu»." } as Record<string, string>, values }, { status: 400 });
  const result = await handleRequest(getSql(), user, parsed.request);
  if (!result.ok) return data({ action: parsed.request.action, fieldErrors: { form: result.message } as Record<string, string>, values }, { status: 409 });
  const contact = result.contact ?? parsed.request.contact.value;
  return redirect(`${PATH}?${new URLSearchParams({ "lien-he": contact, xong: parsed.request.action, so: String(result.changed) })}`, 303);
}

const EXPLAIN: Record<PersonalDataAction, string> = {
  export:
    "Tải về một tệp JSON (đọc được bằng trình soạn thảo văn bản) gồm mọi dữ liệu hệ thống giữ về người yêu cầu trong các ý kiến đã chọn: nội dung, họ tên, thư điện tử, số điện thoại, nơi sinh sống, nghề nghiệp, độ tuổi, tổ chức thay mặt, thời điểm đồng ý, và các thư điện tử đã gửi hoặc chờ gửi cho họ. Giao tệp trực tiếp cho người yêu cầu, không lưu lại trên máy.",
  correct:
    "Thay họ tên, thư điện tử và số điện thoại của các ý kiến đã chọn. Thư điện tử chưa gửi sẽ được gửi tới địa chỉ mới (hoặc không gửi nếu không còn địa chỉ).",
  anonymize:
    "Khi người yêu cầu đồng ý để lại ý kiến dưới dạng ẩn danh: nội dung và tỉnh, thành phố được giữ (ý kiến vẫn được tính trong thống kê), họ tên đổi thành «Ẩn danh»; thư điện tử, số điện thoại, xã, phường, tổ chức thay mặt, đường dẫn theo dõi và thư chờ gửi bị xóa. Không hoàn tác được.",
  delete:
    "Xóa hẳn nội dung và mọi dữ liệu cá nhân của các ý kiến đã chọn: ý kiến biến mất khỏi trang công khai, tìm kiếm, thống kê và báo cáo xuất ra. Nhật ký chỉ ghi lại việc xóa và lý do. Không hoàn tác được.",
};

/** The contact details a correction changes, checked with the comment form's rules. */
const CORRECT_FIELDS = [
  { name: "name", label: "Họ và tên", type: "text", max: 100, inputMode: "text" },
  { name: "email", label: "Thư điện tử (để trống nếu không có)", type: "email", max: 254, inputMode: "email" },
  { name: "phone", label: "Số điện thoại (để trống nếu không có)", type: "tel", max: 20, inputMode: "tel" },
] as const;

const BUTTONS: Record<PersonalDataAction, string> = {
  export: "Tải tệp dữ liệu (.json)",
  correct: "Lưu thông tin đã sửa",
  anonymize: "Ẩn danh các ý kiến đã chọn",
  delete: "Xóa các ý kiến đã chọn",
};

export default function PersonalDataPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errorsFor = (action: PersonalDataAction): Record<string, string> =>
    answer && answer.action === action ? answer.fieldErrors : action === "export" && !answer ? page.exportErrors : {};
  const kept = (name: string, fallback = "") => answer?.values?.[name] ?? fallback;
  const first = page.opinions[0];
  const field = (action: PersonalDataAction, name: string, label: string, input: JSX.Element) => {
    const message = errorsFor(action)[name];
    return (
      <div className="field" key={`${action}-${name}`}>
        <label htmlFor={`f-${action}-${name}`}>{label}</label>
        {input}
        <FieldError name={`${action}-${name}`} errors={message ? { [`${action}-${name}`]: message } : {}} />
      </div>
    );
  };
  const selectionError = answer ? (answer.fieldErrors.form ?? answer.fieldErrors.ids ?? null) : null;
  const describedBy = (action: PersonalDataAction, name: string) =>
    errorsFor(action)[name] ? { "aria-describedby": `f-${action}-${name}-error`, "aria-invalid": true } : {};

  return (
    <section aria-labelledby="du-lieu-title" className="personal-data">
      <h1 id="du-lieu-title">Dữ liệu cá nhân theo yêu cầu</h1>
      <p className="hint">
        Theo Nghị định 13/2023/NĐ-CP, người góp ý có quyền xem, sửa, xóa dữ liệu của mình hoặc đề nghị để lại ý kiến dưới dạng ẩn danh. Tra cứu theo thư điện tử
        hoặc số điện thoại người đó đã dùng (mọi cách viết số điện thoại đều được). Mỗi thao tác cần lý do, được xác nhận bằng cách gõ lại một từ, và được ghi
        vào nhật ký. {page.retention}
      </p>
      {page.notice ? (
        <p role="status" className="notice-ok">
          {page.notice}
        </p>
      ) : null}

      <Form method="get" className="staff-form" aria-label="Tra cứu theo thông tin liên hệ">
        <div className="field">
          <label htmlFor="f-lien-he">Thư điện tử hoặc số điện thoại</label>
          <input
            id="f-lien-he"
            name="lien-he"
            type="text"
            defaultValue={page.typed}
            required
            maxLength={254}
            autoComplete="off"
            {...(page.lookupError ? { "aria-describedby": "f-lien-he-error", "aria-invalid": true } : {})}
          />
          <FieldError name="lien-he" errors={page.lookupError ? { "lien-he": page.lookupError } : {}} />
        </div>
        <button type="submit" className="primary">
          Tra cứu
        </button>
      </Form>

      {page.contact ? (
        <>
          <h2 id="ket-qua">
            {page.opinions.length
              ? `${formatCount(page.opinions.length)} ý kiến được gửi với ${page.contact}`
              : `Không có ý kiến nào được gửi với ${page.contact}`}
          </h2>
          {page.more ? (
            <p className="notice">Chỉ hiện {formatCount(MAX_FOUND)} ý kiến mới nhất; xử lý xong các ý kiến này rồi tra cứu lại để thấy các ý kiến còn lại.</p>
          ) : null}
          {page.opinions.length ? (
            <Form
              method="post"
              action={`${PATH}?${new URLSearchParams({ "lien-he": page.contact })}`}
              reloadDocument
              className="staff-form"
              aria-labelledby="ket-qua"
            >
              <CsrfField token={page.csrfToken} />
              <input type="hidden" name="contact" value={page.contact} />
              <TableScroll label="Chọn các ý kiến cần xử lý">
                <table className="staff-table">
                  <caption>Chọn các ý kiến cần xử lý (mặc định: tất cả)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Chọn</th>
                      <th scope="col">Đợt lấy ý kiến, vị trí</th>
                      <th scope="col">Ngày gửi, hình thức</th>
                      <th scope="col">Trạng thái</th>
                      <th scope="col">Người gửi</th>
                      <th scope="col">Nội dung</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.opinions.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <input type="checkbox" name="ids" value={o.id} defaultChecked id={`chon-${o.id}`} aria-label={`Chọn ý kiến gửi lúc ${o.createdAt}`} />
                        </td>
                        <td>
                          {o.consultation}
                          <br />
                          <small>{o.place}</small>
                        </td>
                        <td>
                          {o.createdAt}
                          <br />
                          <small>{o.channel}</small>
                        </td>
                        <td>{o.status}</td>
                        <td>
                          {o.name}
                          {[o.email, o.phone, o.locality].filter(Boolean).map((line) => (
                            <span key={line}>
                              <br />
                              <small>{line}</small>
                            </span>
                          ))}
                        </td>
                        <td>
                          <strong>{o.stance}.</strong> {o.text}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {selectionError ? (
                <p className="form-error" role="alert">
                  {selectionError}
                </p>
              ) : null}

              {(Object.keys(ACTIONS) as PersonalDataAction[]).map((action) => (
                <fieldset key={action} className="request-action" id={action === "export" ? "xuat" : undefined}>
                  <legend>{ACTIONS[action].label}</legend>
                  <p className="hint">{EXPLAIN[action]}</p>
                  {action === "correct"
                    ? CORRECT_FIELDS.map((f) =>
                        field(
                          action,
                          f.name,
                          f.label,
                          <input
                            id={`f-correct-${f.name}`}
                            name={f.name}
                            type={f.type}
                            maxLength={f.max}
                            inputMode={f.inputMode}
                            defaultValue={kept(f.name, first?.[f.name] ?? "")}
                            {...describedBy(action, f.name)}
                          />,
                        ),
                      )
                    : null}
                  {field(
                    action,
                    "reason",
                    "Lý do (ví dụ: theo đơn yêu cầu ngày…)",
                    <textarea
                      id={`f-${action}-reason`}
                      name={`reason-${action}`}
                      rows={2}
                      maxLength={500}
                      defaultValue={kept(`reason-${action}`)}
                      {...describedBy(action, "reason")}
                    />,
                  )}
                  {field(
                    action,
                    "confirm",
                    `Gõ «${ACTIONS[action].word}» để xác nhận`,
                    <input
                      id={`f-${action}-confirm`}
                      name={`confirm-${action}`}
                      type="text"
                      autoComplete="off"
                      maxLength={20}
                      {...describedBy(action, "confirm")}
                    />,
                  )}
                  <button
                    type="submit"
                    name="intent"
                    value={action}
                    formAction={action === "export" ? `${PATH}/xuat` : undefined}
                    className={action === "delete" ? "danger" : action === "export" ? "primary" : "secondary"}
                  >
                    {BUTTONS[action]}
                  </button>
                </fieldset>
              ))}
            </Form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
