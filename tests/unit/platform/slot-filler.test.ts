import { Readable } from "node:stream";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BODY_SLOT_ID, deliverBody, EMPTY_BODY_SLOT, type PageSlot } from "~/platform/page-slot.ts";
import { fillBodySlot } from "~/platform/slot-filler.server.ts";

async function run(chunks: Buffer[], html: string | undefined) {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(fillBodySlot(html))) out.push(chunk);
  return Buffer.concat(out).toString("utf8");
}

const page = `<main><h1>Hiến pháp</h1>${EMPTY_BODY_SLOT}<footer>Độc lập</footer></main>`;

it("is what React renders for the page's empty slot", () => {
  const markup = renderToStaticMarkup(createElement("div", { id: BODY_SLOT_ID, className: "document-body", dangerouslySetInnerHTML: { __html: "" } }));
  expect(markup).toBe(EMPTY_BODY_SLOT);
});

it("writes the body into the slot however the stream is cut, even inside a multi-byte letter", async () => {
  const bytes = Buffer.from(page);
  const body = "<p>Điều 1. Nước Cộng hòa…</p>";
  const expected = page.replace(EMPTY_BODY_SLOT, `<div id="document-body" class="document-body">${body}</div>`);
  for (let cut = 1; cut < bytes.length; cut += 3) {
    expect(await run([bytes.subarray(0, cut), bytes.subarray(cut)], body)).toBe(expected);
  }
  const oneByteChunks = [...bytes].map((b) => Buffer.from([b]));
  expect(await run(oneByteChunks, body)).toBe(expected);
});

it("passes the page through untouched when there is no body to write", async () => {
  expect(await run([Buffer.from(page)], undefined)).toBe(page);
});

it("sends the body through the data on client navigations and into the slot on document requests", () => {
  const slot: PageSlot = { documentRequest: true };
  expect(deliverBody({ pageSlot: slot }, "<p>x</p>")).toBeNull();
  expect(slot.bodyHtml).toBe("<p>x</p>");
  expect(deliverBody({ pageSlot: { documentRequest: false } }, "<p>x</p>")).toBe("<p>x</p>");
  expect(deliverBody(undefined, "<p>x</p>")).toBe("<p>x</p>");
});

describe("stripNulBytes", () => {
  it("drops the zero bytes React's stream can leave at a chunk's end, keeping Vietnamese text whole", async () => {
    const { stripNulBytes } = await import("~/platform/slot-filler.server.ts");
    const text = "Góp ý dự thảo văn kiện Đại hội";
    const bytes = Buffer.from(text);
    const withNuls = [bytes.subarray(0, 5), Buffer.from([0, 0]), bytes.subarray(5)];
    const out: Buffer[] = [];
    const stream = stripNulBytes();
    stream.on("data", (c: Buffer) => out.push(c));
    for (const chunk of withNuls) stream.write(chunk);
    stream.end();
    await new Promise((r) => stream.on("end", r));
    expect(Buffer.concat(out).toString("utf8")).toBe(text);
  });
});
