import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { consultationPageAction, type PageAnswer } from "~/consultations/drafting/actions.server.ts";
import { NOTICES } from "~/consultations/drafting/notices.ts";
import { getConsultationForStaff } from "~/consultations/drafting/consultations.server.ts";
import { closeProblem, offeredActions, openProblem, periodLocked, scheduleProblem, slugFrozen } from "~/consultations/drafting/rules.ts";
import { settingsValues, type SettingsValues } from "~/consultations/drafting/settings-form.ts";
import { SettingsFields } from "~/consultations/drafting/ui/settings-fields.tsx";
import { StateActions } from "~/consultations/drafting/ui/state-actions.tsx";
import { draftingLinks } from "~/consultations/drafting/ui/styles.ts";
import { publicStatus, STAFF_STATUS_LABEL, timeLeftText } from "~/consultations/status.ts";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

export const links: LinksFunction = draftingLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Đợt lấy ý kiến: ${data.consultation.title}` : "Đợt lấy ý kiến" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const SOURCES: Record<string, string> = {
  docx: "tệp Word (.docx)",
  markdown: "tệp Markdown",
  text: "tệp văn bản",
  editor: "trình soạn thảo",
  seed: "dữ liệu mẫu",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "consultations.manage");
  const consultation = await getConsultationForStaff(getDb(), params.id ?? "");
  if (!consultation) throw new Response("Không tìm thấy đợt lấy ý kiến.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const now = new Date();
  const state = publicStatus(consultation, now);
  return {
    csrfToken: user.csrfToken,
    consultation,
    state,
    timeLeft: timeLeftText(consultation, now),
    values: settingsValues(consultation),
    slugLocked: slugFrozen(consultation),
    periodLocked: periodLocked(consultation, now),
    offered: offeredActions(consultation, now),
    problems: { schedule: scheduleProblem(consultation, now), open: openProblem(consultation, now), close: closeProblem(consultation, now) },
  };
}

export const action = ({ request, params }: ActionFunctionArgs) => consultationPageAction(request, params.id ?? "");

export default function ConsultationAdminPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as PageAnswer | undefined;
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const { consultation: c, state } = loaded;
  const settingsAnswer = answer?.intent === "luu" ? answer : undefined;
  const errors: Record<string, string> = settingsAnswer?.fieldErrors ?? {};
  const values: SettingsValues = settingsAnswer?.values ?? loaded.values;
  const messages = useFocusOn(settingsAnswer);
  const notice = answer ? null : NOTICES[search.get("thong-bao") ?? ""];
  const busy = navigation.state === "submitting";
  const base = `/quan-tri/du-thao/${c.id}`;

  return (
    <section aria-labelledby="draft-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/du-thao">← Dự thảo và đợt lấy ý kiến</Link>
      </p>
      <h1 id="draft-title">{c.title}</h1>
      {notice ? (
        <p className="notice-ok" role="status">
          {notice}
        </p>
      ) : null}

      <dl className="draft-summary">
        <div>
          <dt>Trạng thái</dt>
          <dd>
            <span className={`badge status-${state}`}>{STAFF_STATUS_LABEL[state]}</span>
            {loaded.timeLeft ? ` · ${loaded.timeLeft}` : null}
          </dd>
          <dt>Thời gian lấy ý kiến</dt>
          <dd>{c.opensAt || c.closesAt ? `${formatDateTime(c.opensAt) || "—"} đến ${formatDateTime(c.closesAt) || "—"}` : "Chưa đặt"}</dd>
          <dt>Trang công khai</dt>
          <dd>{state === "draft" ? "Chưa công khai (bản nháp)" : <Link to={consultationPath(c.slug)}>/du-thao/{c.slug}</Link>}</dd>
        </div>
        <div>
          <dt>Bản đã công bố</dt>
          <dd>
            {c.publishedVersion
              ? `Bản số ${c.publishedVersion.number}, công bố lúc ${formatDateTime(c.publishedVersion.publishedAt)}: ${formatCount(c.publishedVersion._count.blocks)} đoạn`
              : "Chưa có"}
          </dd>
          <dt>Bản làm việc</dt>
          <dd>
            {c.workingCopy
              ? `Bản số ${c.workingCopy.number}, phiên bản ${c.workingCopy.revision}, từ ${SOURCES[c.workingCopy.source] ?? c.workingCopy.source}; sửa lần cuối lúc ${formatDateTime(c.workingCopy.updatedAt)}${c.workingCopy.updatedByName ? ` bởi ${c.workingCopy.updatedByName}` : ""}`
              : "Chưa có (nhập tệp hoặc soạn để tạo)"}
          </dd>
          <dt>Ý kiến</dt>
          <dd>
            {formatCount(c.comments.pending)} chờ duyệt, {formatCount(c.comments.approved)} đã duyệt, {formatCount(c.comments.rejected)} bị từ chối
          </dd>
        </div>
      </dl>
      <ul className="draft-links">
        <li>
          <Link to={`${base}/nhap`} className="button">
            Nhập bản dự thảo từ tệp
          </Link>
        </li>
        <li>
          <Link to={`${base}/soan-thao`} className="button">
            Soạn thảo và công bố
          </Link>
        </li>
        {c.workingCopy && c.publishedVersion ? (
          <li>
            <Link to={`${base}/doi-chieu`} className="button">
              Đối chiếu với bản đang công bố
            </Link>
          </li>
        ) : null}
      </ul>

      <h2>Trạng thái lấy ý kiến</h2>
      <StateActions
        csrfToken={loaded.csrfToken}
        offered={loaded.offered}
        problems={loaded.problems}
        answer={answer?.intent === "luu" ? undefined : answer}
        busy={busy}
      />

      <h2 id="settings-title">Thông tin đợt lấy ý kiến</h2>
      <Form
        method="post"
        className="staff-form wide"
        replace
        aria-labelledby="settings-title"
        key={settingsAnswer ? JSON.stringify(settingsAnswer) : `r${c.revision}`}
      >
        <FormMessages formError={settingsAnswer?.formError} errorCount={Object.keys(errors).length} focusRef={messages} />
        <CsrfField token={loaded.csrfToken} />
        <input type="hidden" name="intent" value="luu" />
        <input type="hidden" name="revision" value={c.revision} />
        <SettingsFields values={values} errors={errors} slugLocked={loaded.slugLocked} periodLocked={loaded.periodLocked} />
        <button type="submit" className="primary" disabled={busy}>
          Lưu thông tin
        </button>
      </Form>
    </section>
  );
}
