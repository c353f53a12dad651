import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { CHANNELS, CONFERENCE_FIELDS, conferenceFormSchema } from "~/conferences/conference-form.ts";
import { consultationsForIntake, createConference, recordableOrganizations } from "~/conferences/conferences.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";
import organizationStyles from "~/styles/organizations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizationStyles }];
export const meta: MetaFunction = () => [{ title: "Ghi nhận hội nghị, thư góp ý" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "conferences.manage");
  const db = getDb();
  const [organizations, consultations] = await Promise.all([recordableOrganizations(db, user), consultationsForIntake(db)]);
  return {
    csrfToken: user.csrfToken,
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, depth: Math.max(0, o.path.split("/").length - 3) })),
    consultations: consultations.map(({ id, title }) => ({ id, title })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "conferences.manage", db);
  const values = formFields(formData, CONFERENCE_FIELDS);
  const parsed = conferenceFormSchema.safeParse(values);
  if (!parsed.success) return data({ values, fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  const result = await createConference(db, user, parsed.data);
  if (!result.ok) return data({ values, fieldErrors: result.fieldErrors }, { status: 400 });
  return redirect(`/quan-tri/hoi-nghi/${result.id}?thong-bao=da-tao`, 303);
}

export default function NewConferencePage() {
  const { csrfToken, organizations, consultations } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = answer?.fieldErrors ?? {};
  const values: Record<string, string | undefined> = answer?.values ?? {};
  const messages = useFocusOn(answer);
  if (organizations.length === 0) {
    return (
      <section aria-labelledby="new-conference-title">
        <h1 id="new-conference-title">Ghi nhận hội nghị, thư góp ý</h1>
        <p className="notice">Tài khoản của bạn chưa gắn với tổ chức nào (hoặc chưa có tổ chức nào trong cây tổ chức). Vui lòng liên hệ quản trị viên.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="new-conference-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/hoi-nghi">← Hội nghị, thư góp ý</Link>
      </p>
      <h1 id="new-conference-title">Ghi nhận hội nghị, thư góp ý</h1>
      <p className="hint">Sau khi lưu, bạn nhập các ý kiến của hội nghị (gõ từng ý kiến hoặc tải lên tệp Excel, CSV theo mẫu).</p>
      <Form method="post" className="staff-form" replace>
        <FormMessages errorCount={Object.keys(errors).length} focusRef={messages} />
        <CsrfField token={csrfToken} />
        <div className="field">
          <label htmlFor="f-consultationId">Dự thảo được góp ý</label>
          <select
            {...fieldProps("consultationId", errors)}
            required
            defaultValue={values.consultationId ?? (consultations.length === 1 ? consultations[0]!.id : "")}
          >
            <option value="" disabled>
              — Chọn dự thảo —
            </option>
            {consultations.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <FieldError name="consultationId" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="f-organizationId">Tổ chức thu thập ý kiến</label>
          <select
            {...fieldProps("organizationId", errors)}
            required
            defaultValue={values.organizationId ?? (organizations.length === 1 ? organizations[0]!.id : "")}
          >
            <option value="" disabled>
              — Chọn tổ chức —
            </option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {`${"\u00a0\u00a0".repeat(o.depth)}${o.depth ? "└ " : ""}${o.name}`}
              </option>
            ))}
          </select>
          <FieldError name="organizationId" errors={errors} />
        </div>
        <fieldset className="org-locality">
          <legend>Hình thức</legend>
          {(Object.keys(CHANNELS) as (keyof typeof CHANNELS)[]).map((channel) => (
            <label key={channel} className="check">
              <input type="radio" name="channel" value={channel} required defaultChecked={(values.channel ?? "CONFERENCE") === channel} />
              {CHANNELS[channel]}
            </label>
          ))}
          <FieldError name="channel" errors={errors} />
        </fieldset>
        <div className="field">
          <label htmlFor="f-title">Tên hội nghị hoặc tiêu đề thư</label>
          <input
            {...fieldProps("title", errors)}
            type="text"
            required
            maxLength={200}
            defaultValue={values.title ?? ""}
            placeholder="Ví dụ: Hội nghị lấy ý kiến Nhân dân xã Một"
          />
          <FieldError name="title" errors={errors} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="f-heldOn">Ngày tổ chức (hoặc ngày của thư)</label>
            <input {...fieldProps("heldOn", errors)} type="date" required defaultValue={values.heldOn ?? ""} />
            <FieldError name="heldOn" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="f-attendees">Số người dự</label>
            <input {...fieldProps("attendees", errors)} type="number" min={0} step={1} inputMode="numeric" defaultValue={values.attendees ?? ""} />
            <FieldError name="attendees" errors={errors} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="f-place">Địa điểm</label>
          <input {...fieldProps("place", errors)} type="text" maxLength={200} defaultValue={values.place ?? ""} />
          <FieldError name="place" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="f-chairperson">Người chủ trì</label>
          <input {...fieldProps("chairperson", errors)} type="text" maxLength={100} defaultValue={values.chairperson ?? ""} />
          <FieldError name="chairperson" errors={errors} />
        </div>
        <div className="field">
          <label htmlFor="f-note">Ghi chú</label>
          <textarea {...fieldProps("note", errors)} rows={3} maxLength={2000} defaultValue={values.note ?? ""} />
          <FieldError name="note" errors={errors} />
        </div>
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          Lưu và nhập ý kiến
        </button>
      </Form>
    </section>
  );
}
