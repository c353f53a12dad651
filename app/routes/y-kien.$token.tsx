import { STANCES } from "~/vocabulary/vocabulary.ts";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { RECEIPT_STATUS_LABEL } from "~/comments/receipt-status.ts";
import { getReceipt } from "~/comments/receipts.server.ts";
import { CopyLink } from "~/comments/ui/copy-link.tsx";
import { ProposalDiff } from "~/ui/proposal-diff.tsx";
import { DISPOSITION_LABELS } from "~/answers/dispositions.ts";
import { blockPath, consultationPath, receiptPath, recoveryPath, responseReportPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatDateTime } from "~/platform/format.ts";
import { siteOrigin } from "~/platform/site-origin.server.ts";

// The author's private status page: reached only through the unguessable link in the receipt.
export const meta: MetaFunction = () => [{ title: "Tình trạng góp ý của bạn" }, { name: "robots", content: "noindex, nofollow" }];

export const headers: HeadersFunction = () => ({
  "Cache-Control": "private, no-store",
  "X-Robots-Tag": "noindex, nofollow",
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const receipt = await getReceipt(getDb(), token);
  if (!receipt) throw new Response("Không tìm thấy", { status: 404 });
  return { ...receipt, link: `${siteOrigin(request)}${receiptPath(token)}` };
}

export default function ReceiptPage() {
  const receipt = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  // The server's idea of the address (shown without JavaScript); the browser's own once it runs, which
  // also brings the copy button.
  const [link, setLink] = useState(receipt.link);
  const [scripted, setScripted] = useState(false);
  useEffect(() => {
    setLink(window.location.href.split(/[?#]/)[0]);
    setScripted(true);
  }, []);
  return (
    <article className="receipt">
      {search.has("moi") ? (
        <div className="success" role="status">
          <h1>Đã nhận góp ý của bạn</h1>
          <p>Cảm ơn bạn đã đóng góp ý kiến. Góp ý sẽ được biên tập trước khi đăng.</p>
        </div>
      ) : (
        <h1>Tình trạng góp ý của bạn</h1>
      )}

      <section className="private-link" aria-labelledby="private-link-title">
        <h2 id="private-link-title">Đường dẫn theo dõi riêng</h2>
        <p>
          Hãy lưu lại địa chỉ của trang này (đánh dấu trang hoặc sao chép) để xem lại tình trạng góp ý. Chỉ người có đường dẫn mới xem được; đừng chia sẻ nó.
        </p>
        <CopyLink link={link} withButton={scripted} />
        {receipt.hasEmail ? (
          <p>
            Lỡ mất đường dẫn? <Link to={recoveryPath}>Lấy lại các đường dẫn theo dõi qua thư điện tử</Link> bạn đã để lại.
          </p>
        ) : (
          <p className="notice" role="note">
            Bạn chỉ để lại số điện thoại: đường dẫn này là cách duy nhất để xem lại góp ý, chúng tôi không thể gửi lại. Hãy lưu nó ngay.
          </p>
        )}
      </section>

      <dl className="receipt-details">
        <dt>Tình trạng</dt>
        <dd>
          <strong className={`receipt-status status-${receipt.status}`}>{RECEIPT_STATUS_LABEL[receipt.status]}</strong>
          {receipt.decidedAt ? ` (${formatDateTime(receipt.decidedAt)})` : null}
        </dd>
        {receipt.status === "rejected" && receipt.rejectReason ? (
          <>
            <dt>Lý do</dt>
            <dd>{receipt.rejectReason}</dd>
          </>
        ) : null}
        <dt>Dự thảo</dt>
        <dd>
          <Link to={consultationPath(receipt.consultation.slug)}>{receipt.consultation.title}</Link>
        </dd>
        <dt>Góp ý vào</dt>
        <dd>
          {receipt.blockKey && receipt.block ? (
            <Link to={blockPath(receipt.consultation.slug, receipt.blockKey)}>{receipt.block.label}</Link>
          ) : (
            "Toàn văn dự thảo"
          )}
        </dd>
        <dt>Bản dự thảo</dt>
        <dd>Góp ý trên bản số {receipt.versionNumber}</dd>
        {receipt.quote ? (
          <>
            <dt>Đoạn trích</dt>
            <dd>
              <mark>{receipt.quote}</mark>
            </dd>
          </>
        ) : null}
        <dt>Ý kiến</dt>
        <dd>{STANCES[receipt.stance]}</dd>
        <dt>Gửi lúc</dt>
        <dd>{formatDateTime(receipt.createdAt)}</dd>
        <dt>Người gửi</dt>
        <dd>{[receipt.authorName, ...receipt.locality].join(", ")}</dd>
      </dl>

      {receipt.answer ? (
        <section className="receipt-answer" aria-labelledby="answer-title">
          <h2 id="answer-title">Câu trả lời của Ban soạn thảo</h2>
          <p>
            <strong>
              Ban soạn thảo đã trả lời: {DISPOSITION_LABELS[receipt.answer.disposition]} — {receipt.answer.explanation}
            </strong>
          </p>
          <p>
            Ngày trả lời: {formatDateTime(receipt.answer.answeredAt ?? receipt.answer.updatedAt)}
            {receipt.answer.answeredAt && new Date(receipt.answer.updatedAt) > new Date(receipt.answer.answeredAt)
              ? ` (sửa lần cuối ${formatDateTime(receipt.answer.updatedAt)})`
              : ""}
          </p>
          <p>
            <Link to={responseReportPath(receipt.consultation.slug)}>Xem Báo cáo tiếp thu, giải trình ý kiến của dự thảo</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="text-title">
        <h2 id="text-title">{receipt.status === "edited" ? "Nội dung bạn gửi" : "Nội dung"}</h2>
        <p className="comment-text">{receipt.originalText}</p>
        {receipt.proposal ? <ProposalDiff proposal={receipt.proposal} /> : null}
        {receipt.status === "edited" && receipt.publishedText ? (
          <>
            <h2>Nội dung đã đăng (sau biên tập)</h2>
            <p className="comment-text">{receipt.publishedText}</p>
          </>
        ) : null}
      </section>
    </article>
  );
}
