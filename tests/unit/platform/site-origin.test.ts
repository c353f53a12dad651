import { expect, it } from "vitest";
import { siteOrigin } from "~/platform/site-origin.server.ts";

const request = new Request("http://10.0.0.5:3000/y-kien/abc?moi=1");

it("uses the address the request came to, unless PUBLIC_URL says where the site is", () => {
  expect(siteOrigin(request, {})).toBe("http://10.0.0.5:3000");
  expect(siteOrigin(request, { PUBLIC_URL: "https://gopy.example.vn/" })).toBe("https://gopy.example.vn");
  expect(siteOrigin(request, { PUBLIC_URL: "https://mttq.example.vn/gop-y/" })).toBe("https://mttq.example.vn/gop-y");
  // Not an address: the configuration refuses it (at start), naming the variable.
  expect(() => siteOrigin(request, { PUBLIC_URL: "khong phai dia chi" })).toThrow(/PUBLIC_URL/);
  expect(() => siteOrigin(request, { PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
});
