import { useEffect, useRef, useState } from "react";

export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

type State = "solving" | "solved" | "failed";

/**
 * The proof-of-work captcha in the browser: finds the number for the server's challenge and puts
 * the solution in a hidden field. Without JavaScript the field stays empty and the server decides.
 */
export function CaptchaField({ challenge }: { challenge: Challenge }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    let cancelled = false;
    setState("solving");
    const form = input.current?.form;
    const solved = solve(challenge).then(
      (payload) => {
        if (cancelled) return;
        if (input.current) input.current.value = payload;
        setState("solved");
      },
      () => !cancelled && setState("failed"),
    );
    // A submit before the work is done waits for it instead of going without a solution.
    const onSubmit = (event: SubmitEvent) => {
      if (input.current?.value) return;
      event.preventDefault();
      void solved.then(() => form?.requestSubmit(event.submitter as HTMLElement | null));
    };
    form?.addEventListener("submit", onSubmit);
    return () => {
      cancelled = true;
      form?.removeEventListener("submit", onSubmit);
    };
  }, [challenge]);

  return (
    <p className="captcha-status" aria-live="polite">
      <input ref={input} type="hidden" name="captcha" defaultValue="" />
      {state === "solving" ? "Đang xác minh chống gửi tự động…" : null}
      {state === "solved" ? "✓ Đã xác minh chống gửi tự động." : null}
      {state === "failed" ? "Không xác minh được trình duyệt; bạn vẫn có thể gửi góp ý." : null}
    </p>
  );
}

async function sha256Hex(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** ALTCHA v1: the number n in [0, maxnumber] with SHA-256(salt + n) = challenge. */
async function solve(challenge: Challenge): Promise<string> {
  const max = challenge.maxnumber ?? 1_000_000;
  for (let n = 0; n <= max; n++) {
    if ((await sha256Hex(challenge.salt + n)) === challenge.challenge) {
      const payload = { algorithm: challenge.algorithm, challenge: challenge.challenge, number: n, salt: challenge.salt, signature: challenge.signature };
      return btoa(JSON.stringify(payload));
    }
    // Let the page breathe every so often.
    if (n % 2000 === 1999) await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error("no solution");
}
