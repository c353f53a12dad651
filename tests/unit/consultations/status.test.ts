import { expect, it } from "vitest";
import { publicStatus } from "~/consultations/status.ts";

const NOW = new Date("2026-11-26T00:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

it("tells readers whether a consultation is upcoming, open or closed from its status and dates", () => {
  expect(publicStatus({ status: "DRAFT", opensAt: day(-1), closesAt: day(1) }, NOW)).toBe("draft");
  expect(publicStatus({ status: "OPEN", opensAt: day(-1), closesAt: day(1) }, NOW)).toBe("open");
  expect(publicStatus({ status: "OPEN", opensAt: null, closesAt: null }, NOW)).toBe("open");
  expect(publicStatus({ status: "OPEN", opensAt: day(1), closesAt: day(9) }, NOW)).toBe("upcoming");
  expect(publicStatus({ status: "OPEN", opensAt: day(-9), closesAt: NOW }, NOW)).toBe("closed");
  expect(publicStatus({ status: "CLOSED", opensAt: day(-9), closesAt: day(9) }, NOW)).toBe("closed");
});
