import { STANCES } from "~/vocabulary/vocabulary.ts";
import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { handleConferenceForm } from "~/conferences/actions.server.ts";
import { CHANNELS } from "~/conferences/conference-form.ts";
import { conferenceOpinions, getConference, versionBlocks } from "~/conferences/conferences.server.ts";
import { OpinionForm, UploadForm } from "~/conferences/ui/opinion-forms.tsx";
import { RowErrors } from "~/organizations/ui/row-errors.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import organizationStyles from "~/styles/organizations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: organizationStyles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.conference.title : "Hội nghị" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

const NOT_FOUND = () =>
  new Response("Không tìm thấy hội nghị này, hoặc hội nghị không thuộc tổ chức của bạn.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

const STATUS_LABELS: Record<string, string> = { PENDING: "Chờ kiểm duyệt", APPROVED: "Đã duyệt", REJECTED: "Không đăng" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "conferences.manage");
  const db = getDb();
  const conference = await getConference(db, user, params.id ?? "");
  if (!conference) throw NOT_FOUND();
  const versionId = conference.consultation.publishedVersionId;
  const [blocks, opinions] = await Promise.all([versionId ? versionBlocks(db, versionId) : [], conferenceOpinions(db, conference.id)]);
  const labelOf = new Map(blocks.map((b) => [b.key, b.label]));
  return {
    csrfToken: user.csrfToken,
    conference: {
      id: conference.id,
      title: conference.title,
      channel: CHANNELS[conference.channel as keyof typeof CHANNELS] ?? conference.channel,
      heldOn: formatDate(conference.heldOn),
      place: conference.place,
      attendees: conference.attendees,
      chairperson: conference.chairperson,
      note: conference.note,
      organization: conference.organization.name,
      consultation: conference.consultation.title,
      charLimit: conference.consultation.commentCharLimit,
      opinionCount: conference._count.comments,
    },
    blocks: blocks.map(({ key, label }) => ({ key, label })),
    opinions: opinions.map((o) => ({
      id: o.id,
      target: o.blockKey ? (labelOf.get(o.blockKey) ?? "—") : "Toàn văn dự thảo",
      stance: STANCES[o.stance as keyof typeof STANCES] ?? o.stance,
      text: o.originalText,
      author: o.authorName,
      status: STATUS_LABELS[o.status] ?? o.status,
      date: formatDate(o.createdAt),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "conferences.manage", db);
  const conference = await getConference(db, user, params.id ?? "");
  if (!conference) throw NOT_FOUND();
  const answer = await handleConferenceForm(db, getSql(), user, conference, formData);
  // A complete success goes back to the page (a reload does not post again); anything else is shown.
  if (answer.ok && answer.intent === "them-y-kien") return redirect(`/quan-tri/hoi-nghi/${conference.id}?thong-bao=da-them`, 303);
  if (answer.ok && answer.intent === "tai-len" && answer.skipped.length === 0 && answer.alreadyIn.length === 0)
    return redirect(`/quan-tri/hoi-nghi/${conference.id}?da-nhap=${answer.imported}`, 303);
  return data(answer, { status: answer.ok ? 200 : 400 });
}

/** "dòng 2, 3 và 5" (the first twenty, then how many more). */
function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 20).map(String);
  const more = lines.length - shown.length;
  if (more > 0) return `dòng ${shown.join(", ")} và ${formatCount(more)} dòng khác`;
  return shown.length > 1 ? `dòng ${shown.slice(0, -1).join(", ")} và ${shown[shown.length - 1]}` : `dòng ${shown[0]}`;
}

export default function ConferencePage() {
  const { conference, blocks, opinions, csrfToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  // The page's own notices belong to the address it was opened with; after a post, the post's answer speaks.
  const notice = answer ? null : search.get("thong-bao");
  const imported = answer ? NaN : Number(search.get("da-nhap") ?? NaN);
  const upload = answer?.intent === "tai-len" ? answer : null;
  const typed = answer?.intent === "them-y-kien" && !answer.ok ? answer : null;
  return (
    <section aria-labelledby="conference-title">
      <p className="breadcrumb">
        <Link to="/quan-tri/hoi-nghi">← Hội nghị, thư góp ý</Link>
      </p>
      <h1 id="conference-title">{conference.title}</h1>
      <dl className="conference-summary">
        <dt>Hình thức</dt>
        <dd>
          <span className="badge channel-badge">{conference.channel}</span>
        </dd>
        <dt>Tổ chức</dt>
        <dd>{conference.organization}</dd>
        <dt>Dự thảo</dt>
        <dd>{conference.consultation}</dd>
        <dt>Ngày</dt>
        <dd>{conference.heldOn}</dd>
        {conference.place ? (
          <>
            <dt>Địa điểm</dt>
            <dd>{conference.place}</dd>
          </>
        ) : null}
        {conference.attendees !== null ? (
          <>
            <dt>Số người dự</dt>
            <dd>{formatCount(conference.attendees)}</dd>
          </>
        ) : null}
        {conference.chairperson ? (
          <>
            <dt>Người chủ trì</dt>
            <dd>{conference.chairperson}</dd>
          </>
        ) : null}
        {conference.note ? (
          <>
            <dt>Ghi chú</dt>
            <dd>{conference.note}</dd>
          </>
        ) : null}
        <dt>Số ý kiến</dt>
        <dd>{formatCount(conference.opinionCount)}</dd>
      </dl>

      <div role="status" aria-live="polite">
        {notice === "da-tao" ? <p className="notice-ok">Đã lưu hội nghị. Bây giờ hãy nhập các ý kiến.</p> : null}
        {notice === "da-them" ? <p className="notice-ok">Đã thêm ý kiến; ý kiến đang chờ kiểm duyệt.</p> : null}
        {Number.isFinite(imported) ? <p className="notice-ok">Đã nhập {formatCount(imported)} ý kiến từ tệp; các ý kiến đang chờ kiểm duyệt.</p> : null}
        {upload?.ok ? (
          <p className="notice-ok">
            {upload.imported
              ? `Đã nhập ${formatCount(upload.imported)} ý kiến mới từ tệp; các ý kiến đang chờ kiểm duyệt.`
              : "Tệp không có ý kiến mới nào để nhập."}
            {upload.skipped.length ? ` Bỏ qua ${formatCount(upload.skipped.length)} dòng có lỗi (liệt kê bên dưới).` : null}
          </p>
        ) : null}
        {upload?.alreadyIn.length ? (
          <p className="notice" data-already-in>
            {formatCount(upload.alreadyIn.length)} dòng đã được nhập cho hội nghị này từ lần trước nên không nhập lại: {lineList(upload.alreadyIn)}.
          </p>
        ) : null}
      </div>
      {upload?.ok && upload.skipped.length ? <RowErrors errors={upload.skipped} nothingStored={false} /> : null}
      {upload && !upload.ok ? (
        <>
          <RowErrors formError={upload.formError} errors={upload.errors} nothingStored />
          {upload.errors.length && upload.validRows ? (
            <p className="hint">
              Tệp có {formatCount(upload.validRows)} dòng hợp lệ chưa nhập. Sửa các dòng trên rồi tải lên lại cả tệp, hoặc chọn «Chỉ nhập các dòng hợp lệ» để
              nhập riêng các dòng đó ngay; khi tải lên lại tệp đã sửa, các dòng đã nhập được nhận ra và không nhập hai lần.
            </p>
          ) : null}
        </>
      ) : null}

      <UploadForm
        csrfToken={csrfToken}
        templateHref={`/quan-tri/hoi-nghi/${conference.id}/mau.xlsx`}
        validOnly={upload && !upload.ok ? upload.validOnly : false}
      />
      <OpinionForm csrfToken={csrfToken} blocks={blocks} charLimit={conference.charLimit} values={typed?.values ?? {}} errors={typed?.fieldErrors ?? {}} />

      <h2 id="opinions-title">Ý kiến đã ghi nhận</h2>
      {opinions.length === 0 ? (
        <p className="notice">Chưa có ý kiến nào.</p>
      ) : (
        <>
          {conference.opinionCount > opinions.length ? (
            <p className="hint">
              {formatCount(opinions.length)} trong số {formatCount(conference.opinionCount)} ý kiến.
            </p>
          ) : null}
          <ul className="opinion-list" aria-labelledby="opinions-title">
            {opinions.map((o) => (
              <li key={o.id}>
                <span className="meta">
                  {o.target} · <strong>{o.stance}</strong> · {o.author} · {o.date} · {o.status}
                </span>
                <p>{o.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
