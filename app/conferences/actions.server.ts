import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { fieldErrorsOf, formFields } from "~/platform/forms.ts";
import { OPINION_FIELDS, opinionFormSchema } from "./conference-form.ts";
import { channelRefusal, type ConferenceDetails } from "./conferences.server.ts";
import type { RowError } from "./opinion-rows.ts";
import { addOpinion, uploadOpinions } from "./upload.server.ts";

// The posts of a conference's page: one opinion typed in ("them-y-kien"), or a file ("tai-len").

export type ConferenceAnswer =
  | { intent: "them-y-kien"; ok: true }
  | { intent: "them-y-kien"; ok: false; values: Record<string, string | undefined>; fieldErrors: Record<string, string> }
  | { intent: "tai-len"; ok: true; imported: number; skipped: RowError[]; alreadyIn: number[] }
  | { intent: "tai-len"; ok: false; formError: string | null; errors: RowError[]; validRows: number; alreadyIn: number[]; validOnly: boolean };

export async function handleConferenceForm(
  db: Db,
  sql: SqlDriver,
  actor: { id: string },
  conference: ConferenceDetails,
  formData: FormData,
): Promise<ConferenceAnswer> {
  // The drafting team may have turned this channel off since the conference was recorded.
  const refusal = channelRefusal(conference.consultation, conference.channel);
  if (formData.get("intent") === "tai-len") {
    const validOnly = formData.get("validOnly") === "on";
    if (refusal) return { intent: "tai-len", ok: false, formError: `${refusal} Không nhập được ý kiến.`, errors: [], validRows: 0, alreadyIn: [], validOnly };
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) {
      return {
        intent: "tai-len",
        ok: false,
        formError: "Vui lòng chọn tệp Excel (.xlsx) hoặc CSV để tải lên.",
        errors: [],
        validRows: 0,
        alreadyIn: [],
        validOnly,
      };
    }
    const result = await uploadOpinions(db, sql, actor, conference, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, { validOnly });
    return result.ok ? { intent: "tai-len", ...result } : { intent: "tai-len", ...result, validOnly };
  }
  const values = formFields(formData, OPINION_FIELDS);
  if (refusal) return { intent: "them-y-kien", ok: false, values, fieldErrors: { form: `${refusal} Không ghi nhận được ý kiến.` } };
  const parsed = opinionFormSchema.safeParse(values);
  if (!parsed.success) return { intent: "them-y-kien", ok: false, values, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await addOpinion(db, sql, actor, conference, parsed.data);
  return result.ok ? { intent: "them-y-kien", ok: true } : { intent: "them-y-kien", ok: false, values, fieldErrors: result.fieldErrors };
}
