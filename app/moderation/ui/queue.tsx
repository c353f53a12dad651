import { supportersLabel } from "~/comments/support-form.ts";
import { COMMENT_STATUSES, STANCES } from "~/vocabulary/vocabulary.ts";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatDateTime } from "~/platform/format.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { DiffText } from "~/ui/diff-text.tsx";
import { ProposalDiff } from "~/ui/proposal-diff.tsx";
import { FLAG_LABELS, type FlagName } from "~/comments/flags.ts";
import type { ShownProposal } from "~/comments/proposal.ts";
import { useQueueShortcuts, SHORTCUTS } from "./shortcuts.ts";

// The moderation queue page. Every action is a plain form post (works without JavaScript); with
// JavaScript each item posts through its own fetcher, shows the decision at once and rolls back with
// the server's message when the decision is refused. Keyboard shortcuts in ./shortcuts.ts.
// After a decision keyboard focus goes on to the next item still to decide (or, when none is left, to
// the heading, with an announcement); without JavaScript the server's redirect lands at that item's
// anchor (the forms' `anchor` field, sent only until the scripts start).

type Stance = keyof typeof STANCES;
interface Answer {
  ok: boolean;
  message: string;
  intent: string | null;
  id: string | null;
  text?: string;
}
interface Item {
  id: string;
  consultation: { title: string; slug: string } | null;
  block: { label: string; text: string } | null;
  quote: string | null;
  stance: Stance;
  originalText: string;
  publishedText: string | null;
  proposal: ShownProposal | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
  rejectReason: string | null;
  author: {
    name: string;
    email: string | null;
    phone: string | null;
    locality: string;
    occupation: string | null;
    ageGroup: string | null;
    onBehalfOf: string | null;
  };
  flags: FlagName[];
  channel?: "ONLINE" | "CONFERENCE" | "LETTER";
  group: { id: string; size: number; pending: number } | null;
  claim: { byMe: boolean; by: string; until: string | Date } | null;
  createdAt: string | Date;
  decidedAt: string | Date | null;
  decidedBy: string | null;
}
interface Group {
  id: string;
  size: number;
  pending: number;
  approved: number;
  supporters: number;
  text: string;
  stance: Stance;
  consultationTitle: string;
  blockLabel: string | null;
  claim: { by: string; until: string | Date } | null;
  members: {
    id: string;
    status: string;
    createdAt: string | Date;
    diff: { kind: "same" | "ins" | "del"; text: string }[];
    same: boolean;
    repeats: number | null;
  }[];
  moreMembers: number;
}
interface Props {
  filters: Record<string, string | undefined>;
  options: {
    consultations: { id: string; title: string }[];
    sections: { key: string; text: string; level: number }[];
    reasons: { id: string; label: string }[];
  };
  queue: { items: Item[]; next: string | null } | null;
  groups: Group[] | null;
  /** What a plain form post's decision did (read back from the address it was redirected to). */
  notice?: string | null;
  csrfToken: string;
  can: { decide: boolean; bulk: boolean };
  answer: Answer | null;
}

/** How an item's forms hand over after a decision: the anchor to land at without JavaScript, the focus move with it. */
interface AfterDecision {
  /** The next item's anchor (or the heading's), sent by plain form posts; null once the scripts run. */
  anchor: string | null;
  onDecide: (event: { currentTarget: HTMLFormElement }) => void;
}

const HEADING_ID = "kiem-duyet-tieu-de";

/** True once the page's scripts have started (false in the server's HTML and without JavaScript). */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const AGE_LABELS = { "1h": "Chờ quá 1 giờ", "24h": "Chờ quá 24 giờ", "3d": "Chờ quá 3 ngày" } as const;

