import type { ReactNode } from "react";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AUDIT_ACTION_LABELS, auditActionLabel } from "~/audit/actions.ts";
import { AUDIT_PARAMS, auditSearch, parseAuditFilters } from "~/audit/audit-filters.ts";
import { listActors, listAuditEvents, subjectNames } from "~/audit/audit-log.server.ts";
import { describeEvent } from "~/audit-log/sentences.ts";
import { DiffText } from "~/ui/diff-text.tsx";
import { getDb } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { requireStaff } from "~/staff/auth.server.ts";

// The audit log, read-only: there is no form here that changes anything.
export const meta: MetaFunction = () => [{ title: "Nhật ký hoạt động" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "audit.view");
  const db = getDb();
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const [{ events, next }, actors] = await Promise.all([listAuditEvents(db, filters), listActors(db)]);
  const { after, ...current } = filters;
  const nextSearch = next ? auditSearch({ ...current, after: next }).toString() : null;
  const names = await subjectNames(db, events);
  return {
    filters: current,
    isFirstPage: !after,
    firstPageSearch: auditSearch(current).toString(),
    nextSearch,
    csvSearch: user.permissions.has("audit.export") ? auditSearch(current).toString() : null,
    actors,
    events: events.map((e) => ({ id: e.id, createdAt: e.createdAt, label: auditActionLabel(e.action), note: e.note, ...describeEvent(e, names) })),
  };
}

export default function AuditLogPage() {
  const { filters, isFirstPage, firstPageSearch, nextSearch, csvSearch, actors, events } = useLoaderData<typeof loader>();
  const actions = Object.entries(AUDIT_ACTION_LABELS);
  if (filters.action && !AUDIT_ACTION_LABELS[filters.action]) actions.push([filters.action, filters.action]);
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Nhật ký hoạt động</h1>
      <p className="hint">Mọi thao tác của cán bộ được ghi lại và không thể sửa hay xóa. Mới nhất ở trên cùng.</p>

      <Form method="get" className="staff-form audit-filters" aria-label="Lọc nhật ký">
        <div className="field">
          <label htmlFor="f-action">Hành động</label>
          <select id="f-action" name={AUDIT_PARAMS.action} defaultValue={filters.action ?? ""}>
            <option value="">Tất cả</option>
            {actions.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-actor">Người thực hiện</label>
          <select id="f-actor" name={AUDIT_PARAMS.actorId} defaultValue={filters.actorId ?? ""}>
            <option value="">Tất cả</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-from">Từ ngày</label>
          <input id="f-from" name={AUDIT_PARAMS.from} type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">Đến ngày</label>
          <input id="f-to" name={AUDIT_PARAMS.to} type="date" defaultValue={filters.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-comment">Mã ý kiến</label>
          <input
            id="f-comment"
            name={AUDIT_PARAMS.commentId}
            type="text"
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            defaultValue={filters.commentId ?? ""}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Lọc
          </button>
          <Link to="/quan-tri/nhat-ky">Bỏ lọc</Link>
          {csvSearch !== null ? (
            <a href={`/quan-tri/nhat-ky.csv${csvSearch ? `?${csvSearch}` : ""}`} download>
              Tải về CSV
            </a>
          ) : null}
        </div>
      </Form>

      {events.length === 0 ? (
        <p className="notice">Không có sự kiện nào khớp với bộ lọc.</p>
      ) : (
        <ol className="audit-list">
          {events.map((e) => (
            <li key={e.id} className="audit-event">
              <p className="audit-head">
                <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt)}</time> · <strong>{e.actor}</strong> {e.verb}
                {e.object ? " " : null}
                {e.object && e.href ? <Link to={e.href}>{e.object}</Link> : e.object}.
              </p>
              {e.changes.length || e.note ? (
                <dl className="audit-details">
                  {e.changes.map((c, i) => (
                    <Change key={i} change={c} />
                  ))}
                  {e.note ? <Detail term="Ghi chú" value={e.note} /> : null}
                </dl>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      <nav className="pagination" aria-label="Trang nhật ký">
        {!isFirstPage ? <Link to={`/quan-tri/nhat-ky${firstPageSearch ? `?${firstPageSearch}` : ""}`}>« Mới nhất</Link> : <span />}
        {nextSearch ? <Link to={`/quan-tri/nhat-ky?${nextSearch}`}>Cũ hơn »</Link> : null}
      </nav>
    </section>
  );
}

function Change({
  change,
}: {
  change: { label: string; before: string | null; after: string | null; diff: { kind: "same" | "ins" | "del"; text: string }[] | null };
}) {
  if (change.diff) return <Detail term={change.label} value={<DiffText segments={change.diff} />} />;
  if (change.before === null) return <Detail term={change.label} value={change.after ?? ""} />;
  if (change.after === null) return <Detail term={`${change.label} (trước)`} value={change.before} />;
  return <Detail term={change.label} value={`${change.before} → ${change.after}`} />;
}

function Detail({ term, value }: { term: string; value: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
