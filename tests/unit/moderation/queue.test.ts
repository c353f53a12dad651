import { expect, it } from "vitest";
import { groupMembers, markedAgainst, type MemberRow } from "~/moderation/queue.server.ts";
import { wordDiff } from "~/text/word-diff.ts";

// A near-duplicate group's card (the queue's groups view): each wording is marked against the
// representative once and shown once; the rest of the members point to where it is shown.

const REPRESENTATIVE = "Đề nghị làm rõ trách nhiệm của chính quyền xã khi để xảy ra lấn chiếm đất công.";
const LOWER = REPRESENTATIVE.replace("Đề nghị", "đề nghị");
const SHORTER = REPRESENTATIVE.replace(" của chính quyền xã", "");

let clock = Date.UTC(2026, 11, 1);
const row = (id: string, originalText: string, status = "PENDING"): MemberRow => ({
  groupId: "g",
  id,
  status,
  createdAt: new Date((clock += 1000)),
  originalText,
});

it("marks each wording once: the representative's text says so, a repeated wording points to its first place", () => {
  const rows = [
    row("a", REPRESENTATIVE),
    row("b", LOWER),
    row("c", SHORTER, "APPROVED"),
    row("d", LOWER),
    // The same letters decomposed and spaced otherwise: the representative's text, as the diff sees it.
    row("e", `${REPRESENTATIVE.normalize("NFD")}  `),
    row("f", SHORTER),
  ];
  const { members, more } = groupMembers(rows, 40, REPRESENTATIVE);
  expect(members.map((m) => [m.id, m.status, m.same, m.repeats])).toEqual([
    ["a", "PENDING", true, null],
    ["b", "PENDING", false, null],
    ["c", "APPROVED", false, null],
    ["d", "PENDING", false, 2],
    ["e", "PENDING", true, null],
    ["f", "PENDING", false, 3],
  ]);
  // Shown: the diff of a wording's first member, as wordDiff makes it; nothing for the others.
  expect(members[1]!.diff).toEqual(wordDiff(REPRESENTATIVE, LOWER));
  expect(members[1]!.diff.filter((d) => d.kind !== "same").map((d) => [d.kind, d.text.trim()])).toEqual([
    ["del", "Đề"],
    ["ins", "đề"],
  ]);
  expect(members[2]!.diff.filter((d) => d.kind === "del").map((d) => d.text.trim())).toEqual(["của chính quyền xã"]);
  for (const i of [0, 3, 4, 5]) expect(members[i]!.diff).toEqual([]);
  expect(members.map((m) => m.createdAt)).toEqual(rows.map((r) => r.createdAt));
  // 40 in the group: the representative, six listed, 33 more.
  expect(more).toBe(33);
});

it("counts no more members than the group has, and lists none of an empty card", () => {
  expect(groupMembers([row("a", LOWER)], 2, REPRESENTATIVE).more).toBe(0);
  expect(groupMembers([], 1, REPRESENTATIVE)).toEqual({ members: [], more: 0 });
});

it("remembers a pair's diff across pages, and a text changed (an erasure) is a new pair", () => {
  const first = markedAgainst(REPRESENTATIVE, SHORTER);
  expect(markedAgainst(REPRESENTATIVE, SHORTER)).toBe(first);
  expect(markedAgainst(`${REPRESENTATIVE} `, SHORTER)).not.toBe(first);
  const erased = markedAgainst(REPRESENTATIVE, "");
  expect(erased.map((d) => d.kind)).toEqual(["del"]);
  expect(erased).not.toBe(first);
});

it("stays bounded: after its limit it starts afresh, and diffs as before", () => {
  const first = markedAgainst(REPRESENTATIVE, LOWER);
  for (let i = 0; i < 5_000; i++) markedAgainst(REPRESENTATIVE, `${SHORTER} ${i}`);
  const again = markedAgainst(REPRESENTATIVE, LOWER);
  expect(again).not.toBe(first);
  expect(again).toEqual(first);
});
