import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaptchaField } from "~/comments/ui/captcha-field.tsx";
import { recoveryChallenge, requestReceipts } from "~/notifications/receipt-recovery.server.ts";
import { config } from "~/platform/config.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { FieldError, fieldProps } from "~/ui/form/field-error.tsx";
import { FormMessages, useFocusOn } from "~/ui/form/form-messages.tsx";

// /y-kien/khoi-phuc: "Lost the private link?" — the links of one's comments sent again to the email
// used (ADR 049). Same answer for a known and an unknown address; without SMTP, no form.
export const meta: MetaFunction = () => [{ title: "Lấy lại đường dẫn theo dõi góp ý" }, { name: "robots", content: "noindex" }];

// The form carries a one-time captcha and shows the address typed: never cached.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader() {
  const mail = config().mail;
  return data({ available: mail !== null, challenge: await recoveryChallenge(getDb(), mail) }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const email = String(formData.get("email") ?? "").slice(0, 300);
  const db = getDb();
  const mail = config().mail;
  const result = await requestReceipts(db, formData, { clientAddress: context.clientAddress ?? null, mail });
  const again = async () => ({ email, challenge: await recoveryChallenge(db, mail) });
  switch (result.status) {
    case "sent":
      return data({ sent: true, email });
    case "unavailable":
      return data({ email }, { status: 503 });
    case "invalid":
      return data({ ...(await again()), fieldErrors: result.fieldErrors }, { status: 400 });
    case "rate-limited":
      return data(
        { ...(await again()), formError: `Bạn đã yêu cầu nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${Math.ceil(result.retryAfter / 60)} phút.` },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } },
      );
    case "refused":
      return data({ ...(await again()), formError: result.message }, { status: 400 });
  }
}

type ActionData = {
  sent?: boolean;
  email?: string;
  fieldErrors?: Record<string, string>;
  formError?: string;
  challenge?: Awaited<ReturnType<typeof recoveryChallenge>>;
};

export default function RecoverReceiptsPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const focusRef = useFocusOn(answer);
  const errors = answer?.fieldErrors ?? {};
  const challenge = answer?.challenge ?? page.challenge;
  return (
    <article className="recover-receipts">
      <h1>Lấy lại đường dẫn theo dõi góp ý</h1>
      <p>
        Mỗi góp ý gửi trên trang này có một đường dẫn theo dõi riêng. Nếu bạn đã để lại địa chỉ thư điện tử khi góp ý, hãy nhập địa chỉ đó: chúng tôi sẽ gửi tới
        địa chỉ ấy danh sách các góp ý của bạn kèm đường dẫn theo dõi.
      </p>
      <p className="notice" role="note">
        Nếu bạn chỉ để lại số điện thoại, đường dẫn theo dõi là cách duy nhất để xem lại góp ý: chúng tôi không gửi tin nhắn và không thể gửi lại đường dẫn.
      </p>
      {!page.available ? (
        <p className="notice" role="status">
          Trang này chưa được cấu hình gửi thư điện tử, nên không thể lấy lại đường dẫn qua thư. Hãy dùng đường dẫn bạn đã lưu khi gửi góp ý.
        </p>
      ) : answer?.sent ? (
        <div ref={focusRef} tabIndex={-1} className="success" role="status">
          <p>
            Nếu địa chỉ <strong>{answer.email}</strong> đã được dùng để gửi góp ý, một thư liệt kê các góp ý đó kèm đường dẫn theo dõi sẽ được gửi tới địa chỉ
            này trong ít phút. Hãy kiểm tra cả hộp thư rác.
          </p>
        </div>
      ) : (
        <Form method="post" className="comment-form" noValidate>
          <FormMessages formError={answer?.formError} errorCount={Object.keys(errors).length} focusRef={focusRef} failed="Chưa gửi được" />
          <label htmlFor="f-email">Địa chỉ thư điện tử đã dùng khi góp ý</label>
          <input
            {...fieldProps("email", errors)}
            type="email"
            autoComplete="email"
            inputMode="email"
            required
            maxLength={254}
            defaultValue={answer?.email ?? ""}
          />
          <FieldError name="email" errors={errors} />
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="f-website">Để trống ô này</label>
            <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          {challenge ? <CaptchaField key={challenge.signature} challenge={challenge} /> : null}
          <p className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Đang gửi…" : "Gửi đường dẫn cho tôi"}
            </button>
          </p>
        </Form>
      )}
    </article>
  );
}
