import { describe, expect, it } from "vitest";
import { createGroupCommit, type GroupCommitCounts, type Outcome } from "~/platform/group-commit.server.ts";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A queue whose commits are recorded; `commit` decides each group's outcome (default: every write's own value). */
function recorder<M>(
  settings: { windowMs: number; maxBatch: number; apart?: (a: M, b: M) => boolean },
  commit: (inputs: M[]) => Promise<Outcome<M>[]> = async (inputs) => inputs.map((value) => ({ ok: true, value })),
) {
  const groups: M[][] = [];
  const counts: GroupCommitCounts = { groups: 0, members: 0 };
  const queue = createGroupCommit<M, M>(
    async (inputs) => {
      groups.push(inputs);
      return commit(inputs);
    },
    { ...settings, counts },
  );
  return { queue, groups, counts };
}

describe("group commit", () => {
  it("commits the writes that arrive within the window together, each answered with its own outcome", async () => {
    const { queue, groups, counts } = recorder<number>({ windowMs: 20, maxBatch: 64 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.submit(n)));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(groups).toEqual([[1, 2, 3, 4, 5]]);
    expect(counts).toEqual({ groups: 1, members: 5 });
  });

  it("caps a group's size, and starts at once when a group is full", async () => {
    const { queue, groups } = recorder<number>({ windowMs: 10_000, maxBatch: 3 });
    const answers = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => queue.submit(n)));
    expect(answers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Full groups went without waiting 10 s; the last one (one write) went as soon as the second committed.
    expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("puts what arrives while a group is being committed into the next group, at once after it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { queue, groups } = recorder<number>({ windowMs: 5, maxBatch: 64 }, async (inputs) => {
      if (inputs[0] === 1) await gate;
      return inputs.map((value) => ({ ok: true, value }));
    });
    const first = queue.submit(1);
    await tick(20); // the first group is in flight, waiting at the gate
    const later = [2, 3, 4].map((n) => queue.submit(n));
    await tick(20);
    expect(groups).toEqual([[1]]); // nothing started beside the group in flight
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it("fails only the write whose own part failed; a failed commit fails every write of its group", async () => {
    const failure = new Error("ràng buộc của riêng bài này");
    const { queue } = recorder<number>({ windowMs: 10, maxBatch: 64 }, async (inputs) => {
      if (inputs.includes(99)) throw new Error("COMMIT thất bại");
      return inputs.map((value) => (value === 2 ? { ok: false, error: failure } : { ok: true, value }));
    });
    const one = await Promise.allSettled([1, 2, 3].map((n) => queue.submit(n)));
    expect(one.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((one[1] as PromiseRejectedResult).reason).toBe(failure);
    const all = await Promise.allSettled([4, 99, 5].map((n) => queue.submit(n)));
    expect(all.map((r) => (r.status === "rejected" ? (r.reason as Error).message : r.value))).toEqual([
      "COMMIT thất bại",
      "COMMIT thất bại",
      "COMMIT thất bại",
    ]);
    // The queue goes on after a failed group.
    expect(await queue.submit(6)).toBe(6);
  });

  it("keeps writes that must not share a group apart, in their order of arrival", async () => {
    const { queue, groups } = recorder<string>({ windowMs: 10, maxBatch: 64, apart: (a, b) => a[0] === b[0] });
    await Promise.all(["a1", "b1", "a2", "c1", "a3", "b2"].map((w) => queue.submit(w)));
    expect(groups).toEqual([["a1", "b1", "c1"], ["a2", "b2"], ["a3"]]);
  });
});
