import { afterEach, expect, it, vi } from "vitest";
import { existingSingleton, setSingleton, singleton } from "~/platform/singleton.server.ts";

afterEach(() => setSingleton("test.singleton", undefined));

it("makes the value once and gives the same one afterwards, also to a re-imported module", async () => {
  let made = 0;
  const first = singleton("test.singleton", () => ({ n: ++made }));
  expect(singleton("test.singleton", () => ({ n: ++made }))).toBe(first);
  // A development rebuild re-runs the module; the store lives on globalThis.
  vi.resetModules();
  const again = await import("~/platform/singleton.server.ts");
  expect(again.singleton).not.toBe(singleton);
  expect(again.singleton("test.singleton", () => ({ n: ++made }))).toBe(first);
  expect(made).toBe(1);
});

it("can be lent a value and forget it", () => {
  expect(existingSingleton("test.singleton")).toBeUndefined();
  setSingleton("test.singleton", "lent");
  expect(singleton("test.singleton", () => "made")).toBe("lent");
  setSingleton("test.singleton", undefined);
  expect(singleton("test.singleton", () => "made")).toBe("made");
});
