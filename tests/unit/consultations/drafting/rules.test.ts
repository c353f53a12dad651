import { expect, it } from "vitest";
import {
  closeProblem,
  extendProblem,
  offeredActions,
  openProblem,
  periodLocked,
  reasonProblem,
  scheduledStatus,
  scheduleProblem,
  slugFrozen,
  type Snapshot,
} from "~/consultations/drafting/rules.ts";

const NOW = new Date("2026-12-06T10:00:00Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const draft: Snapshot = { status: "DRAFT", opensAt: at(24), closesAt: at(240), publishedVersionId: "v1", firstPublicAt: null };

it("schedules only a published draft with both times and a closing ahead; an opening already come opens at once", () => {
  expect(scheduleProblem(draft, NOW)).toBeNull();
  expect(scheduledStatus(draft, NOW)).toBe("SCHEDULED");
  expect(scheduledStatus({ opensAt: NOW }, NOW)).toBe("OPEN");
  expect(scheduleProblem({ ...draft, publishedVersionId: null }, NOW)).toContain("công bố");
  expect(scheduleProblem({ ...draft, opensAt: null }, NOW)).toContain("thời điểm bắt đầu và thời điểm kết thúc");
  expect(scheduleProblem({ ...draft, opensAt: at(-48), closesAt: at(-1) }, NOW)).toContain("đã qua");
  expect(scheduleProblem({ ...draft, status: "SCHEDULED", firstPublicAt: NOW }, NOW)).toContain("bản nháp");
});

it("follows the dates: what is offered in each state", () => {
  const scheduled: Snapshot = { ...draft, status: "SCHEDULED", firstPublicAt: at(-1) };
  expect(offeredActions(draft, NOW)).toEqual(["schedule", "open"]);
  expect(offeredActions(scheduled, NOW)).toEqual(["open"]);
  // Its opening has come: open now, whether or not the job has stored it.
  expect(offeredActions(scheduled, at(25))).toEqual(["close", "extend"]);
  expect(offeredActions({ ...scheduled, status: "OPEN" }, at(241))).toEqual(["extend"]);
  expect(offeredActions({ ...scheduled, status: "CLOSED" }, NOW)).toEqual(["extend"]);
});

it("opens now a draft or a scheduled consultation, not one open or closed, nor without a closing ahead", () => {
  expect(openProblem(draft, NOW)).toBeNull();
  expect(openProblem({ ...draft, status: "SCHEDULED" }, NOW)).toBeNull();
  expect(openProblem({ ...draft, status: "OPEN", opensAt: at(-1) }, NOW)).toContain("đang mở");
  expect(openProblem({ ...draft, status: "CLOSED" }, NOW)).toContain("Gia hạn");
  expect(openProblem({ ...draft, closesAt: null }, NOW)).toContain("thời điểm kết thúc");
  expect(openProblem({ ...draft, publishedVersionId: null }, NOW)).toContain("công bố");
});

it("closes early only while open, with a reason", () => {
  const open: Snapshot = { ...draft, status: "OPEN", opensAt: at(-24) };
  expect(closeProblem(open, NOW)).toBeNull();
  expect(closeProblem(draft, NOW)).toContain("chưa mở");
  expect(closeProblem({ ...open, status: "CLOSED" }, NOW)).toContain("đã kết thúc");
  expect(closeProblem(open, at(241))).toContain("đã kết thúc");
  expect(reasonProblem("")).toContain("lý do");
  expect(reasonProblem("ngắn")).toContain("ít nhất");
  expect(reasonProblem("Theo chỉ đạo của Ban Thường vụ")).toBeNull();
  expect(reasonProblem("x".repeat(1001))).toContain("tối đa");
});

it("extends an open or closed consultation to a time after now and after its current closing", () => {
  const open: Snapshot = { ...draft, status: "OPEN", opensAt: at(-24) };
  expect(extendProblem(open, at(300), NOW)).toBeNull();
  expect(extendProblem(open, at(240), NOW)).toContain("sau thời điểm kết thúc hiện tại");
  expect(extendProblem(open, at(-1), NOW)).toContain("tương lai");
  // A closed one (closed early: its closing is in the past) reopens until the new time.
  expect(extendProblem({ ...open, status: "CLOSED", closesAt: at(-2) }, at(1), NOW)).toBeNull();
  expect(extendProblem(draft, at(300), NOW)).toContain("chưa mở");
  expect(extendProblem({ ...draft, status: "SCHEDULED" }, at(300), NOW)).toContain("chưa mở");
});

it("freezes the slug once public, and the period once open", () => {
  expect(slugFrozen(draft)).toBe(false);
  expect(slugFrozen({ status: "SCHEDULED", firstPublicAt: NOW })).toBe(true);
  // Rows from before the rule (open without firstPublicAt) are public too.
  expect(slugFrozen({ status: "OPEN", firstPublicAt: null })).toBe(true);
  expect(periodLocked(draft, NOW)).toBe(false);
  expect(periodLocked({ ...draft, status: "SCHEDULED" }, NOW)).toBe(false);
  expect(periodLocked({ ...draft, status: "SCHEDULED" }, at(24))).toBe(true);
  expect(periodLocked({ ...draft, status: "CLOSED" }, NOW)).toBe(true);
});
