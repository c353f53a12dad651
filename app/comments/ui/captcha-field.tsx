import { sha256 } from "@noble/hashes/sha2.js";
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

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");

/**
 * SHA-256 in hex: the browser's Web Crypto, which it offers only to secure pages (HTTPS, localhost), or
 * else a JavaScript implementation, so a page served over plain HTTP on an internal network still
 * solves the challenge instead of falling back to the stricter no-JavaScript path.
 */
async function sha256Hex(text: string) {
  const bytes = new TextEncoder().encode(text);
  if (globalThis.crypto?.subtle) return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
  return toHex(sha256(bytes));
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
