import { expect, it } from "vitest";
import { commentFormSchema } from "~/comments/comment-form.ts";
import { proposalOriginal, proposalToStore, sameWording, shownProposal } from "~/comments/proposal.ts";

// "Đề xuất sửa thành" (ADR 047): what counts as a proposal, what it rewrites, how pages get its diff,
// and the form's rules (a bound, never on a whole-draft comment).

const PARAGRAPH = "Đất đai thuộc sở hữu toàn dân do Nhà nước đại diện chủ sở hữu và thống nhất quản lý.";

it("takes the passage as the original when there is one, the paragraph otherwise", () => {
  expect(proposalOriginal({ quote: "sở hữu toàn dân", blockText: PARAGRAPH })).toBe("sở hữu toàn dân");
  expect(proposalOriginal({ quote: null, blockText: PARAGRAPH })).toBe(PARAGRAPH);
  expect(proposalOriginal({ quote: null, blockText: null })).toBeNull();
});

it("sees the same wording through spacing, line breaks, decomposed letters and invisible characters", () => {
  expect(sameWording(PARAGRAPH, `  ${PARAGRAPH.normalize("NFD").replace(/ /g, "\n  ")}\u200b `)).toBe(true);
  expect(sameWording(PARAGRAPH, PARAGRAPH.replace("thống nhất", "thống nhất"))).toBe(true);
  // A changed tone, a changed letter, a changed case or punctuation is a change.
  expect(sameWording(PARAGRAPH, PARAGRAPH.replace("Đất đai", "Đất đái"))).toBe(false);
  expect(sameWording(PARAGRAPH, PARAGRAPH.replace("Nhà nước", "nhà nước"))).toBe(false);
  expect(sameWording(PARAGRAPH, PARAGRAPH.replace(/\.$/, ";"))).toBe(false);
});

it("stores a proposal only when it changes the original, and never without one", () => {
  const changed = PARAGRAPH.replace("thống nhất quản lý", "thống nhất quản lý theo quy định của luật");
  expect(proposalToStore(PARAGRAPH, changed)).toBe(changed);
  expect(proposalToStore(PARAGRAPH, ` ${PARAGRAPH} `)).toBeNull();
  expect(proposalToStore(PARAGRAPH, undefined)).toBeNull();
  expect(proposalToStore(null, changed)).toBeNull();
});

it("gives pages the proposal with its word diff, or as written without an original", () => {
  expect(shownProposal("sở hữu toàn dân", "sở hữu chung của toàn dân")).toEqual({
    text: "sở hữu chung của toàn dân",
    diff: [
      { kind: "same", text: "sở hữu " },
      { kind: "ins", text: "chung của " },
      { kind: "same", text: "toàn dân" },
    ],
  });
  expect(shownProposal(null, "Một câu mới.")).toEqual({ text: "Một câu mới.", diff: null });
  expect(shownProposal(PARAGRAPH, null)).toBeNull();
});

const FORM = {
  stance: "OTHER",
  text: "Đề nghị làm rõ vai trò đại diện chủ sở hữu.",
  name: "Lê Thị Hoa",
  email: "hoa@example.vn",
  consent: "on",
};

it("reads the form's proposal: normalized, bounded, and only on a paragraph or a passage", () => {
  const schema = commentFormSchema(5000);
  const parsed = schema.safeParse({ ...FORM, blockKey: "k1", proposal: `  ${PARAGRAPH.normalize("NFD")}\r\n` });
  expect(parsed.success && parsed.data.proposal).toBe(PARAGRAPH);
  const blank = schema.safeParse({ ...FORM, blockKey: "k1", proposal: " \n " });
  expect(blank.success && blank.data.proposal).toBeUndefined();

  const whole = schema.safeParse({ ...FORM, proposal: "Viết lại toàn bộ." });
  expect(whole.success).toBe(false);
  expect(whole.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
    ["proposal", "Chỉ có thể đề xuất sửa câu chữ khi góp ý vào một đoạn hoặc một đoạn trích của dự thảo, không phải toàn văn."],
  ]);
  const long = schema.safeParse({ ...FORM, blockKey: "k1", proposal: "ă".repeat(10_001) });
  expect(long.error?.issues.map((i) => i.message)).toEqual(["Đề xuất sửa thành: tối đa 10.000 ký tự."]);
  // Counted as a person counts: 10,000 letters with marks are within the bound.
  expect(schema.safeParse({ ...FORM, blockKey: "k1", proposal: "ắ".normalize("NFD").repeat(10_000) }).success).toBe(true);
});
