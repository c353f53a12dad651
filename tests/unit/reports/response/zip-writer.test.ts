import { PassThrough } from "node:stream";
import { expect, it } from "vitest";
import { ZipWriter } from "~/reports/response/zip-writer.ts";
import { unzip } from "../../../support/reports/unzip.ts";

it("writes an archive whose files read back whole, one streamed in many chunks", async () => {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on("data", (d: Buffer) => parts.push(d));
  const zip = new ZipWriter(out);
  await zip.add("[Content_Types].xml", ["<Types/>"]);
  const lines = Array.from({ length: 5_000 }, (_, i) => `<w:p>Đoạn số ${i} — tiếp thu, giải trình</w:p>`);
  await zip.add(
    "word/document.xml",
    (async function* () {
      for (const line of lines) yield line;
    })(),
  );
  await zip.finish();
  const files = unzip(Buffer.concat(parts));
  expect([...files.keys()]).toEqual(["[Content_Types].xml", "word/document.xml"]);
  expect(files.get("[Content_Types].xml")!.toString("utf8")).toBe("<Types/>");
  expect(files.get("word/document.xml")!.toString("utf8")).toBe(lines.join(""));
});
