import { expect, it } from "vitest";
import { earliestStatusChange, nextStatusChange, publicStatus, timeLeftText } from "~/consultations/status.ts";

const NOW = new Date("2026-12-06T10:00:00Z");
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

it("publicStatus reads SCHEDULED from the dates: upcoming, then open at the second, then closed", () => {
  const scheduled = { status: "SCHEDULED" as const, opensAt: at(1), closesAt: at(2) };
  expect(publicStatus(scheduled, NOW)).toBe("upcoming");
  expect(publicStatus(scheduled, at(1))).toBe("open");
  expect(publicStatus(scheduled, at(2))).toBe("closed");
});

it("names the next instant the public state changes by itself", () => {
  const scheduled = { status: "SCHEDULED" as const, opensAt: at(1), closesAt: at(48) };
  expect(nextStatusChange(scheduled, NOW)).toEqual(at(1));
  expect(nextStatusChange(scheduled, at(1))).toEqual(at(48));
  expect(nextStatusChange({ ...scheduled, status: "OPEN" }, at(2))).toEqual(at(48));
  expect(nextStatusChange(scheduled, at(48))).toBeNull();
  expect(nextStatusChange({ ...scheduled, status: "CLOSED" }, NOW)).toBeNull();
  expect(nextStatusChange({ ...scheduled, status: "DRAFT" }, NOW)).toBeNull();
  expect(
    earliestStatusChange(
      [
        { ...scheduled, status: "OPEN", opensAt: at(-5) },
        { ...scheduled, opensAt: at(3) },
      ],
      NOW,
    ),
  ).toEqual(at(3));
  expect(earliestStatusChange([], NOW)).toBeNull();
});

it("says how long an open consultation still takes opinions: days, hours on the last day", () => {
  const open = (closesInHours: number) => ({ status: "OPEN" as const, opensAt: at(-24), closesAt: at(closesInHours) });
  expect(timeLeftText(open(24 * 10 + 5), NOW)).toBe("Còn 10 ngày");
  expect(timeLeftText(open(24), NOW)).toBe("Còn 1 ngày");
  expect(timeLeftText(open(23.9), NOW)).toBe("Còn 23 giờ");
  expect(timeLeftText(open(1), NOW)).toBe("Còn 1 giờ");
  expect(timeLeftText(open(0.5), NOW)).toBe("Còn dưới 1 giờ");
  expect(timeLeftText(open(-1), NOW)).toBeNull();
  expect(timeLeftText({ status: "SCHEDULED", opensAt: at(1), closesAt: at(48) }, NOW)).toBeNull();
});
