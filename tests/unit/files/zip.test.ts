import { expect, it } from "vitest";
import { FileRefused } from "~/files/refusal.ts";
import { openZip } from "~/files/zip.server.ts";
import { deflated, deflateRepeated, zipArchive } from "../../support/hostile-files.ts";

// The bounded ZIP reader on hostile archives built here: each is refused with its reason and a
// Vietnamese message, before (declared sizes, entries, encryption, methods) or while (real sizes)
// anything is inflated, and quickly.

const MB = 1024 * 1024;
/** `mb` MiB of repeated text in a few kilobytes. */
const ofSize = (mb: number) => deflateRepeated([{ data: Buffer.alloc(MB, "Ý kiến góp ý lặp lại. "), times: mb }]);

async function refusal(promise: Promise<unknown>): Promise<FileRefused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRefused);
  return error as FileRefused;
}

it("gives a named entry's bytes under a cap, for the .xlsx reader and the coming .docx importer", async () => {
  const zip = await openZip(
    zipArchive([
      { name: "word/document.xml", content: deflated("<w:document>Điều 1</w:document>") },
      { name: "a.txt", content: Buffer.from("thô") },
    ]),
  );
  expect(zip.names).toEqual(["word/document.xml", "a.txt"]);
  expect((await zip.read("word/document.xml")).toString()).toBe("<w:document>Điều 1</w:document>");
  expect((await zip.read("a.txt")).toString()).toBe("thô");
  expect(zip.has("word/styles.xml")).toBe(false);
  const small = await refusal(zip.read("word/document.xml", { maxBytes: 10 }));
  expect(small.reason).toBe("too-large");
  expect(small.message).toContain("Vui lòng chia thành nhiều tệp");
});

it("refuses an entry whose declared size is over the cap before inflating it, and the archive's total too", async () => {
  const started = Date.now();
  const big = await refusal(openZip(zipArchive([{ name: "x.xml", content: ofSize(300) }])));
  expect(big.reason).toBe("too-large");
  expect(big.message).toContain("tối đa 64 MB");
  const many = zipArchive(Array.from({ length: 5 }, (_, i) => ({ name: `x${i}.xml`, content: ofSize(60) })));
  expect((await refusal(openZip(many))).message).toContain("tối đa 256 MB");
  expect(Date.now() - started).toBeLessThan(5_000);
});

it("stops inflating at the declared size when the header lies (small declared, 300 MB real)", async () => {
  const zip = await openZip(zipArchive([{ name: "x.xml", content: ofSize(300), declaredSize: 4_000 }]));
  const started = Date.now();
  let seen = 0;
  const stream = await zip.stream("x.xml");
  const error = await (async () => {
    for await (const chunk of stream) seen += (chunk as Buffer).length;
  })().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRefused);
  expect((error as FileRefused).reason).toBe("size-mismatch");
  expect(seen).toBeLessThanOrEqual(4_000);
  expect(Date.now() - started).toBeLessThan(2_000);
  // A header that claims more than there is fails too.
  const short = await openZip(zipArchive([{ name: "y.xml", content: deflated("ngắn"), declaredSize: 1_000 }]));
  expect((await refusal(short.read("y.xml"))).reason).toBe("size-mismatch");
});

it("refuses too many entries, encrypted entries, odd compression methods, duplicate names and a truncated archive", async () => {
  const crowd = zipArchive(Array.from({ length: 1_500 }, (_, i) => ({ name: `t/${i}.xml`, content: Buffer.from("x") })));
  const many = await refusal(openZip(crowd));
  expect(many.reason).toBe("too-many-entries");
  expect(many.message).toContain("tối đa 1.000");

  const locked = await refusal(
    openZip(
      zipArchive([
        { name: "ok.xml", content: deflated("a") },
        { name: "secret.xml", content: deflated("b"), encrypted: true },
      ]),
    ),
  );
  expect(locked.reason).toBe("encrypted");
  expect(locked.message).toContain("bỏ mật khẩu");

  const lzma = await refusal(openZip(zipArchive([{ name: "x.xml", content: Buffer.from("abc"), method: 14 }])));
  expect(lzma.reason).toBe("compression");

  const twice = await refusal(
    openZip(
      zipArchive([
        { name: "x.xml", content: deflated("a") },
        { name: "x.xml", content: deflated("b") },
      ]),
    ),
  );
  expect(twice.reason).toBe("corrupt");

  const whole = zipArchive([{ name: "x.xml", content: ofSize(2) }]);
  const cut = await refusal(openZip(whole.subarray(0, Math.floor(whole.length / 2))));
  expect(cut.reason).toBe("corrupt");
  expect(cut.message).toContain("chưa tải lên hết");
  // The directory intact but the data cut short: inflating fails, as a refusal.
  const body = Buffer.from(whole);
  body.fill(0xff, 40, 200);
  const zip = await openZip(body);
  expect((await refusal(zip.read("x.xml"))).reason).toMatch(/corrupt|size-mismatch/);
});
