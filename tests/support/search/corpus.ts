import { readFileSync } from "node:fs";
import type { SearchDocument } from "@search/engine.ts";
import { searchDocument } from "./documents.ts";

/**
 * Real text as search documents: every paragraph of the demo political report and of the 2013
 * Constitution (prisma/demo; the Constitution is the file of ../shared/corpus, partly NFD on purpose,
 * kept as it is). Ids are stable: "b_bcct_<paragraph>" and "b_hp_<paragraph>", 1-based.
 */

export interface CorpusConsultation {
  id: string;
  slug: string;
  title: string;
  file: string;
  prefix: string;
  /** A top-level section starts at a paragraph matching this. */
  section: RegExp;
  publishedAt: number;
}

export const REPORT: CorpusConsultation = {
  id: "ct-bao-cao",
  slug: "du-thao-bao-cao-chinh-tri-hoa-son",
  title: "Dự thảo Báo cáo chính trị Đảng bộ tỉnh Hòa Sơn",
  file: "du-thao-bao-cao-chinh-tri.txt",
  prefix: "bcct",
  section: /^(Phần thứ|[IVX]+\. )/,
  publishedAt: Date.UTC(2025, 9, 1),
};

export const CONSTITUTION: CorpusConsultation = {
  id: "ct-hien-phap",
  slug: "hien-phap-2013",
  title: "Hiến pháp năm 2013",
  file: "hien-phap-2013.txt",
  prefix: "hp",
  section: /^Chương [IVXL]+\.?$/,
  publishedAt: Date.UTC(2025, 4, 6),
};

export const CORPUS_CONSULTATIONS = [REPORT, CONSTITUTION];

/** The paragraphs of a demo file, as written (blank lines separate them; lines inside are joined). */
export function corpusParagraphs(consultation: CorpusConsultation): string[] {
  const text = readFileSync(new URL(`../../../prisma/demo/${consultation.file}`, import.meta.url), "utf8");
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim().replace(/\s*\n\s*/g, " "))
    .filter((paragraph) => paragraph !== "");
}

/** Every paragraph of both demo drafts as a block document, with its section and a label. */
export function corpusBlocks(): SearchDocument[] {
  return CORPUS_CONSULTATIONS.flatMap((consultation) => {
    const paragraphs = corpusParagraphs(consultation);
    let sectionKey: string | null = null;
    let sectionTitle: string | null = null;
    let article: string | null = null;
    return paragraphs.map((text, i) => {
      const nfc = text.normalize("NFC");
      if (consultation.section.test(nfc)) {
        sectionKey = `${consultation.prefix}-s${i + 1}`;
        sectionTitle = nfc;
        article = null;
      }
      const articleMatch = /^Điều (\d+)\.$/.exec(nfc);
      if (articleMatch) article = `Điều ${articleMatch[1]}`;
      const label = [sectionTitle, article].filter((part) => part !== null).join(" › ") || "Phần mở đầu";
      return searchDocument({
        id: `b_${consultation.prefix}_${i + 1}`,
        kind: "block",
        text,
        consultationId: consultation.id,
        consultationSlug: consultation.slug,
        consultationTitle: consultation.title,
        blockKey: `p${i + 1}`,
        blockLabel: label,
        sectionKey,
        sectionTitle,
        createdAt: consultation.publishedAt,
      });
    });
  });
}
