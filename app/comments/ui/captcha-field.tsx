import { useEffect, useRef, useState } from "react";
import { solve, type Challenge } from "./captcha-solve.ts";

export type { Challenge };

type State = "solving" | "solved" | "failed";

/**
 * The proof-of-work captcha in the browser: finds the number for the server's challenge and puts
 * the solution in a hidden field. Without JavaScript the field stays empty and the server decides.
 */
export function CaptchaField({ challenge }: { challenge: Challenge }) {
  const marker = useRef<HTMLParagraphElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State | null>(null);
  const [payload, setPayload] = useState("");

  useEffect(() => {
    let cancelled = false;
    let solution = "";
    setState("solving");
    setPayload("");
    const solved = solve(challenge).then(
      (result) => {
        solution = result;
        if (cancelled) return;
        setPayload(result);
        setState("solved");
      },
      () => !cancelled && setState("failed"),
    );
    // A submit before the work is done waits for it (once) instead of going without a solution.
    const form = marker.current?.closest("form");
    let waiting = false;
    const onSubmit = (event: SubmitEvent) => {
      if (solution || waiting) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      waiting = true;
      void solved.finally(() => {
        // The hidden field gets the solution now, not when React next renders it.
        if (field.current && solution) field.current.value = solution;
        form?.requestSubmit((event.submitter as HTMLElement | null) ?? undefined);
      });
    };
    form?.addEventListener("submit", onSubmit, { capture: true });
    return () => {
      cancelled = true;
      form?.removeEventListener("submit", onSubmit, { capture: true });
    };
  }, [challenge]);

  return (
    <p ref={marker} className="captcha-status" aria-live="polite">
      <input ref={field} type="hidden" name="captcha" value={payload} />
      {state === "solving" ? "Đang xác minh chống gửi tự động…" : null}
      {state === "solved" ? "✓ Đã xác minh chống gửi tự động." : null}
      {state === "failed" ? "Không xác minh được trình duyệt; bạn vẫn có thể gửi góp ý." : null}
    </p>
  );
}
