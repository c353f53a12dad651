import { sectionOfBlocks } from "~/consultations/sections.ts";
import type { Db } from "~/platform/db.server.ts";
import type { ReportSql } from "./report-sql.server.ts";
import { reportBlocks, reportConsultation } from "./document.server.ts";
import { describeFilters } from "./export/describe.server.ts";
import type { ReportFilters } from "./filters.ts";
import { reportQuery, type Viewer } from "./query.server.ts";
import { loadThemes, THEME_SAMPLE } from "./themes.server.ts";

export type ThemeTarget = { block: string } | { section: string } | { whole: true };

export function parseThemeTarget(params: URLSearchParams): ThemeTarget | null {
  const key = /^[A-Za-z0-9_-]{1,64}$/;
  const block = params.get("block");
  const section = params.get("section");
  if (block && key.test(block)) return { block };
  if (section && key.test(section)) return { section };
  if (params.get("whole") === "1") return { whole: true };
  return null;
}

/** The themes page: the target (a block, a section, or the whole draft), its key phrases and clusters. */
export async function themesPage(db: Db, sql: ReportSql, viewer: Viewer, consultationId: string, requested: ReportFilters, target: ThemeTarget) {
  const consultation = await reportConsultation(db, consultationId);
  if (!consultation?.publishedVersionId) return null;
  const blocks = await reportBlocks(db, consultation.publishedVersionId);
  let keys: string[] | null = null;
  let heading: { label: string; text: string };
  if ("block" in target) {
    const block = blocks.find((b) => b.key === target.block);
    if (!block) return null;
    keys = [block.key];
    heading = { label: block.label, text: block.text };
  } else if ("section" in target) {
    const section = blocks.find((b) => b.key === target.section);
    if (!section) return null;
    const sectionOf = sectionOfBlocks(blocks);
    if (sectionOf.get(section.key) !== section.key) return null;
    keys = blocks.filter((b) => sectionOf.get(b.key) === section.key).map((b) => b.key);
    heading = { label: section.label, text: section.text };
  } else {
    heading = { label: "Toàn văn dự thảo", text: "Ý kiến về toàn văn dự thảo, không gắn với một đoạn." };
  }
  const query = await reportQuery(db, viewer, consultation.id, requested);
  const [themes, scope] = await Promise.all([loadThemes(sql, query, keys), describeFilters(db, query)]);
  return {
    consultation: { id: consultation.id, title: consultation.title },
    filters: query.filters,
    target,
    heading,
    themes,
    scope,
    sampleLimit: THEME_SAMPLE,
  };
}
