import { supportersLabel } from "~/comments/support-label.ts";
import type { Challenge } from "./captcha-solve.ts";

// The "Đồng tình" button beside a published opinion (ADR 046), in plain DOM so that the reading page
// (no React, ADR 045) and the comments page (React) share one implementation. Without JavaScript it is a
// form posting to the small page /du-thao/<slug>/dong-tinh, which records the support and says so. With
// it, the draft's captcha is fetched and solved in the background as soon as a list with the button
// shows (the solver is loaded only then), so a tap sends at once and the count changes in place.

/** One solution at a time per draft (by its endpoint), being prepared or ready; a tap takes it and the next is prepared. */
const prepared = new Map<string, Promise<string | null>>();

/** The JSON endpoint beside the form's page: its path (without the `?y-kien=` the page after a post needs) + ".json". */
const endpointOf = (form: HTMLFormElement) => `${new URL(form.getAttribute("action") ?? "", window.location.href).pathname}.json`;

function prepare(endpoint: string): Promise<string | null> {
  let solution = prepared.get(endpoint);
  if (!solution) {
    solution = (async () => {
      try {
        const response = await fetch(endpoint, { headers: { Accept: "application/json" } });
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
    prepared.set(endpoint, solution);
  }
  return solution;
}

async function take(endpoint: string): Promise<string | null> {
  const solution = await prepare(endpoint);
  prepared.delete(endpoint);
  void prepare(endpoint);
  return solution;
}

/** Starts solving the captcha of each draft whose support forms are inside `root`. */
export function prepareSupport(root: ParentNode) {
  for (const form of root.querySelectorAll<HTMLFormElement>("form.support")) void prepare(endpointOf(form));
}

type Answer = { ok: boolean; message: string; count: number | null };

let enhanced = false;

/** Sends every support form of the page (now and later: one delegated listener) in the background. */
export function enhanceSupportForms() {
  if (enhanced) return;
  enhanced = true;
  document.addEventListener("submit", (event) => {
    const form = (event.target as Element).closest?.<HTMLFormElement>("form.support");
    if (!form) return;
    event.preventDefault();
    void send(form);
  });
}

async function send(form: HTMLFormElement) {
  const button = form.querySelector<HTMLButtonElement>("button")!;
  if (button.getAttribute("aria-busy") === "true") return;
  button.setAttribute("aria-busy", "true");
  form.querySelector(".support-message")?.remove();
  let answer: Answer;
  try {
    const endpoint = endpointOf(form);
    const comment = form.querySelector<HTMLInputElement>('input[name="comment"]')!.value;
    const body = new URLSearchParams({ comment, captcha: (await take(endpoint)) ?? "" });
    const response = await fetch(endpoint, { method: "POST", body, headers: { Accept: "application/json" } });
    answer = (await response.json()) as Answer;
  } catch {
    answer = { ok: false, message: "Không gửi được. Vui lòng kiểm tra kết nối mạng rồi thử lại.", count: null };
  } finally {
    button.setAttribute("aria-busy", "false");
  }
  if (answer.count !== null) form.querySelector(".support-count")!.textContent = supportersLabel(answer.count);
  if (answer.ok) {
    button.textContent = "✓ Đã đồng tình";
    button.setAttribute("aria-pressed", "true");
  }
  const message = Object.assign(document.createElement("span"), {
    className: answer.ok ? "support-message" : "support-message error",
    textContent: answer.message,
  });
  message.setAttribute("role", "status");
  form.append(message);
}