export function ModerationQueue({ filters, options, queue, groups, notice, csrfToken, can, answer }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const hydrated = useHydrated();
  const [announcement, setAnnouncement] = useState("");
  useQueueShortcuts(listRef);
  // A decision was sent from the item holding `form`: focus the next item still to decide (after it, or
  // else before it), or the heading with an announcement when none is left on the page.
  const onDecide = useCallback(({ currentTarget: form }: { currentTarget: HTMLFormElement }) => {
    const from = form.closest<HTMLElement>("[data-queue-item]");
    const open = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-queue-item]") ?? [])].filter(
      (el) => el === from || !el.classList.contains("decided"),
    );
    const at = open.indexOf(from as HTMLElement);
    const next = open[at + 1] ?? open[at - 1];
    if (next) {
      setAnnouncement("");
      next.focus();
      return;
    }
    setAnnouncement("Đã xử lý hết các ý kiến trên trang này.");
    headingRef.current?.focus();
  }, []);
  // Without JavaScript, each item's decision lands at the next item's anchor, the last one's at the heading.
  const anchors = (ids: string[], prefix: string) => ids.map((_, i) => (hydrated ? null : ids[i + 1] ? `${prefix}-${ids[i + 1]}` : HEADING_ID));
  const itemAnchors = anchors(queue?.items.map((item) => item.id) ?? [], "y");
  const groupAnchors = anchors(groups?.map((group) => group.id) ?? [], "n");
  const query = (extra: Record<string, string | null>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) params.set(k, v);
    return `?${params}`;
  };
  return (
    <section className="moderation" aria-labelledby="kiem-duyet-tieu-de">
      <h1 id={HEADING_ID} ref={headingRef} tabIndex={-1}>
        Kiểm duyệt ý kiến
      </h1>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {notice && !answer ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {answer && !(answer.id && (queue?.items.some((i) => i.id === answer.id) || groups?.some((g) => g.id === answer.id))) ? (
        <p role={answer.ok ? "status" : "alert"} className={answer.ok ? "notice" : "error-summary"}>
          {answer.message}
        </p>
      ) : null}
      <FilterBar filters={filters} options={options} />
      <p className="view-switch">
        {filters.view === "groups" ? (
          <Link to={query({ view: "items", after: null })}>Xem từng ý kiến</Link>
        ) : (
          <Link to={query({ view: "groups", after: null })}>Xem theo nhóm trùng lặp</Link>
        )}
      </p>
      <details className="shortcuts">
        <summary>Phím tắt</summary>
        <dl>
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
      </details>
      {queue ? (
        <>
          {can.bulk && queue.items.length ? <BulkForm csrfToken={csrfToken} reasons={options.reasons} /> : null}
          {queue.items.length === 0 ? <p>Không có ý kiến nào phù hợp với bộ lọc.</p> : null}
          <ol className="queue" ref={listRef}>
            {queue.items.map((item, i) => (
              <li key={item.id}>
                <QueueItem
                  item={item}
                  csrfToken={csrfToken}
                  can={can}
                  reasons={options.reasons}
                  answer={answer?.id === item.id ? answer : null}
                  after={{ anchor: itemAnchors[i] ?? null, onDecide }}
                />
              </li>
            ))}
          </ol>
          {queue.next ? (
            <p>
              <Link to={query({ after: queue.next })} rel="next">
                Trang sau
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
      {groups ? (
        <>
          {groups.length === 0 ? <p>Không có nhóm ý kiến trùng lặp nào đang chờ duyệt.</p> : null}
          <ol className="queue" ref={listRef}>
            {groups.map((group, i) => (
              <li key={group.id}>
                <GroupItem
                  group={group}
                  csrfToken={csrfToken}
                  can={can}
                  reasons={options.reasons}
                  answer={answer?.id === group.id ? answer : null}
                  after={{ anchor: groupAnchors[i] ?? null, onDecide }}
                />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function FilterBar({ filters, options }: Pick<Props, "filters" | "options">) {
  const select = (name: string, label: string, entries: [string, string][], all = "Tất cả") => (
    <p className="field">
      <label htmlFor={`loc-${name}`}>{label}</label>
      <select id={`loc-${name}`} name={name} defaultValue={filters[name] ?? ""}>
        {all ? <option value="">{all}</option> : null}
        {entries.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </p>
  );
  return (
    <Form method="get" className="filters" aria-label="Bộ lọc hàng chờ">
      <input type="hidden" name="view" value={filters.view ?? "items"} />
      {select(
        "consultation",
        "Dự thảo",
        options.consultations.map((c) => [c.id, c.title]),
      )}
      {options.sections.length
        ? select(
            "section",
            "Phần, mục",
            options.sections.map((s) => [s.key, `${s.level > options.sections[0]!.level ? "— " : ""}${s.text}`]),
          )
        : null}
      {select("status", "Trạng thái", Object.entries(COMMENT_STATUSES), "")}
      {select("stance", "Quan điểm", Object.entries(STANCES))}
      {select("flag", "Cảnh báo tự động", Object.entries(FLAG_LABELS))}
      {select("age", "Thời gian chờ", Object.entries(AGE_LABELS))}
      {select(
        "order",
        "Thứ tự",
        [
          ["oldest", "Cũ nhất trước"],
          ["newest", "Mới nhất trước"],
        ],
        "",
      )}
      <p className="field">
        <button type="submit" className="primary">
          Lọc
        </button>
      </p>
    </Form>
  );
}

function BulkForm({ csrfToken, reasons }: { csrfToken: string; reasons: Props["options"]["reasons"] }) {
  return (
    <Form method="post" id="chon-nhieu" className="bulk" aria-label="Xử lý các ý kiến đã chọn">
      <CsrfField token={csrfToken} />
      <button type="submit" name="intent" value="bulk-approve" className="primary">
        Duyệt các ý kiến đã chọn
      </button>
      <ReasonFields reasons={reasons} idPrefix="chon-nhieu" required={false} />
      <button type="submit" name="intent" value="bulk-reject" className="danger">
        Từ chối các ý kiến đã chọn
      </button>
    </Form>
  );
}

function ReasonFields({ reasons, idPrefix, required = true }: { reasons: Props["options"]["reasons"]; idPrefix: string; required?: boolean }) {
  return (
    <>
      <label htmlFor={`${idPrefix}-ly-do`}>Lý do từ chối</label>
      <select id={`${idPrefix}-ly-do`} name="reason" required={required} defaultValue="" data-reason>
        <option value="">— Chọn lý do —</option>
        {reasons.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-ghi-chu`}>Ghi chú (không bắt buộc)</label>
      <input id={`${idPrefix}-ghi-chu`} name="note" maxLength={500} />
    </>
  );
}

/** What every item form posts besides its intent: the CSRF token, what it is about and, without JavaScript, where to land after a decision. */
function HiddenFields({ csrfToken, name, value, anchor }: { csrfToken: string; name: "id" | "group"; value: string; anchor: string | null }) {
  return (
    <>
      <CsrfField token={csrfToken} />
      <input type="hidden" name={name} value={value} />
      {anchor ? <input type="hidden" name="anchor" value={anchor} /> : null}
    </>
  );
}

const DECIDING = { approve: "Đang duyệt…", edit: "Đang lưu bản biên tập và duyệt…", reject: "Đang từ chối…" } as Record<string, string>;

function QueueItem({
  item,
  csrfToken,
  can,
  reasons,
  answer,
  after,
}: {
  item: Item;
  csrfToken: string;
  can: Props["can"];
  reasons: Props["options"]["reasons"];
  answer: Answer | null;
  after: AfterDecision;
}) {
  const fetcher = useFetcher<Answer>();
  const intent = fetcher.formData?.get("intent");
  // Optimistic: a decision shows at once; a refused one rolls back with the server's message.
  const pending = typeof intent === "string" && intent in DECIDING ? DECIDING[intent] : null;
  const result = fetcher.state === "idle" ? (fetcher.data ?? answer) : null;
  const decided = result?.ok && result.intent && result.intent in DECIDING;
  const [editing, setEditing] = useState(false);
  const prefix = `y-${item.id}`;
  const editText = result && !result.ok && result.intent === "edit" && result.text !== undefined ? result.text : (item.publishedText ?? item.originalText);
  useEffect(() => {
    if (result && !result.ok) setEditing(result.intent === "edit");
  }, [result]);
  const Post = fetcher.Form;
  const hidden = <HiddenFields csrfToken={csrfToken} name="id" value={item.id} anchor={null} />;
  const deciding = <HiddenFields csrfToken={csrfToken} name="id" value={item.id} anchor={after.anchor} />;
  return (
    <article id={prefix} className={`queue-item${pending || decided ? " decided" : ""}`} tabIndex={-1} data-queue-item aria-labelledby={`${prefix}-tieu-de`}>
      <header>
        <h2 id={`${prefix}-tieu-de`} className="queue-item-title">
          {item.block?.label ?? "Toàn văn dự thảo"}
          <span className="muted"> · {item.consultation?.title}</span>
        </h2>
        <p className="meta">
          <span className={`badge stance-${item.stance.toLowerCase()}`}>{STANCES[item.stance]}</span>{" "}
          <time dateTime={new Date(item.createdAt).toISOString()}>{formatDateTime(item.createdAt)}</time>
          {item.channel && item.channel !== "ONLINE" ? <span className="badge channel">{item.channel === "CONFERENCE" ? "Hội nghị" : "Thư góp ý"}</span> : null}
          {item.flags.map((f) => (
            <span key={f} className={`badge flag flag-${f.toLowerCase()}`}>
              {FLAG_LABELS[f]}
            </span>
          ))}
          {item.group ? (
            <span className="badge group">
              Nhóm trùng lặp: {item.group.size} ý kiến ({item.group.pending} chờ duyệt)
            </span>
          ) : null}
          {item.claim ? <span className="badge claim">{item.claim.byMe ? "Bạn đang xử lý" : `Đang do ${item.claim.by} xử lý`}</span> : null}
        </p>
      </header>
      {pending ? <p role="status">{pending}</p> : null}
      {decided ? <p role="status">{result!.message}</p> : null}
      {result && !result.ok ? (
        <p role="alert" className="field-error">
          {result.message}
        </p>
      ) : null}
      <div className="queue-item-body">
        <div className="queue-comment">
          {item.quote ? (
            <blockquote className="quoted">
              <mark>{item.quote}</mark>
            </blockquote>
          ) : null}
          {item.publishedText ? (
            <>
              <p className="comment-text">{item.publishedText}</p>
              <details>
                <summary>Bản gốc của người gửi</summary>
                <p className="comment-text">{item.originalText}</p>
              </details>
            </>
          ) : (
            <p className="comment-text">{item.originalText}</p>
          )}
          {item.proposal ? <ProposalDiff proposal={item.proposal} /> : null}
          <p className="author">
            {item.author.name}
            {item.author.onBehalfOf ? ` (thay mặt ${item.author.onBehalfOf})` : ""} · {item.author.locality}
            {item.author.email ? ` · ${item.author.email}` : ""}
            {item.author.phone ? ` · ${item.author.phone}` : ""}
            {item.author.occupation ? ` · ${item.author.occupation}` : ""}
            {item.author.ageGroup ? ` · ${item.author.ageGroup}` : ""}
          </p>
          {item.status !== "PENDING" ? (
            <p className="decision">
              {COMMENT_STATUSES[item.status]}
              {item.decidedBy ? ` bởi ${item.decidedBy}` : ""} {item.decidedAt ? `lúc ${formatDateTime(item.decidedAt)}` : ""}
              {item.rejectReason ? ` — ${item.rejectReason}` : ""}
            </p>
          ) : null}
        </div>
        {item.block ? (
          <details className="queue-block" open>
            <summary>Đoạn văn được góp ý</summary>
            <p>{item.block.text}</p>
          </details>
        ) : null}
      </div>
      {item.status === "PENDING" && can.decide && !decided ? (
        <div className="queue-actions">
          {can.bulk ? (
            <label className="select-item">
              <input type="checkbox" name="ids" value={item.id} form="chon-nhieu" data-select /> Chọn
            </label>
          ) : null}
          <Post method="post" onSubmit={after.onDecide} className="inline-form">
            {deciding}
            <button type="submit" name="intent" value="approve" data-action="approve" className="primary" disabled={!!pending}>
              Duyệt
            </button>
          </Post>
          {item.claim?.byMe ? (
            <Post method="post" className="inline-form">
              {hidden}
              <button type="submit" name="intent" value="release" className="secondary">
                Trả lại
              </button>
            </Post>
          ) : (
            <Post method="post" className="inline-form">
              {hidden}
              <button type="submit" name="intent" value="claim" data-action="claim" className="secondary">
                Nhận xử lý
              </button>
            </Post>
          )}
          <details className="action-panel" data-panel="reject">
            <summary className="button">Từ chối</summary>
            <Post method="post" onSubmit={after.onDecide}>
              {deciding}
              <ReasonFields reasons={reasons} idPrefix={prefix} />
              <button type="submit" name="intent" value="reject" className="danger" disabled={!!pending}>
                Từ chối ý kiến
              </button>
            </Post>
          </details>
          <details className="action-panel" data-panel="edit" open={editing} onToggle={(e) => setEditing((e.target as HTMLDetailsElement).open)}>
            <summary className="button">Biên tập rồi duyệt</summary>
            <Post method="post" onSubmit={after.onDecide}>
              {deciding}
              <label htmlFor={`${prefix}-bien-tap`}>Nội dung sẽ đăng (bản gốc vẫn được lưu)</label>
              <textarea id={`${prefix}-bien-tap`} name="text" rows={5} defaultValue={editText} key={editText} />
              <button type="submit" name="intent" value="edit" className="primary" disabled={!!pending}>
                Lưu và duyệt
              </button>
            </Post>
          </details>
        </div>
      ) : null}
    </article>
  );
}

/**
 * What a decision on the group decides: its other members, each with what differs from the text
 * above marked (<ins> added, <del> left out), folded in a <details> that works without JavaScript. Each
 * wording is shown once: a member with the text above, or with an earlier member's, says so instead.
 */
function GroupMembers({ group }: { group: Group }) {
  if (!group.members.length) return null;
  return (
    <details className="group-members">
      <summary>Xem {group.members.length + group.moreMembers} ý kiến khác trong nhóm (chỗ khác ý kiến trên được đánh dấu)</summary>
      <p className="muted">
        <ins>Chữ gạch chân</ins>: có thêm so với ý kiến trên; <del>chữ gạch ngang</del>: ý kiến trên có mà ý kiến này không có.
      </p>
      <ol>
        {group.members.map((member) => (
          <li key={member.id} data-member={member.id}>
            <span className="badge">{COMMENT_STATUSES[member.status as keyof typeof COMMENT_STATUSES] ?? member.status}</span>
            {member.same ? (
              <span className="muted"> Giống hệt ý kiến trên</span>
            ) : member.repeats ? (
              <span className="muted"> Giống hệt ý kiến thứ {member.repeats} trong danh sách này</span>
            ) : (
              <p className="comment-text">
                <DiffText segments={member.diff} />
              </p>
            )}
          </li>
        ))}
      </ol>
      {group.moreMembers ? <p>và {group.moreMembers} ý kiến khác</p> : null}
    </details>
  );
}

function GroupItem({
  group,
  csrfToken,
  can,
  reasons,
  answer,
  after,
}: {
  group: Group;
  csrfToken: string;
  can: Props["can"];
  reasons: Props["options"]["reasons"];
  answer: Answer | null;
  after: AfterDecision;
}) {
  const fetcher = useFetcher<Answer>();
  const intent = fetcher.formData?.get("intent");
  const pending = intent === "group-approve" ? "Đang duyệt cả nhóm…" : intent === "group-reject" ? "Đang từ chối cả nhóm…" : null;
  const result = fetcher.state === "idle" ? (fetcher.data ?? answer) : null;
  const prefix = `n-${group.id}`;
  const Post = fetcher.Form;
  const hidden = <HiddenFields csrfToken={csrfToken} name="group" value={group.id} anchor={null} />;
  const deciding = <HiddenFields csrfToken={csrfToken} name="group" value={group.id} anchor={after.anchor} />;
  return (
    <article id={prefix} className={`queue-item${pending ? " decided" : ""}`} tabIndex={-1} data-queue-item aria-labelledby={`${prefix}-tieu-de`}>
      <header>
        <h2 id={`${prefix}-tieu-de`} className="queue-item-title">
          Nhóm {group.size} ý kiến trùng lặp · {group.pending} chờ duyệt
          {group.supporters > 0 ? ` · ${supportersLabel(group.supporters)}` : null}
          <span className="muted">
            {" "}
            · {group.blockLabel ?? "Toàn văn dự thảo"} · {group.consultationTitle}
          </span>
        </h2>
        <p className="meta">
          <span className={`badge stance-${group.stance.toLowerCase()}`}>{STANCES[group.stance]}</span>
          {group.claim ? <span className="badge claim">Đang do {group.claim.by} xử lý</span> : null}
        </p>
      </header>
      {pending ? <p role="status">{pending}</p> : null}
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "field-error"}>
          {result.message}
        </p>
      ) : null}
      <p className="comment-text">{group.text}</p>
      <GroupMembers group={group} />
      {can.bulk ? (
        <div className="queue-actions">
          <Post method="post" onSubmit={after.onDecide} className="inline-form">
            {deciding}
            <button type="submit" name="intent" value="group-approve" data-action="approve" className="primary" disabled={!!pending}>
              Duyệt cả nhóm ({group.pending})
            </button>
          </Post>
          <Post method="post" className="inline-form">
            {hidden}
            <button type="submit" name="intent" value="group-claim" data-action="claim" className="secondary">
              Nhận xử lý nhóm
            </button>
          </Post>
          <details className="action-panel" data-panel="reject">
            <summary className="button">Từ chối cả nhóm</summary>
            <Post method="post" onSubmit={after.onDecide}>
              {deciding}
              <ReasonFields reasons={reasons} idPrefix={prefix} />
              <button type="submit" name="intent" value="group-reject" className="danger" disabled={!!pending}>
                Từ chối {group.pending} ý kiến
              </button>
            </Post>
          </details>
        </div>
      ) : null}
    </article>
  );
}
