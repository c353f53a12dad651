import { draftFileLoader } from "~/reports/draft-files/download.server.ts";
import { getDb } from "~/platform/db.server.ts";

// /du-thao/<slug>/tai-ve.docx: the version readers comment on now, as a file (ADR 049).
export const loader = draftFileLoader(getDb, "docx");
