import { describe, expect, it } from "vitest";
import { recountInterval, SETTLE_MS } from "~/comments/group-counts.server.ts";

describe("recountInterval", () => {
  it("recounts small groups a second apart and large ones less often, never more than a minute apart", () => {
    expect(recountInterval(2)).toBe(SETTLE_MS);
    expect(recountInterval(2_000)).toBe(SETTLE_MS);
    expect(recountInterval(2_001)).toBe(2 * SETTLE_MS);
    expect(recountInterval(50_000)).toBe(25 * SETTLE_MS);
    expect(recountInterval(5_000_000)).toBe(60_000);
  });
});
