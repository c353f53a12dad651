import { versionPath } from "~/consultations/changes/paths.ts";
import { consultationPath } from "~/consultations/urls.ts";

// The addresses and types of a published version's files (ADR 049); small enough for the page's links.

export const DRAFT_FORMATS = {
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  pdf: { type: "application/pdf" },
} as const;
export type DraftFormat = keyof typeof DRAFT_FORMATS;

/** The address of a version's file: the current version's (`/du-thao/<slug>/tai-ve.pdf`) or an earlier one's (`…/ban/2/tai-ve.pdf`). */
export const draftFilePath = (slug: string, format: DraftFormat, number?: number) =>
  `${number === undefined ? consultationPath(slug) : versionPath(slug, number)}/tai-ve.${format}`;
