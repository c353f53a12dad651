import { Form, Link } from "@remix-run/react";
import { formatCount, formatDateTime } from "~/platform/format.ts";
import { STANCES } from "~/vocabulary/vocabulary.ts";
import { supportersLabel } from "~/comments/support-label.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";
import { ProposalDiff } from "~/ui/proposal-diff.tsx";
import type { Disposition } from "~/generated/sqlite/client.ts";
import { DISPOSITION_LABELS, DISPOSITIONS } from "../dispositions.ts";
import type { AnswerView, OpinionFilters, OpinionItem, Progress } from "../progress.server.ts";
import type { AnswerTargetParam } from "../page.server.ts";
import { AnswerFields, type AnswerFieldValues } from "./answer-fields.tsx";

// The staff page of one consultation's answers (tiếp thu, giải trình): progress per section, filters,
// the opinions (groups once), the answer forms. Plain forms: everything works without JavaScript.

export interface AnswersPageData {
  consultation: { id: string; title: string; slug: string };
  canAnswer: boolean;
  filters: OpinionFilters;
  progress: { sections: Progress[]; all: Progress };
  items: (Omit<OpinionItem, "createdAt" | "answer"> & { createdAt: string | Date; answer: SerializedAnswer | null })[];
  next: string | null;
  versions: { id: string; number: number }[];
  currentVersion: { id: string; number: number } | null;
  blocks: { key: string; label: string }[];
  themes: { key: string; text: string; count: number }[];
  sectionKey: string | null | undefined;
  target: AnswerTargetParam | null;
  correcting: SerializedAnswer | null;
}

type SerializedAnswer = Omit<AnswerView, "updatedAt" | "history"> & {
  updatedAt: string | Date;
  history: { revision: number; disposition: Disposition; explanation: string; createdAt: string | Date }[];
};

export interface ActionView {
  ok: boolean;
  message: string;
  intent: "answer" | "correct";
  fieldErrors?: Record<string, string>;
  values: Record<string, unknown>;
}

const percent = (p: Progress) => (p.total ? Math.round((p.answered / p.total) * 100) : 0);

export function progressText(p: Pick<Progress, "answered" | "total">) {
  return `đã xử lý ${formatCount(p.answered)}/${formatCount(p.total)} ý kiến`;
}

