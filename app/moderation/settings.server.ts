import { z } from "zod";
import { appendAudit } from "~/audit/audit.server.ts";
import { getDifficulty, setDifficulty } from "~/comments/captcha.server.ts";
import { REQUIRE_SCRIPT_KEY } from "~/comments/submit.server.ts";
import { normalizeText } from "~/text/normalize.ts";
import type { Db } from "~/platform/db.server.ts";
import { getSetting, setSetting } from "~/platform/settings.server.ts";
import { PROFANITY_KEY } from "~/comments/intake.server.ts";
import { parseWordList, STARTER_PROFANITY } from "~/text/profanity-vi.ts";

// What an administrator tunes for moderation: the rejection reasons, the profanity list, and the
// captcha during a flood. Every change goes to the audit log.

export async function moderationSettings(db: Db) {
  const [reasons, profanity, difficulty, requireScript] = await Promise.all([
    db.rejectReason.findMany({ orderBy: [{ position: "asc" }, { label: "asc" }] }),
    getSetting(db, PROFANITY_KEY),
    getDifficulty(db),
    getSetting(db, REQUIRE_SCRIPT_KEY),
  ]);
  return {
    reasons,
    profanity: profanity ?? STARTER_PROFANITY.join("\n"),
    profanityIsStarter: profanity === null || profanity === STARTER_PROFANITY.join("\n"),
    difficulty,
    requireScript: requireScript === "1",
  };
}

const label = z.preprocess(
  (v) => (typeof v === "string" ? normalizeText(v, { multiline: false }) : v),
  z.string().min(3, "Lý do cần ít nhất 3 ký tự.").max(200, "Lý do tối đa 200 ký tự."),
);
const position = z.coerce.number({ invalid_type_error: "Thứ tự phải là số." }).int("Thứ tự phải là số nguyên.").min(0).max(999);
const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reason-add"), label, position: position.default(100) }),
  z.object({
    intent: z.literal("reason-update"),
    id: z.string().min(1).max(64),
    label,
    position,
    active: z.preprocess((v) => v === "on" || v === "1", z.boolean()),
  }),
  z.object({ intent: z.literal("profanity"), words: z.string().max(100_000, "Danh sách quá dài (tối đa 100.000 ký tự).") }),
  z.object({ intent: z.literal("profanity-reset") }),
  z.object({
    intent: z.literal("captcha"),
    difficulty: z.coerce
      .number({ invalid_type_error: "Độ khó phải là số." })
      .int()
      .min(1_000, "Độ khó tối thiểu 1.000.")
      .max(10_000_000, "Độ khó tối đa 10.000.000."),
    requireScript: z.preprocess((v) => v === "on" || v === "1", z.boolean()),
  }),
]);

export type SettingsAnswer = { ok: boolean; message: string; intent: string | null; values?: Record<string, string> };

export async function changeModerationSettings(db: Db, actorId: string, formData: FormData): Promise<SettingsAnswer> {
  const raw = Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = raw.intent ?? null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Dữ liệu không hợp lệ.", intent, values: raw };
  const form = parsed.data;
  const audit = (subject: string, before: string | null, after: string | null) => appendAudit(db, { action: "settings", actorId, subject, before, after });
  switch (form.intent) {
    case "reason-add": {
      if (await db.rejectReason.findUnique({ where: { label: form.label } }))
        return { ok: false, message: "Lý do này đã có trong danh sách.", intent, values: raw };
      const row = await db.rejectReason.create({ data: { label: form.label, position: form.position } });
      await audit(`reject-reason:${row.id}`, null, form.label);
      return { ok: true, message: "Đã thêm lý do từ chối.", intent };
    }
    case "reason-update": {
      const before = await db.rejectReason.findUnique({ where: { id: form.id } });
      if (!before) return { ok: false, message: "Không tìm thấy lý do này.", intent };
      const clash = await db.rejectReason.findUnique({ where: { label: form.label } });
      if (clash && clash.id !== form.id) return { ok: false, message: "Đã có lý do khác cùng nội dung.", intent, values: raw };
      await db.rejectReason.update({ where: { id: form.id }, data: { label: form.label, position: form.position, active: form.active } });
      await audit(
        `reject-reason:${form.id}`,
        `${before.label} (${before.active ? "đang dùng" : "ngừng dùng"})`,
        `${form.label} (${form.active ? "đang dùng" : "ngừng dùng"})`,
      );
      return { ok: true, message: "Đã lưu lý do từ chối.", intent };
    }
    case "profanity": {
      const words = parseWordList(form.words);
      const before = await getSetting(db, PROFANITY_KEY);
      await setSetting(db, PROFANITY_KEY, words.join("\n"));
      await audit(`setting:${PROFANITY_KEY}`, before, words.join("\n"));
      return { ok: true, message: `Đã lưu danh sách từ ngữ thô tục (${words.length} mục).`, intent };
    }
    case "profanity-reset": {
      const before = await getSetting(db, PROFANITY_KEY);
      await setSetting(db, PROFANITY_KEY, STARTER_PROFANITY.join("\n"));
      await audit(`setting:${PROFANITY_KEY}`, before, "(danh sách mặc định)");
      return { ok: true, message: "Đã khôi phục danh sách mặc định.", intent };
    }
    case "captcha": {
      const before = `${await getDifficulty(db)} / ${(await getSetting(db, REQUIRE_SCRIPT_KEY)) === "1" ? "bắt buộc JavaScript" : "nhận biểu mẫu không JavaScript"}`;
      await setDifficulty(db, form.difficulty);
      await setSetting(db, REQUIRE_SCRIPT_KEY, form.requireScript ? "1" : "0");
      await audit("setting:captcha", before, `${form.difficulty} / ${form.requireScript ? "bắt buộc JavaScript" : "nhận biểu mẫu không JavaScript"}`);
      return { ok: true, message: "Đã lưu cài đặt chống gửi tự động; các máy chủ áp dụng trong vòng 5 giây.", intent };
    }
  }
}
