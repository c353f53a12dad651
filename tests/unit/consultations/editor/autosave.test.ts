import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosave, SaveFailure, statusText, type AutosaveState, type SaveAnswer } from "~/consultations/editor/autosave";

// The autosave on a fake clock, with a server that answers when the test says so.

interface Sent {
  baseRevision: number;
  answer: (answer: SaveAnswer) => void;
  fail: (error: Error) => void;
}

function setUp(revision = 3) {
  const sent: Sent[] = [];
  const states: AutosaveState[] = [];
  const autosave = new Autosave({
    revision,
    send: (baseRevision) => new Promise<SaveAnswer>((answer, fail) => sent.push({ baseRevision, answer, fail })),
    onState: (state) => states.push(state),
  });
  return { autosave, sent, states, last: () => statusText(states.at(-1)!) };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Autosave", () => {
  it("saves once, 1.5 s after typing stops, with the revision it was loaded from, then the one saved", async () => {
    const { autosave, sent, last } = setUp(3);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1000);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1400);
    expect(sent).toHaveLength(0);
    expect(last()).toBe("Có thay đổi chưa lưu…");
    await vi.advanceTimersByTimeAsync(100);
    expect(sent.map((s) => s.baseRevision)).toEqual([3]);
    expect(last()).toBe("Đang lưu…");
    expect(autosave.unsaved).toBe(true);
    sent[0].answer({ status: "saved", revision: 4, message: "Đã lưu lúc 09:30" });
    await settle();
    expect(last()).toBe("Đã lưu lúc 09:30");
    expect(autosave.unsaved).toBe(false);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.map((s) => s.baseRevision)).toEqual([3, 4]);
  });

  it("what is typed during a save goes in the next save, one at a time", async () => {
    const { autosave, sent } = setUp(1);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
    sent[0].answer({ status: "saved", revision: 2, message: "Đã lưu lúc 09:30" });
    await settle();
    expect(autosave.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.map((s) => s.baseRevision)).toEqual([1, 2]);
  });

  it("flush saves at once and waits for a save on its way", async () => {
    const { autosave, sent } = setUp(1);
    autosave.changed();
    const flushed = autosave.flush();
    await settle();
    expect(sent).toHaveLength(1);
    sent[0].answer({ status: "saved", revision: 2, message: "Đã lưu lúc 09:31" });
    await expect(flushed).resolves.toEqual({ kind: "clean", message: "Đã lưu lúc 09:31" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1);
    await expect(autosave.flush()).resolves.toMatchObject({ kind: "clean" });
    expect(sent).toHaveLength(1);
  });

  it("a conflict stops it for good: nothing more is sent and the changes stay unsaved", async () => {
    const { autosave, sent, last } = setUp(5);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    sent[0].answer({ status: "conflict", revision: 6, message: "Bản làm việc vừa được Lê Văn B lưu lúc 09:32." });
    await settle();
    expect(autosave.stopped).toBe(true);
    expect(last()).toMatch(/Lê Văn B/);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(60_000);
    await autosave.flush();
    expect(sent).toHaveLength(1);
    expect(autosave.unsaved).toBe(true);
    expect(autosave.revision).toBe(5);
  });

  it("a failed request is tried again after 10 s with its message shown; a refused document waits for the next change", async () => {
    const { autosave, sent, last } = setUp(2);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    sent[0].fail(new TypeError("Failed to fetch"));
    await settle();
    expect(last()).toMatch(/không kết nối được/);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    sent[1].fail(new SaveFailure("Chưa lưu được: phiên đăng nhập đã hết."));
    await settle();
    expect(last()).toBe("Chưa lưu được: phiên đăng nhập đã hết.");
    await vi.advanceTimersByTimeAsync(10_000);
    sent[2].answer({ status: "invalid", message: "Chưa lưu được: Hai khối có cùng mã định danh." });
    await settle();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).toHaveLength(3);
    expect(autosave.unsaved).toBe(true);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.map((s) => s.baseRevision)).toEqual([2, 2, 2, 2]);
  });
});