export function AnswersPage({ data, action, csrfToken, search }: { data: AnswersPageData; action: ActionView | null; csrfToken: string; search: string }) {
  const { consultation, filters, progress, canAnswer } = data;
  const failed = action && !action.ok ? action : null;
  const errorsFor = (intent: string) => (failed?.intent === intent ? (failed.fieldErrors ?? {}) : {});
  const valuesFor = (intent: string): AnswerFieldValues & Record<string, unknown> =>
    failed?.intent === intent ? (failed.values as AnswerFieldValues & Record<string, unknown>) : {};
  const selected = new Set((valuesFor("answer").target as { commentIds?: string[] } | undefined)?.commentIds ?? []);
  const here = (changes: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    params.delete("after");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const q = params.toString();
    return q ? `?${q}` : "?";
  };
  return (
    <section className="answers" aria-labelledby="answers-title">
      <p>
        <Link to="/quan-tri/tiep-thu">← Các dự thảo</Link>
      </p>
      <h1 id="answers-title">Tiếp thu, giải trình: {consultation.title}</h1>
      <p>
        <Link to={`/du-thao/${encodeURIComponent(consultation.slug)}/tiep-thu-giai-trinh`}>Báo cáo tiếp thu, giải trình ý kiến (công khai)</Link>
      </p>
      {!canAnswer ? <p className="notice">Bạn chỉ xem các câu trả lời trong phạm vi tổ chức của mình; không thể ghi hoặc sửa câu trả lời.</p> : null}
      {action ? (
        <p className={action.ok ? "success" : "error"} role={action.ok ? "status" : "alert"}>
          {action.message}
        </p>
      ) : null}

      <h2>Tiến độ</h2>
      <table className="answer-progress">
        <caption>
          Cả dự thảo: {progressText(progress.all)} ({percent(progress.all)}%)
        </caption>
        <thead>
          <tr>
            <th scope="col">Phần</th>
            <th scope="col">Đã xử lý</th>
            <th scope="col">Tỷ lệ</th>
          </tr>
        </thead>
        <tbody>
          {progress.sections.map((s) => (
            <tr key={s.sectionKey ?? "toan-van"}>
              <th scope="row">
                <Link to={here({ section: s.sectionKey ?? "toan-van" })}>{s.label}</Link>
              </th>
              <td>
                {formatCount(s.answered)}/{formatCount(s.total)}
              </td>
              <td>
                <meter min={0} max={100} value={percent(s)}>
                  {percent(s)}%
                </meter>{" "}
                {percent(s)}%
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <Form method="get" className="filters">
        <label>
          Phần{" "}
          <select name="section" defaultValue={filters.section ?? ""}>
            <option value="">Tất cả</option>
            {progress.sections.map((s) => (
              <option key={s.sectionKey ?? "toan-van"} value={s.sectionKey ?? "toan-van"}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tình trạng{" "}
          <select name="state" defaultValue={filters.state ?? ""}>
            <option value="">Tất cả</option>
            <option value="chua-tra-loi">Chưa trả lời</option>
            <option value="da-tra-loi">Đã trả lời</option>
          </select>
        </label>
        <label>
          Hình thức{" "}
          <select name="disposition" defaultValue={filters.disposition ?? ""}>
            <option value="">Tất cả</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Viết trên{" "}
          <select name="version" defaultValue={filters.version ?? ""}>
            <option value="">Mọi phiên bản</option>
            {data.versions.map((v) => (
              <option key={v.id} value={v.id}>
                Bản số {v.number}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Lọc
        </button>
      </Form>

      {canAnswer && data.target ? (
        <TargetForm data={data} csrfToken={csrfToken} values={valuesFor("answer")} errors={errorsFor("answer")} cancel={here({ "tra-loi": null })} />
      ) : null}
      {canAnswer && data.correcting ? (
        <CorrectionForm
          data={data}
          answer={data.correcting}
          csrfToken={csrfToken}
          values={valuesFor("correct")}
          errors={errorsFor("correct")}
          cancel={here({ sua: null })}
        />
      ) : null}

      {canAnswer && data.themes.length ? (
        <section aria-labelledby="themes-title">
          <h2 id="themes-title">Chủ đề của các ý kiến chưa trả lời</h2>
          <ul className="answer-themes">
            {data.themes.map((t) => (
              <li key={t.key}>
                «{t.text}» ({formatCount(t.count)} ý kiến) — <Link to={here({ "tra-loi": `chu-de:${t.key}` })}>Trả lời cả chủ đề</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2>Ý kiến đã đăng</h2>
      {data.items.length === 0 ? <p className="notice">Không có ý kiến nào theo bộ lọc này.</p> : null}
      <Form method="post" className="answer-list" replace>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="scope" value="SELECTION" />
        <ol className="opinions">
          {data.items.map((item) => (
            <li key={item.id} className="opinion">
              <p className="opinion-meta">
                {canAnswer ? (
                  <label className="check">
                    <input type="checkbox" name="commentIds" value={item.id} defaultChecked={selected.has(item.id)} /> Chọn
                  </label>
                ) : null}{" "}
                {item.block ? item.block.label : "Toàn văn dự thảo"} · {STANCES[item.stance]} · {item.authorName} · {formatDateTime(item.createdAt)}
                {item.versionNumber ? ` · viết trên bản số ${item.versionNumber}` : ""}
              </p>
              <p className="comment-text">{item.text}</p>
              {item.proposal ? <ProposalDiff proposal={item.proposal} /> : null}
              {item.supporters ? <p className="support-count">{supportersLabel(item.supporters)}</p> : null}
              {item.group && item.group.size > 1 ? (
                <p className="group-line">
                  và {formatCount(item.group.size - 1)} ý kiến tương tự (đã trả lời {formatCount(item.group.answered)}/{formatCount(item.group.size)})
                  {canAnswer ? (
                    <>
                      {" "}
                      — <Link to={here({ "tra-loi": `nhom:${item.group.id}` })}>Trả lời cả nhóm</Link>
                    </>
                  ) : null}
                </p>
              ) : null}
              {item.answer ? <AnswerBox answer={item.answer} correctLink={canAnswer ? here({ sua: item.answer.id }) : null} /> : null}
              {canAnswer ? (
                <p>
                  <Link to={here({ "tra-loi": `y-kien:${item.id}` })}>Trả lời</Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {canAnswer && data.items.length ? (
          <fieldset className="answer-form">
            <legend>Trả lời các ý kiến đã chọn</legend>
            <AnswerFields
              prefix="chon"
              values={valuesFor("answer")}
              errors={errorsFor("answer")}
              blocks={data.blocks}
              versionId={data.currentVersion?.id ?? null}
              versionNumber={data.currentVersion?.number ?? null}
              withReplace
            />
            <button type="submit" className="primary">
              Ghi câu trả lời
            </button>
          </fieldset>
        ) : null}
      </Form>
      {data.next ? (
        <p>
          <Link to={`${here({})}&after=${encodeURIComponent(data.next)}`}>Trang sau →</Link>
        </p>
      ) : null}
    </section>
  );
}

function AnswerBox({ answer, correctLink }: { answer: SerializedAnswer; correctLink: string | null }) {
  return (
    <div className="answer-box">
      <p>
        <strong>{DISPOSITION_LABELS[answer.disposition]}</strong> ({formatCount(answer.commentCount)} ý kiến, {formatDateTime(answer.updatedAt)})
        {answer.versionNumber ? ` · bản số ${answer.versionNumber}` : ""}
        {answer.blockLabels.length ? `: ${answer.blockLabels.join("; ")}` : ""}
      </p>
      <p className="comment-text">{answer.explanation}</p>
      {answer.history.length ? (
        <details>
          <summary>Lịch sử sửa ({answer.history.length})</summary>
          <ol>
            {answer.history.map((h) => (
              <li key={h.revision}>
                Lần {h.revision} ({formatDateTime(h.createdAt)}): {DISPOSITION_LABELS[h.disposition]} — {h.explanation}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {correctLink ? (
        <p>
          <Link to={correctLink}>Sửa câu trả lời</Link>
        </p>
      ) : null}
    </div>
  );
}

function TargetForm({
  data,
  csrfToken,
  values,
  errors,
  cancel,
}: {
  data: AnswersPageData;
  csrfToken: string;
  values: AnswerFieldValues;
  errors: Record<string, string>;
  cancel: string;
}) {
  const target = data.target!;
  const title =
    target.scope === "COMMENT"
      ? "Trả lời ý kiến này"
      : target.scope === "GROUP"
        ? "Trả lời cả nhóm ý kiến tương tự"
        : `Trả lời cả chủ đề «${data.themes.find((t) => t.key === target.phrase)?.text ?? target.phrase}»`;
  return (
    <Form method="post" className="answer-form" replace>
      <h2>{title}</h2>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="scope" value={target.scope} />
      {target.scope === "COMMENT" ? <input type="hidden" name="commentId" value={target.commentId} /> : null}
      {target.scope === "GROUP" ? <input type="hidden" name="groupId" value={target.groupId} /> : null}
      {target.scope === "THEME" ? (
        <>
          <input type="hidden" name="phrase" value={target.phrase} />
          <input type="hidden" name="sectionKey" value={data.sectionKey ?? ""} />
        </>
      ) : null}
      <AnswerFields
        prefix="mot"
        values={values}
        errors={errors}
        blocks={data.blocks}
        versionId={data.currentVersion?.id ?? null}
        versionNumber={data.currentVersion?.number ?? null}
        withReplace
      />
      <button type="submit" className="primary">
        Ghi câu trả lời
      </button>{" "}
      <Link to={cancel}>Thôi</Link>
    </Form>
  );
}

function CorrectionForm({
  data,
  answer,
  csrfToken,
  values,
  errors,
  cancel,
}: {
  data: AnswersPageData;
  answer: SerializedAnswer;
  csrfToken: string;
  values: AnswerFieldValues & Record<string, unknown>;
  errors: Record<string, string>;
  cancel: string;
}) {
  const typed = values.answerId === answer.id ? values : { disposition: answer.disposition, explanation: answer.explanation };
  return (
    <Form method="post" className="answer-form" replace>
      <h2>Sửa câu trả lời ({formatCount(answer.commentCount)} ý kiến)</h2>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="correct" />
      <input type="hidden" name="answerId" value={answer.id} />
      <input type="hidden" name="revision" value={answer.revision} />
      <AnswerFields
        prefix="sua"
        values={typed}
        errors={errors}
        blocks={data.blocks}
        versionId={data.currentVersion?.id ?? null}
        versionNumber={data.currentVersion?.number ?? null}
        withReplace={false}
      />
      <button type="submit" className="primary">
        Lưu bản sửa
      </button>{" "}
      <Link to={cancel}>Thôi</Link>
    </Form>
  );
}
