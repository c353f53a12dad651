import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changeModerationSettings, moderationSettings } from "~/moderation/settings.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import moderationStyles from "~/styles/moderation.css";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import { CsrfField } from "~/staff/csrf-field.tsx";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: moderationStyles }];

export const meta: MetaFunction = () => [{ title: "Cài đặt kiểm duyệt" }, { name: "robots", content: "noindex, nofollow" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "settings.manage");
  return { ...(await moderationSettings(getDb())), csrfToken: user.csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const user = await requireStaffAction(request, formData, "settings.manage");
  const answer = await changeModerationSettings(getDb(), user.id, formData);
  return data(answer, { status: answer.ok ? 200 : 400 });
}

export default function SettingsPage() {
  const s = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const kept = (intent: string, name: string, fallback: string) =>
    answer && !answer.ok && answer.intent === intent ? (answer.values?.[name] ?? fallback) : fallback;
  const csrf = <CsrfField token={s.csrfToken} />;
  return (
    <section aria-labelledby="cai-dat">
      <h1 id="cai-dat">Cài đặt kiểm duyệt</h1>
      {answer ? (
        <p role={answer.ok ? "status" : "alert"} className={answer.ok ? "notice" : "error-summary"}>
          {answer.message}
        </p>
      ) : null}

      <h2>Lý do từ chối</h2>
      <p>Người kiểm duyệt chọn một lý do trong danh sách khi từ chối; lý do ngừng dùng không hiện trong danh sách nhưng vẫn giữ trong các quyết định cũ.</p>
      <ul className="settings-list">
        {s.reasons.map((r) => (
          <li key={r.id}>
            <Form method="post" className="inline-form">
              {csrf}
              <input type="hidden" name="id" value={r.id} />
              <label htmlFor={`ly-do-${r.id}`}>Lý do</label>
              <input id={`ly-do-${r.id}`} name="label" defaultValue={r.label} required maxLength={200} />
              <label htmlFor={`thu-tu-${r.id}`}>Thứ tự</label>
              <input id={`thu-tu-${r.id}`} name="position" type="number" min={0} max={999} defaultValue={r.position} className="narrow" />
              <label>
                <input type="checkbox" name="active" defaultChecked={r.active} /> Đang dùng
              </label>
              <button type="submit" name="intent" value="reason-update" className="primary">
                Lưu
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="inline-form">
        {csrf}
        <label htmlFor="ly-do-moi">Lý do mới</label>
        <input id="ly-do-moi" name="label" required maxLength={200} defaultValue={kept("reason-add", "label", "")} />
        <button type="submit" name="intent" value="reason-add" className="primary">
          Thêm lý do
        </button>
      </Form>

      <h2>Từ ngữ thô tục</h2>
      <p>
        Mỗi dòng một từ hoặc cụm từ; so khớp theo cả âm tiết, không phân biệt dấu và chữ hoa. Dòng bắt đầu bằng «#» là ghi chú. Ý kiến chứa các từ này được gắn
        cảnh báo «Từ ngữ thô tục» (không tự động từ chối).
        {s.profanityIsStarter ? " Đang dùng danh sách mặc định." : ""}
      </p>
      <Form method="post">
        {csrf}
        <label htmlFor="tu-ngu">Danh sách</label>
        <textarea id="tu-ngu" name="words" rows={10} defaultValue={kept("profanity", "words", s.profanity)} />
        <p>
          <button type="submit" name="intent" value="profanity" className="primary">
            Lưu danh sách
          </button>{" "}
          <button type="submit" name="intent" value="profanity-reset" className="secondary">
            Khôi phục danh sách mặc định
          </button>
        </p>
      </Form>

      <h2>Chống gửi tự động</h2>
      <Form method="post">
        {csrf}
        <p className="field">
          <label htmlFor="do-kho">Độ khó của phép tính xác minh (mặc định 50.000; tăng khi bị gửi hàng loạt)</label>
          <input
            id="do-kho"
            name="difficulty"
            type="number"
            min={1000}
            max={10000000}
            step={1000}
            defaultValue={kept("captcha", "difficulty", String(s.difficulty))}
          />
        </p>
        <p className="field">
          <label>
            <input type="checkbox" name="requireScript" defaultChecked={s.requireScript} /> Chỉ nhận góp ý từ trình duyệt bật JavaScript (khi đang bị gửi hàng
            loạt)
          </label>
        </p>
        <button type="submit" name="intent" value="captcha" className="primary">
          Lưu
        </button>
      </Form>
    </section>
  );
}
