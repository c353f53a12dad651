import { useEffect, useState, type FormEvent } from "react";
import { supportPath } from "~/consultations/urls.ts";
import { supportersLabel } from "~/comments/support-form.ts";
import type { Challenge } from "./captcha-solve.ts";

// The "Đồng tình" button beside a published opinion (ADR 046). Without JavaScript it is a form posting
// to the small page /du-thao/<slug>/dong-tinh?y-kien=<id> (the page after the post shows that opinion),
// which records the support and says so. With JavaScript
// the draft's captcha is fetched and solved in the background as soon as a list with the button shows
// (the solver is loaded only then), so a tap sends at once and the count changes in place.

/** One solution at a time per draft, being prepared or ready; a tap takes it and the next is prepared. */
const prepared = new Map<string, Promise<string | null>>();

function prepare(slug: string): Promise<string | null> {
  let solution = prepared.get(slug);
  if (!solution) {
    solution = (async () => {
      try {
        const response = await fetch(`${supportPath(slug)}.json`, { headers: { Accept: "application/json" } });
        if (!response.ok) return null;
        const { challenge } = (await response.json()) as { challenge: Challenge | null };
        if (!challenge) return null;
        const { solve } = await import("./captcha-solve.ts");
        return await solve(challenge);
      } catch {
        // Sent without a solution, the server applies the stricter limit of browsers without JavaScript.
        return null;
      }
    })();
    prepared.set(slug, solution);
  }
  return solution;
}

async function take(slug: string): Promise<string | null> {
  const solution = await prepare(slug);
  prepared.delete(slug);
  void prepare(slug);
  return solution;
}

type Answer = { ok: boolean; message: string; count: number | null };

export function SupportButton({ slug, commentId, count, open }: { slug: string; commentId: string; count: number; open: boolean }) {
  const [shown, setShown] = useState(count);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setShown(count), [count]);
  useEffect(() => {
    if (open) void prepare(slug);
  }, [open, slug]);

  const label = supportersLabel(shown);
  if (!open) return label ? <p className="support-count">{label}</p> : null;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setAnswer(null);
    try {
      const body = new URLSearchParams({ comment: commentId, captcha: (await take(slug)) ?? "" });
      const response = await fetch(`${supportPath(slug)}.json`, { method: "POST", body, headers: { Accept: "application/json" } });
      const result = (await response.json()) as Answer;
      if (result.count !== null) setShown(result.count);
      setAnswer(result);
    } catch {
      setAnswer({ ok: false, message: "Không gửi được. Vui lòng kiểm tra kết nối mạng rồi thử lại.", count: null });
    } finally {
      setBusy(false);
    }
  };

  const done = answer?.ok === true;
  return (
    <form method="post" action={supportPath(slug, commentId)} className="support" onSubmit={onSubmit}>
      <input type="hidden" name="comment" value={commentId} />
      <button type="submit" className="support-button" aria-pressed={done} aria-busy={busy}>
        {done ? "✓ Đã đồng tình" : "Đồng tình"}
      </button>
      <span className="support-count" aria-live="polite">
        {label}
      </span>
      {answer ? (
        <span className={answer.ok ? "support-message" : "support-message error"} role="status">
          {answer.message}
        </span>
      ) : null}
    </form>
  );
}
