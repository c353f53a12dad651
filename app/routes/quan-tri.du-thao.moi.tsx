import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { createConsultationAction } from "~/consultations/drafting/actions.server.ts";
import { NEW_SETTINGS, type SettingsValues } from "~/consultations/drafting/settings-form.ts";
import { SettingsFields } from "~/consultations/drafting/ui/settings-fields.tsx";
import { draftingLinks } from "~/consultations/drafting/ui/styles.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

export const links: LinksFunction = draftingLinks;
export const meta: MetaFunction = () => [{ title: "Tạo đợt lấy ý kiến" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "consultations.manage");
  return { csrfToken: user.csrfToken };
}

export const action = ({ request }: ActionFunctionArgs) => createConsultationAction(request);

export default function NewConsultationPage() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = answer?.fieldErrors ?? {};
  const values: SettingsValues = answer?.values ?? NEW_SETTINGS;
  const messages = useFocusOn(answer);
  return (
    <section aria-labelledby="new-draft-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/du-thao">← Dự thảo và đợt lấy ý kiến</Link>
      </p>
      <h1 id="new-draft-title">Tạo đợt lấy ý kiến</h1>
      <p className="hint">
        Đợt lấy ý kiến được tạo ở trạng thái bản nháp, chưa công khai. Sau khi lưu, bạn nhập bản dự thảo từ tệp (.docx, Markdown, văn bản) hoặc soạn trực tiếp,
        công bố, rồi lên lịch lấy ý kiến.
      </p>
      {/* The key makes the fields take the values of each answer (they are uncontrolled). */}
      <Form method="post" className="staff-form wide" replace key={answer ? JSON.stringify(answer.values) : "new"}>
        <FormMessages errorCount={Object.keys(errors).length} focusRef={messages} />
        <CsrfField token={csrfToken} />
        <SettingsFields values={values} errors={errors} deriveSlug />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          Tạo bản nháp
        </button>
      </Form>
    </section>
  );
}
