import { expect, it } from "vitest";
import { answerFormInput, answerInputSchema, correctionFormInput, correctionSchema } from "~/answers/answer-input.ts";

const base = { consultationId: "c1", disposition: "ADOPTED", explanation: "Xin tiếp thu.", target: { scope: "COMMENT", commentId: "k1" } };

it("accepts each scope and gives the explanation back in NFC, trimmed", () => {
  const parsed = answerInputSchema.parse({ ...base, explanation: "  Tiếp thu ý kiến về hoà bình.  ".normalize("NFD") });
  expect(parsed.explanation).toBe("Tiếp thu ý kiến về hoà bình.".normalize("NFC"));
  expect(parsed).toMatchObject({ replace: false, versionId: null, blockKeys: [], target: { scope: "COMMENT", commentId: "k1" } });
  expect(answerInputSchema.parse({ ...base, target: { scope: "SELECTION", commentIds: ["a", "b", "a"] } }).target).toEqual({
    scope: "SELECTION",
    commentIds: ["a", "b"],
  });
  expect(answerInputSchema.parse({ ...base, target: { scope: "GROUP", groupId: "g1" } }).target).toEqual({ scope: "GROUP", groupId: "g1" });
  expect(answerInputSchema.parse({ ...base, target: { scope: "THEME", sectionKey: "", phrase: "chuyen doi so" } }).target).toEqual({
    scope: "THEME",
    sectionKey: null,
    phrase: "chuyen doi so",
  });
});

it("refuses a disposition that does not exist, an empty or too long explanation, in Vietnamese", () => {
  const bad = answerInputSchema.safeParse({ ...base, disposition: "IGNORED" });
  expect(bad.success).toBe(false);
  expect(bad.error?.issues[0]?.message).toContain("Tiếp thu, Tiếp thu một phần, Giải trình (không tiếp thu), Đã có trong dự thảo");
  expect(answerInputSchema.safeParse({ ...base, explanation: " \n " }).error?.issues[0]?.message).toBe("Hãy viết nội dung tiếp thu hoặc giải trình.");
  expect(answerInputSchema.safeParse({ ...base, explanation: "a".repeat(5_000) }).success).toBe(true);
  expect(answerInputSchema.safeParse({ ...base, explanation: "a".repeat(5_001) }).error?.issues[0]?.message).toBe("Nội dung không được quá 5.000 ký tự.");
});

it("limits a selection to 5,000 opinions and wants a version with blocks", () => {
  const many = Array.from({ length: 5_001 }, (_, i) => `k${i}`);
  expect(answerInputSchema.safeParse({ ...base, target: { scope: "SELECTION", commentIds: many } }).error?.issues[0]?.message).toContain("tối đa 5.000");
  expect(answerInputSchema.safeParse({ ...base, target: { scope: "SELECTION", commentIds: [] } }).error?.issues[0]?.message).toBe("Chưa chọn ý kiến nào.");
  expect(answerInputSchema.safeParse({ ...base, blockKeys: ["b1"] }).error?.issues[0]).toMatchObject({
    path: ["blockKeys"],
    message: "Hãy chọn phiên bản có các đoạn đã tiếp thu.",
  });
  expect(answerInputSchema.safeParse({ ...base, target: { scope: "THEME", phrase: "DROP TABLE" } }).success).toBe(false);
  expect(answerInputSchema.safeParse({ ...base, target: { scope: "ALL" } }).error?.issues[0]?.message).toBe("Chưa chọn ý kiến cần trả lời.");
});

it("reads the forms' fields", () => {
  const form = new FormData();
  for (const [k, v] of [
    ["scope", "SELECTION"],
    ["commentIds", "a"],
    ["commentIds", "b"],
    ["disposition", "EXPLAINED"],
    ["explanation", "Giải trình."],
    ["versionId", "v2"],
    ["blockKeys", "p1"],
    ["replace", "1"],
    ["revision", "3"],
  ])
    form.append(k!, v!);
  expect(answerInputSchema.parse(answerFormInput(form, "c9"))).toMatchObject({
    consultationId: "c9",
    disposition: "EXPLAINED",
    versionId: "v2",
    blockKeys: ["p1"],
    replace: true,
    target: { scope: "SELECTION", commentIds: ["a", "b"] },
  });
  expect(correctionSchema.parse(correctionFormInput(form))).toMatchObject({ revision: 3, disposition: "EXPLAINED", versionId: "v2", blockKeys: ["p1"] });
  form.set("revision", "x");
  expect(correctionSchema.safeParse(correctionFormInput(form)).success).toBe(false);
});
