import { AGE_GROUPS, OCCUPATIONS, STANCES } from "~/vocabulary/vocabulary.ts";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { issueChallenge } from "~/comments/captcha.server.ts";
import { countCharacters, formValues, type FormValues } from "~/comments/comment-form.ts";
import { checkedQuote, getCommentTarget } from "~/comments/comment-target.server.ts";
import { PROPOSAL_LABEL, PROPOSAL_LIMIT, sameWording } from "~/comments/proposal.ts";
import { newIdempotencyKey } from "~/comments/idempotency.server.ts";
import { submitComment, type SubmissionResult } from "~/comments/submit.server.ts";
import { CaptchaField } from "~/comments/ui/captcha-field.tsx";
import { QuotedText } from "~/comments/ui/quoted-text.tsx";
import { SELECTION_WORDS } from "~/comments/ui/selection-comment.ts";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { FieldLink } from "~/ui/form/field-link.tsx";
import { LocalitySelects } from "~/localities/ui/locality-fields.tsx";
import { blockPath, consultationPath, newReceiptPath } from "~/consultations/urls.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { formatDateTime } from "~/platform/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Góp ý: ${data.consultation.title}` : "Góp ý dự thảo" },
  { name: "robots", content: "noindex" },
];

async function loadPage(request: Request, slug: string, blockKey: string | null) {
  const db = getDb();
  const target = await getCommentTarget(db, slug, blockKey);
  if (!target) throw new Response("Không tìm thấy", { status: 404 });
  const url = new URL(request.url);
  const quote = checkedQuote(target.block?.text, url.searchParams.get("trich"), url.searchParams.get("tu"), url.searchParams.get("den"));
  return {
    consultation: target.consultation,
    block: target.block,
    quote,
    provinces: listProvinces().map(({ code, name }) => ({ code, name })),
    challenge: target.consultation.publicStatus === "open" && target.consultation.acceptsOnline ? await issueChallenge(db, slug) : null,
    // Sent with every attempt of this form: a retry after a lost answer gets the same receipt (ADR 025).
    idempotencyKey: newIdempotencyKey(),
  };
}

const OFFLINE =
  "Đợt lấy ý kiến này không nhận góp ý trực tuyến; ý kiến được nhận qua hội nghị hoặc thư, văn bản. Bạn vẫn có thể đọc dự thảo và các ý kiến đã được đăng.";

// The form shows what the person typed (name, email, phone) and a one-time captcha: never stored.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ params, request }: LoaderFunctionArgs) {
  const blockKey = new URL(request.url).searchParams.get("doan");
  const page = await loadPage(request, params.slug ?? "", blockKey);
  return data(page, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  // Read and submitted already by the fast path in front of Remix (server/index.js, ADR 054) when it did not accept it.
  const handed = context.commentSubmission;
  if (handed?.error !== undefined) throw handed.error;
  const formData = handed?.formData ?? (await readFormData(request));
  const values = formValues(formData);
  const slug = params.slug ?? "";
  // Only answers that show the form again need the commune list.
  const communes = () => (values.provinceCode ? listCommunes(values.provinceCode).map(({ code, name }) => ({ code, name })) : []);
  const db = getDb();
  // Without JavaScript, choosing a province reloads the form with that province's communes.
  if (formData.get("intent") === "chon-tinh") return data({ values, communes: communes(), challenge: await issueChallenge(db, slug) });

  const result =
    (handed?.result as SubmissionResult | undefined) ?? (await submitComment(db, slug, formData, { clientAddress: context.clientAddress ?? null }));
  switch (result.status) {
    case "not-found":
      throw new Response("Không tìm thấy", { status: 404 });
    case "accepted":
      return redirect(newReceiptPath(result.receiptToken), 303);
    case "duplicate":
      // No link and nothing about the first comment: whoever sends the same text with the same contact
      // must not get the first sender's status page (their name, commune and status).
      return data({ alreadyReceived: true, values: {} as FormValues }, { status: 200 });
    case "closed":
      return data(
        {
          values,
          communes: communes(),
          formError: `Đợt lấy ý kiến không mở vào lúc này${result.closesAt && result.closesAt <= new Date() ? ` (đã kết thúc lúc ${formatDateTime(result.closesAt)})` : ""}; góp ý không được nhận.`,
        },
        { status: 403 },
      );
    case "offline":
      return data({ values, communes: communes(), formError: OFFLINE }, { status: 403 });
    case "invalid":
      return data({ values, communes: communes(), fieldErrors: result.fieldErrors, challenge: await issueChallenge(db, slug) }, { status: 400 });
    case "confirm-diacritics":
      return data({ values, communes: communes(), confirmDiacritics: true, challenge: await issueChallenge(db, slug) }, { status: 200 });
    case "rate-limited":
      return data(
        {
          values,
          communes: communes(),
          formError: `Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau ${Math.ceil(result.retryAfter / 60)} phút.`,
          challenge: await issueChallenge(db, slug),
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    case "refused":
      return data({ values, communes: communes(), formError: result.message, challenge: await issueChallenge(db, slug) }, { status: 400 });
  }
}

type ActionData = {
  values?: FormValues;
  communes?: { code: string; name: string }[];
  fieldErrors?: Record<string, string>;
  formError?: string;
  confirmDiacritics?: boolean;
  alreadyReceived?: boolean;
  challenge?: Awaited<ReturnType<typeof issueChallenge>>;
};

export default function CommentFormPage() {
  const { consultation, block, quote, provinces, challenge: loaderChallenge, idempotencyKey: freshKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const values = actionData?.values ?? {};
  const errors = actionData?.fieldErrors ?? {};
  const challenge = actionData?.challenge ?? loaderChallenge;
  // The key this form was first rendered with stays through every attempt (the loader makes a new one
  // each time it runs, which includes after every submission).
  const idempotencyKey = values.idempotencyKey && !errors.idempotencyKey ? values.idempotencyKey : freshKey;
  const open = consultation.publicStatus === "open" && consultation.acceptsOnline;
  const [text, setText] = useState(values.text ?? "");
  const textArea = useRef<HTMLTextAreaElement>(null);
  const errorSummary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The box is uncontrolled, so the counter counts what it holds: text typed before the scripts
    // arrived (a slow phone) stays, and is counted, instead of being cleared by the first render.
    setText(textArea.current?.value ?? "");
    if (actionData?.fieldErrors || actionData?.formError || actionData?.confirmDiacritics) errorSummary.current?.focus();
  }, [actionData]);

  const back = block ? blockPath(consultation.slug, block.key) : consultationPath(consultation.slug);
  const remaining = consultation.commentCharLimit - countCharacters(text);
  const field = (name: string) => ({ ...fieldProps(name, errors), defaultValue: values[name] ?? "" });

  return (
    <article className="comment-page">
      <p className="breadcrumb">
        <Link to={back}>← Quay lại dự thảo</Link>
      </p>
      {/* The same words as the page's hint and the selection's button. */}
      <h1>{quote ? SELECTION_WORDS.title : "Góp ý vào dự thảo"}</h1>
      <p className="consultation-name">{consultation.title}</p>

      <section className="comment-target" aria-label="Nội dung được góp ý">
        {block ? (
          <>
            <h2>{block.label}</h2>
            <blockquote>{quote ? <QuotedText text={block.text} start={quote.start} end={quote.end} /> : block.text}</blockquote>
          </>
        ) : (
          <h2>Góp ý về toàn văn dự thảo</h2>
        )}
      </section>

      {actionData?.alreadyReceived ? (
        <div className="notice" role="status">
          <h2>Góp ý này đã được nhận trước đó</h2>
          <p>
            Một góp ý cùng nội dung, từ cùng thư điện tử hoặc số điện thoại, đã được gửi vào phần này của dự thảo; hệ thống không lưu thêm một bản nữa. Đường
            dẫn theo dõi đã được hiển thị cho lần gửi đầu tiên: nếu đó là bạn, hãy dùng đường dẫn đã lưu.
          </p>
          <p>
            <Link to={back}>Quay lại dự thảo</Link>
          </p>
        </div>
      ) : !open ? (
        <p className="notice" role="status">
          {consultation.publicStatus === "closed"
            ? `Đợt lấy ý kiến đã kết thúc${consultation.closesAt ? ` lúc ${formatDateTime(consultation.closesAt)}` : ""}; góp ý không còn được nhận. Bạn vẫn có thể đọc các ý kiến đã được đăng.`
            : consultation.publicStatus === "open"
              ? OFFLINE
              : `Đợt lấy ý kiến chưa bắt đầu${consultation.opensAt ? `; dự kiến mở lúc ${formatDateTime(consultation.opensAt)}` : ""}.`}
          {values.text ? (
            // Sent just as the period ended: what the person wrote is not lost with the form.
            <>
              <br />
              Nội dung bạn đã viết (chưa được gửi):
              <textarea className="unsent-text" readOnly rows={4} defaultValue={values.text} aria-label="Nội dung góp ý chưa được gửi" />
            </>
          ) : null}
        </p>
      ) : (
        <Form method="post" className="comment-form" replace>
          <div ref={errorSummary} tabIndex={-1} className="form-messages">
            {actionData?.formError ? (
              <p className="form-error" role="alert">
                {actionData.formError}
              </p>
            ) : null}
            {Object.keys(errors).length > 0 ? (
              <div className="form-error" role="alert">
                <p>Góp ý chưa được gửi: vui lòng sửa {Object.keys(errors).length} mục được đánh dấu bên dưới.</p>
                <ul>
                  {inFormOrder(errors).map(([name, message]) => (
                    <li key={name}>
                      <FieldLink id={`f-${name}`}>{message}</FieldLink>
                    </li>
                  ))}
                </ul>
              </div>
            ) : actionData?.confirmDiacritics ? (
              // Said at the top too: on a phone the warning itself is below the fold.
              <p className="form-error" role="alert">
                Góp ý chưa được gửi: nội dung có vẻ được gõ không dấu. Hãy sửa lại, hoặc đánh dấu{" "}
                <FieldLink id="f-confirmNoDiacritics">«Tôi vẫn muốn gửi nội dung này»</FieldLink> rồi gửi lại.
              </p>
            ) : null}
          </div>

          <input type="hidden" name="blockKey" value={block?.key ?? ""} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {quote ? (
            <>
              <input type="hidden" name="quote" value={quote.quote} />
              <input type="hidden" name="quoteStart" value={quote.start} />
              <input type="hidden" name="quoteEnd" value={quote.end} />
            </>
          ) : values.quote ? (
            <>
              <input type="hidden" name="quote" value={values.quote} />
              <input type="hidden" name="quoteStart" value={values.quoteStart ?? ""} />
              <input type="hidden" name="quoteEnd" value={values.quoteEnd ?? ""} />
            </>
          ) : null}

          <fieldset className="stance" aria-describedby={errors.stance ? "f-stance-error" : undefined}>
            <legend>
              Ý kiến của bạn <span className="required">(bắt buộc)</span>
            </legend>
            {(Object.keys(STANCES) as (keyof typeof STANCES)[]).map((stance) => (
              <label key={stance} className="choice">
                <input
                  type="radio"
                  name="stance"
                  id={stance === "AGREE" ? "f-stance" : undefined}
                  value={stance}
                  required
                  defaultChecked={values.stance === stance}
                />{" "}
                {STANCES[stance]}
              </label>
            ))}
            <FieldError name="stance" errors={errors} />
          </fieldset>

          <div className="field">
            <label htmlFor="f-text">
              Nội dung góp ý <span className="required">(bắt buộc)</span>
            </label>
            <textarea
              {...field("text")}
              ref={textArea}
              rows={8}
              required
              lang="vi"
              onChange={(e) => setText(e.target.value)}
              aria-describedby={`f-text-count${errors.text ? " f-text-error" : ""}`}
            />
            <p id="f-text-count" className={remaining < 0 ? "hint over" : "hint"} aria-live="polite">
              Số ký tự còn lại: <output>{remaining.toLocaleString("vi-VN")}</output> / {consultation.commentCharLimit.toLocaleString("vi-VN")}
            </p>
            <FieldError name="text" errors={errors} />
            {actionData?.confirmDiacritics ? (
              <div className="warning">
                <p>
                  <strong>Hãy sử dụng tiếng Việt có dấu.</strong> Nội dung của bạn có vẻ được gõ không dấu, dễ bị hiểu sai. Bạn có thể sửa lại, hoặc xác nhận để
                  gửi nguyên văn.
                </p>
                <label className="choice">
                  <input type="checkbox" name="confirmNoDiacritics" id="f-confirmNoDiacritics" value="1" /> Tôi vẫn muốn gửi nội dung này
                </label>
              </div>
            ) : null}
          </div>

          {block ? (
            <ProposalField original={values.quote || quote?.quote || block.text} passage={Boolean(values.quote || quote)} values={values} errors={errors} />
          ) : null}

          <div className="field">
            <label htmlFor="f-name">
              Họ và tên <span className="required">(bắt buộc)</span>
            </label>
            <input {...field("name")} type="text" autoComplete="name" required maxLength={100} />
            <FieldError name="name" errors={errors} />
          </div>

          <p className="hint">Nhập thư điện tử hoặc số điện thoại (ít nhất một) để nhận phản hồi khi cần.</p>
          <div className="field">
            <label htmlFor="f-email">Thư điện tử</label>
            <input {...field("email")} type="email" autoComplete="email" inputMode="email" maxLength={254} />
            <FieldError name="email" errors={errors} />
          </div>
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="mayContact" id="f-mayContact" defaultChecked={values.mayContact === "on"} /> Gửi thư cho tôi khi góp ý này được trả
              lời
            </label>
            <p className="hint">Chỉ gửi khi bạn đã nhập địa chỉ thư ở trên.</p>
          </div>
          <div className="field">
            <label htmlFor="f-phone">Số điện thoại</label>
            <input {...field("phone")} type="tel" autoComplete="tel" inputMode="tel" maxLength={20} />
            <FieldError name="phone" errors={errors} />
          </div>

          <fieldset className="locality">
            <legend>Nơi sinh sống</legend>
            <LocalitySelects
              provinces={provinces}
              initialProvince={values.provinceCode ?? ""}
              initialCommune={values.communeCode ?? ""}
              initialCommunes={actionData?.communes ?? []}
              errors={errors}
              required
            />
          </fieldset>

          <div className="field">
            <label htmlFor="f-occupation">Nghề nghiệp</label>
            <select {...field("occupation")}>
              <option value="">— Không nêu —</option>
              {OCCUPATIONS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
            <FieldError name="occupation" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="f-ageGroup">Độ tuổi</label>
            <select {...field("ageGroup")}>
              <option value="">— Không nêu —</option>
              {AGE_GROUPS.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
            <FieldError name="ageGroup" errors={errors} />
          </div>
          <div className="field">
            <label htmlFor="f-onBehalfOf">Góp ý thay mặt cho tổ chức (nếu có)</label>
            <input {...field("onBehalfOf")} type="text" maxLength={200} />
            <FieldError name="onBehalfOf" errors={errors} />
          </div>

          <div className="honeypot" aria-hidden="true">
            <label htmlFor="f-website">Để trống ô này</label>
            <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>

          <div className="field consent">
            <label className="choice">
              <input
                type="checkbox"
                name="consent"
                id="f-consent"
                required
                defaultChecked={values.consent === "on"}
                aria-describedby={errors.consent ? "f-consent-error" : undefined}
              />{" "}
              Tôi đồng ý để Ban tổ chức xử lý dữ liệu cá nhân của tôi cho việc tổng hợp góp ý, theo{" "}
              <Link to="/quyen-rieng-tu" target="_blank">
                thông báo xử lý dữ liệu cá nhân
              </Link>{" "}
              (Nghị định 13/2023/NĐ-CP). <span className="required">(bắt buộc)</span>
            </label>
            <FieldError name="consent" errors={errors} />
          </div>

          {challenge ? <CaptchaField key={challenge.signature} challenge={challenge} /> : null}
          <noscript>
            <p className="hint">Trình duyệt đang tắt JavaScript: góp ý vẫn được gửi và kiểm tra như bình thường.</p>
          </noscript>

          <p className="note">Góp ý của bạn được biên tập trước khi đăng. Họ tên được rút gọn khi đăng; thư điện tử và số điện thoại không được công khai.</p>
          <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Đang gửi…" : "Gửi góp ý"}
          </button>
        </Form>
      )}
    </article>
  );
}

/** The form's fields top to bottom, for the list of problems above it. */
const FIELD_ORDER = ["stance", "text", "proposal", "name", "email", "phone", "provinceCode", "communeCode", "occupation", "ageGroup", "onBehalfOf", "consent"];

function inFormOrder(errors: Record<string, string>): [string, string][] {
  const rank = (name: string) => (FIELD_ORDER.includes(name) ? FIELD_ORDER.indexOf(name) : FIELD_ORDER.length);
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * "Đề xuất sửa thành": the paragraph's (or passage's) wording in a box to edit, folded away until opened
 * (a <details>, so without JavaScript too); open again when the person had changed it or it has an error.
 */
function ProposalField({ original, passage, values, errors }: { original: string; passage: boolean; values: FormValues; errors: Record<string, string> }) {
  const typed = values.proposal;
  const changed = typed !== undefined && !sameWording(typed, original);
  return (
    <details className="field proposal-field" open={changed || Boolean(errors.proposal)}>
      <summary>
        {PROPOSAL_LABEL} <span className="hint">(không bắt buộc)</span>
      </summary>
      <label htmlFor="f-proposal">{passage ? "Câu chữ bạn đề xuất thay cho đoạn trích đã chọn" : "Câu chữ bạn đề xuất cho đoạn này"}</label>
      <p id="f-proposal-hint" className="hint">
        Sửa trực tiếp văn bản dưới đây. Nếu để nguyên, đề xuất không được lưu. Tối đa {PROPOSAL_LIMIT.toLocaleString("vi-VN")} ký tự.
      </p>
      <textarea
        {...fieldProps("proposal", errors)}
        defaultValue={typed ?? original}
        rows={6}
        lang="vi"
        aria-describedby={`f-proposal-hint${errors.proposal ? " f-proposal-error" : ""}`}
      />
      <FieldError name="proposal" errors={errors} />
    </details>
  );
}
