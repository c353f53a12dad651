import { data, redirect } from "@remix-run/node";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formFields } from "~/platform/forms.ts";
import { requireStaffAction } from "~/staff/auth.server.ts";
import { normalizeText } from "~/text/normalize.ts";
import { createConsultation, updateConsultationSettings } from "./consultations.server.ts";
import { parseVietnamDateTime, DATE_TIME_HINT } from "./period.ts";
import { parseSettings, SETTINGS_FIELDS, SETTINGS_LABELS, settingsValues, type DraftSettings, type SettingsValues } from "./settings-form.ts";
import { slugFromTitle } from "./slug.ts";
import { closeConsultationEarly, extendConsultation, openConsultationNow, scheduleConsultation, type TransitionResult } from "./transitions.server.ts";

// The posts of the drafting pages (routes stay thin): create, save the settings, and the state actions.
// Each answers with the page's values kept and Vietnamese messages beside the fields, or redirects to the
// consultation's page with a notice (?thong-bao=…).

export const consultationPagePath = (id: string) => `/quan-tri/du-thao/${id}`;

const NOT_FOUND = () => new Response("Không tìm thấy đợt lấy ý kiến.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** What the form shows again after a refusal: what was typed, with the slug the title gives when none was typed. */
function shownValues(values: SettingsValues): SettingsValues {
  const title = normalizeText(values.title ?? "", { multiline: false });
  return { ...values, slug: values.slug?.trim() || slugFromTitle(title) };
}

/** POST /quan-tri/du-thao/moi */
export async function createConsultationAction(request: Request) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const values = formFields(formData, SETTINGS_FIELDS) as SettingsValues;
  const parsed = parseSettings(values);
  if (!parsed.ok) return data({ values: shownValues(values), fieldErrors: parsed.fieldErrors }, { status: 400 });
  const created = await createConsultation(db, user, parsed.settings);
  if (!created.ok) return data({ values: shownValues(values), fieldErrors: created.fieldErrors }, { status: 400 });
  return redirect(`${consultationPagePath(created.id)}?thong-bao=da-tao`, 303);
}

/**
 * A stale form: nothing was saved. Says which fields are now stored differently from what the person
 * submitted (and their stored value), so they can decide; saving again then writes their values knowingly.
 */
function conflictMessage(submitted: DraftSettings, current: SettingsValues): string {
  const mine = settingsValues(submitted);
  const differing = SETTINGS_FIELDS.filter((name) => (mine[name] ?? "") !== (current[name] ?? "")).map((name) => {
    const value = current[name] ?? "";
    const shown = name.startsWith("accepts")
      ? value === "on"
        ? "có"
        : "không"
      : value === ""
        ? "(trống)"
        : name === "opensAt" || name === "closesAt"
          ? value.replace("T", " ")
          : `«${value}»`;
    return `${SETTINGS_LABELS[name]}: ${shown}`;
  });
  return (
    "Đợt lấy ý kiến vừa được người khác thay đổi (hoặc vừa chuyển trạng thái) sau khi bạn mở trang, nên thay đổi của bạn chưa được lưu. " +
    (differing.length ? `Hiện đang lưu khác với nội dung bạn nhập — ${differing.join("; ")}. ` : "") +
    "Nội dung bạn nhập vẫn còn bên dưới: kiểm tra lại rồi bấm «Lưu thông tin» để lưu, hoặc tải lại trang để xem bản mới nhất."
  );
}

export type StateIntent = "len-lich" | "mo-ngay" | "ket-thuc" | "gia-han";

export type PageAnswer =
  | { intent: "luu"; values: SettingsValues; fieldErrors: Record<string, string>; formError?: string }
  | { intent: StateIntent; formError: string; fieldErrors: Record<string, string>; values: Record<string, string> };

/** POST /quan-tri/du-thao/:id — intent "luu" (settings) or one of the state actions. */
export async function consultationPageAction(request: Request, id: string) {
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const intent = String(formData.get("intent") ?? "");
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };

  if (intent === "luu") {
    const values = formFields(formData, SETTINGS_FIELDS) as SettingsValues;
    const revision = Number(text("revision"));
    const refuse = (answer: Omit<Extract<PageAnswer, { intent: "luu" }>, "intent" | "values">, status: number) =>
      data({ intent: "luu" as const, values: shownValues(values), ...answer } satisfies PageAnswer, { status });
    if (!Number.isInteger(revision) || revision < 0)
      return refuse({ fieldErrors: {}, formError: "Biểu mẫu thiếu số phiên bản. Hãy tải lại trang rồi thử lại." }, 400);
    const parsed = parseSettings(values);
    if (!parsed.ok) return refuse({ fieldErrors: parsed.fieldErrors }, 400);
    const result = await updateConsultationSettings(db, user, id, revision, parsed.settings);
    if (result.ok) return redirect(`${consultationPagePath(id)}?thong-bao=${result.changed.length ? "da-luu" : "khong-doi"}`, 303);
    if ("missing" in result) throw NOT_FOUND();
    if ("conflict" in result) return refuse({ fieldErrors: {}, formError: conflictMessage(parsed.settings, result.current) }, 409);
    return refuse({ fieldErrors: result.fieldErrors }, 400);
  }

  const reasonOf = (name: string) => normalizeText(text(name), { multiline: true });
  let result: TransitionResult;
  let values: Record<string, string> = {};
  switch (intent) {
    case "len-lich":
      result = await scheduleConsultation(db, user, id);
      break;
    case "mo-ngay":
      result = await openConsultationNow(db, user, id);
      break;
    case "ket-thuc":
      values = { closeReason: text("closeReason") };
      result = await closeConsultationEarly(db, user, id, reasonOf("closeReason"));
      break;
    case "gia-han": {
      values = { until: text("until"), extendReason: text("extendReason") };
      const until = parseVietnamDateTime(text("until"));
      if (!until) {
        const message = text("until").trim()
          ? `Thời điểm kết thúc mới không đọc được: ghi theo dạng ${DATE_TIME_HINT}.`
          : "Vui lòng nhập thời điểm kết thúc mới.";
        return data({ intent, formError: message, fieldErrors: { until: message }, values } satisfies PageAnswer, { status: 400 });
      }
      result = await extendConsultation(db, user, id, until, reasonOf("extendReason"));
      break;
    }
    default:
      return data(
        {
          intent: "luu" as const,
          values: {},
          fieldErrors: {},
          formError: "Không rõ thao tác cần thực hiện. Hãy tải lại trang rồi thử lại.",
        } satisfies PageAnswer,
        { status: 400 },
      );
  }
  if (result.ok) {
    const notice =
      intent === "len-lich"
        ? result.status === "OPEN"
          ? "da-mo"
          : "da-len-lich"
        : intent === "mo-ngay"
          ? "da-mo"
          : intent === "ket-thuc"
            ? "da-ket-thuc"
            : "da-gia-han";
    return redirect(`${consultationPagePath(id)}?thong-bao=${notice}`, 303);
  }
  if ("missing" in result) throw NOT_FOUND();
  const field = result.field === "reason" ? (intent === "ket-thuc" ? "closeReason" : "extendReason") : result.field;
  // A missing or short reason, a bad time: 400; an action the state does not allow (any more): 409.
  return data(
    { intent: intent as StateIntent, formError: result.message, fieldErrors: field ? { [field]: result.message } : {}, values } satisfies PageAnswer,
    {
      status: field ? 400 : 409,
    },
  );
}
