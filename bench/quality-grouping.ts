// Grouping quality on the labelled near-duplicate set (tests/fixtures/near-duplicates, ADR 041):
//   grouping_recall       variants that end in their base's group / variants
//   false_grouping_rate   distinct comments that end in the base's group / distinct comments
// Through the path the app takes: every item is submitted with submitComment (screening, insert,
// settling of the group) against a throwaway SQLite database, each base and its items on a paragraph
// of their own, in a shuffled order (the base is not always first), then the groups are read back.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stopGroupCounts } from "~/comments/group-counts.server.ts";
import { submitComment } from "~/comments/submit.server.ts";
import { createConsultationFromText } from "~/consultations/publish.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb } from "~/platform/db.server.ts";
import { RateLimiter, readLimits } from "~/platform/rate-limit.server.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { seeded } from "./random.ts";
import { root } from "./support.js";

interface LabelledCase {
  source: string;
  base: string;
  variants: { kind: string; text: string }[];
  distinct: { kind: string; text: string }[];
}

export const LABELLED_SET = path.join(root, "tests/fixtures/near-duplicates/variants.json");

export function labelledCases(): LabelledCase[] {
  return JSON.parse(readFileSync(LABELLED_SET, "utf8")) as LabelledCase[];
}

export async function measureGrouping(
  log: (line: string) => void = () => undefined,
): Promise<{ grouping_recall: number; false_grouping_rate: number; grouping_set_size: number; grouping_distinct_size: number }> {
  const cases = labelledCases();
  const dir = mkdtempSync(path.join(tmpdir(), "gopy-quality-"));
  const url = `file:${path.join(dir, "grouping.db")}`;
  execFileSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" },
    stdio: "pipe",
  });
  const target = resolveDatabaseTarget(url);
  const db = createDb(target);
  const sql = createSqlDriver(target);
  try {
    const now = new Date();
    const draft = ["DỰ THẢO ĐO NHÓM TRÙNG LẶP", "Phần thứ nhất", "NỘI DUNG", ...cases.map((c, i) => `${i + 1}. ${c.source}.`)].join("\n\n");
    await createConsultationFromText(db, { slug: "do-nhom", status: "OPEN", opensAt: new Date(now.getTime() - 86_400_000) }, draft);
    const consultation = await db.consultation.findUniqueOrThrow({ where: { slug: "do-nhom" } });
    const blocks = await db.block.findMany({ where: { versionId: consultation.publishedVersionId!, kind: "clause" }, orderBy: { position: "asc" } });
    if (blocks.length !== cases.length) throw new Error(`${blocks.length} paragraphs for ${cases.length} cases`);
    const random = seeded(41);
    let n = 0;
    const send = async (blockKey: string, text: string) => {
      n++;
      const form = new FormData();
      const fields = {
        stance: "AGREE",
        text,
        name: "Người đo thử",
        email: `do${n}@example.vn`,
        provinceCode: "01",
        communeCode: "00004",
        consent: "on",
        confirmNoDiacritics: "1",
        blockKey,
      };
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      const result = await submitComment(db, "do-nhom", form, {
        clientAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        sql,
        now,
        limiter: new RateLimiter(),
        limits: readLimits({}),
      });
      if (result.status !== "accepted") throw new Error(`not accepted (${result.status}): ${text}`);
      return result.receiptToken;
    };
    let found = 0;
    let variants = 0;
    let falselyGrouped = 0;
    let distinct = 0;
    for (const [i, c] of cases.entries()) {
      const items = [
        { role: "base", text: c.base },
        ...c.variants.map((v) => ({ role: "variant", text: v.text })),
        ...c.distinct.map((d) => ({ role: "distinct", text: d.text })),
      ];
      // A seeded shuffle: the order of arrival must not matter.
      for (let k = items.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [items[k], items[j]] = [items[j]!, items[k]!];
      }
      const tokens = [];
      for (const item of items) tokens.push(await send(blocks[i]!.key, item.text));
      const rows = await db.comment.findMany({ where: { receiptToken: { in: tokens } }, select: { receiptToken: true, groupId: true } });
      const groupOf = new Map(rows.map((r) => [r.receiptToken, r.groupId]));
      const baseGroup = groupOf.get(tokens[items.findIndex((item) => item.role === "base")]!) ?? null;
      for (const [k, item] of items.entries()) {
        const group = groupOf.get(tokens[k]!) ?? null;
        if (item.role === "variant") {
          variants++;
          if (group !== null && group === baseGroup) found++;
        } else if (item.role === "distinct") {
          distinct++;
          if (group !== null && group === baseGroup) falselyGrouped++;
        }
      }
      if ((i + 1) % 10 === 0) log(`  ${i + 1}/${cases.length} bases submitted (${n} comments)`);
    }
    return {
      grouping_recall: Number((found / variants).toFixed(4)),
      false_grouping_rate: Number((falselyGrouped / distinct).toFixed(4)),
      grouping_set_size: variants,
      grouping_distinct_size: distinct,
    };
  } finally {
    await stopGroupCounts(sql);
    await db.$disconnect();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
