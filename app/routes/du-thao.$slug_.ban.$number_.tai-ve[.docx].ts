import { draftFileLoader } from "~/reports/draft-files/download.server.ts";
import { getDb } from "~/platform/db.server.ts";

// /du-thao/<slug>/ban/<n>/tai-ve.docx: an earlier published version as a file (ADR 049).
export const loader = draftFileLoader(getDb, "docx");
