// A citizen's side of the browser and HTTP tests: valid captcha solutions (the server's secret is known
// to the tests) and comments sent through the real form.
import { createChallenge } from "altcha-lib/v1";
import { expect, inject } from "vitest";

const baseUrl = inject("baseUrl");

/** A valid, unused captcha payload for the draft `slug`, as the browser's solver would send it. */
export async function captcha(slug: string): Promise<string> {
  const number = 7;
  const c = await createChallenge({
    hmacKey: inject("captchaSecret"),
    number,
    maxNumber: 100,
    expires: new Date(Date.now() + 60_000),
    params: { "du-thao": slug },
  });
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature })).toString("base64");
}

/** Sends a comment through the public form; returns the receipt token of the private status link. */
export async function submitThroughForm(slug: string, fields: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ stance: "AGREE", name: "Vũ Thị Hạnh", provinceCode: "01", consent: "on", ...fields, captcha: await captcha(slug) });
  const response = await fetch(`${baseUrl}/du-thao/${slug}/gop-y`, { method: "POST", body, redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!, baseUrl).pathname.split("/y-kien/")[1]!;
}
