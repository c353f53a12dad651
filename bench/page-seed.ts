// bench:page's generated law, seeded as the drafting team publishes a draft: the consultation created
// from its settings, the law's text imported as the working copy, published, then opened («Mở ngay»).
// Run by bench/page.js on the bench database (DATABASE_URL); prints one JSON line: slug, paragraphs, blocks.
import { createConsultation } from "~/consultations/drafting/consultations.server.ts";
import { toDateTimeInput } from "~/consultations/drafting/period.ts";
import { parseSettings } from "~/consultations/drafting/settings-form.ts";
import { openConsultationNow } from "~/consultations/drafting/transitions.server.ts";
import { importStructuredText } from "~/consultations/document/structured-text.ts";
import { publishWorkingCopy, replaceWorkingCopy } from "~/consultations/working-copy.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDb } from "~/platform/db.server.ts";
import { constitutionChapters, generateLaw } from "./page-law.ts";
import { root } from "./support.js";

const LAW_SLUG = "du-thao-luat-bao-dam-quyen-con-nguoi";
const PARAGRAPHS = Number(process.env.BENCH_LAW_PARAGRAPHS ?? 2000);
const SEED = 17;
const DAY = 86_400_000;

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const db = createDb(resolveDatabaseTarget(url));
  try {
    const started = performance.now();
    const text = generateLaw(constitutionChapters(root), { paragraphs: PARAGRAPHS, seed: SEED });
    const imported = importStructuredText(text);
    const settings = parseSettings({
      title: "Dự thảo Luật Bảo đảm quyền con người, quyền công dân",
      slug: LAW_SLUG,
      summary: "Dự thảo luật dài (2.000 đoạn) của bench:page.",
      issuingBody: "Ủy ban Pháp luật của Quốc hội",
      kind: "LAW",
      opensAt: "",
      closesAt: toDateTimeInput(new Date(Date.now() + 60 * DAY)),
      commentCharLimit: "2000",
      acceptsOnline: "on",
      acceptsConference: "on",
      acceptsLetter: "",
    });
    if (!settings.ok) throw new Error(JSON.stringify(settings.fieldErrors));
    const created = await createConsultation(db, null, settings.settings);
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    const saved = await replaceWorkingCopy(db, {
      consultationId: created.id,
      title: imported.title ?? settings.settings.title,
      content: imported.doc,
      source: "text",
      actorId: null,
      baseRevision: null,
    });
    if (saved.status !== "saved") throw new Error(`Import: ${saved.status}`);
    const published = await publishWorkingCopy(db, { versionId: saved.versionId, baseRevision: saved.revision, actorId: null });
    if (published.status !== "published") throw new Error(`Publish: ${JSON.stringify(published)}`);
    const opened = await openConsultationNow(db, null, created.id);
    if (!opened.ok) throw new Error(`Open: ${JSON.stringify(opened)}`);
    const { stats } = imported;
    console.log(
      JSON.stringify({
        slug: LAW_SLUG,
        paragraphs: stats.clauses + stats.points + stats.paragraphs + stats.listItems,
        chapters: stats.chapters,
        sections: stats.sections,
        articles: stats.articles,
        clauses: stats.clauses,
        points: stats.points,
        blocks: published.blocks,
        text_bytes: Buffer.byteLength(text),
        seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      }),
    );
  } finally {
    await db.$disconnect();
  }
}

await main();
