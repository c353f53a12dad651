import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { commentFastPath } from "../../../server/comment-fast-path.js";

type Handed = { formData: FormData; result?: { status: string }; error?: unknown };
type Submit = Parameters<typeof commentFastPath>[0];

const servers: { close: () => void }[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** An app with the fast path in front of a stand-in for Remix that says what it was handed. */
async function start(submit: Submit) {
  const calls: { slug: string; fields: [string, FormDataEntryValue][]; address: string | null }[] = [];
  const app = express();
  app.use(
    commentFastPath(async (slug, formData, address) => {
      calls.push({ slug, fields: [...formData], address });
      return submit(slug, formData, address);
    }),
  );
  app.use((req, res) => {
    const handed = (req as unknown as { commentSubmission?: Handed }).commentSubmission;
    res.json({
      remix: true,
      fields: handed ? [...handed.formData] : null,
      result: handed?.result ?? null,
      error: handed?.error ? String(handed.error) : null,
    });
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((r) => server.once("listening", r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

const post = (url: string, body: string, type = "application/x-www-form-urlencoded") =>
  fetch(url, { method: "POST", body, headers: { "content-type": type }, redirect: "manual" });

const accepted: Submit = async () => ({ result: { status: "accepted" }, location: "/y-kien/abc?moi=1" });

describe("commentFastPath", () => {
  it("answers an accepted comment itself: 303 to the receipt, the form read as Request.formData() reads it", async () => {
    const { base, calls } = await start(accepted);
    const response = await post(`${base}/du-thao/du-thao-a/gop-y`, "text=%C3%9D+ki%E1%BA%BFn+c%E1%BB%A7a+t%C3%B4i&stance=AGREE&x=%FF");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/y-kien/abc?moi=1");
    expect(await response.text()).toBe("");
    expect(calls).toEqual([
      {
        slug: "du-thao-a",
        fields: [
          ...(await new Request("http://x/", {
            method: "POST",
            body: new URLSearchParams("text=%C3%9D+ki%E1%BA%BFn+c%E1%BB%A7a+t%C3%B4i&stance=AGREE&x=%FF"),
          }).formData()),
        ],
        address: "127.0.0.1",
      },
    ]);
    expect(calls[0]!.fields[0]).toEqual(["text", "Ý kiến của tôi"]);
  });

  it("hands every other result to the route with the form, so the answer is the route's", async () => {
    const { base } = await start(async () => ({ result: { status: "invalid" }, location: null }));
    const response = await post(`${base}/du-thao/du-thao-a/gop-y`, "text=ng%E1%BA%AFn&stance=AGREE");
    expect(await response.json()).toEqual({
      remix: true,
      fields: [
        ["text", "ngắn"],
        ["stance", "AGREE"],
      ],
      result: { status: "invalid" },
      error: null,
    });
  });

  it("hands a thrown error to the route (the database outage page is the route's)", async () => {
    const { base } = await start(async () => {
      throw new Error("cơ sở dữ liệu vắng");
    });
    const response = await post(`${base}/du-thao/du-thao-a/gop-y`, "text=a");
    expect(await response.json()).toMatchObject({ remix: true, result: null, error: "Error: cơ sở dữ liệu vắng" });
  });

  it("submits nothing for the province choice without JavaScript", async () => {
    const { base, calls } = await start(accepted);
    const response = await post(`${base}/du-thao/du-thao-a/gop-y`, "intent=chon-tinh&provinceCode=01");
    expect(await response.json()).toMatchObject({
      remix: true,
      fields: [
        ["intent", "chon-tinh"],
        ["provinceCode", "01"],
      ],
      result: null,
    });
    expect(calls).toEqual([]);
  });

  it("leaves to Remix, unread, what is not a document post of the urlencoded comment form", async () => {
    const { base, calls } = await start(accepted);
    for (const [path, type] of [
      ["/du-thao/du-thao-a/gop-y.data", "application/x-www-form-urlencoded"],
      ["/du-thao/du-thao-a/gop-y?index", "application/x-www-form-urlencoded"],
      ["/du-thao/du-thao-a/gop-y/x", "application/x-www-form-urlencoded"],
      ["/du-thao/du-thao-a/ung-ho", "application/x-www-form-urlencoded"],
      ["/du-thao/du-thao-a/gop-y", "multipart/form-data; boundary=x"],
      ["/du-thao/du-thao-a/gop-y", "application/json"],
    ]) {
      expect(await (await post(`${base}${path}`, "text=a", type)).json(), path).toEqual({ remix: true, fields: null, result: null, error: null });
    }
    expect(await (await fetch(`${base}/du-thao/du-thao-a/gop-y`)).json()).toMatchObject({ remix: true, fields: null });
    expect(calls).toEqual([]);
  });
});
