import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicConsultations } from "~/consultations/consultations.server.ts";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount, formatDate } from "~/platform/format.ts";
import { CACHEABLE_PAGE_HEADERS } from "~/platform/page-cache.server.ts";

export const meta: MetaFunction = () => [
  { title: "Góp ý dự thảo văn kiện" },
  { name: "description", content: "Đọc và góp ý từng đoạn vào các dự thảo văn kiện đang lấy ý kiến Nhân dân." },
];

export const headers: HeadersFunction = () => CACHEABLE_PAGE_HEADERS;

export async function loader() {
  return { consultations: await listPublicConsultations(getDb()) };
}

export default function Home() {
  const { consultations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Các dự thảo đang lấy ý kiến</h1>
      {consultations.length === 0 ? (
        <p>Hiện chưa có dự thảo nào được công bố.</p>
      ) : (
        <ul className="consultation-list">
          {consultations.map((c) => (
            <li key={c.id} className={`consultation-card status-${c.publicStatus}`}>
              <h2>
                <Link to={consultationPath(c.slug)}>{c.title}</Link>
              </h2>
              <p className="status-line">
                <span className="badge">{STATUS_LABEL[c.publicStatus]}</span>{" "}
                {c.opensAt || c.closesAt ? (
                  <span>
                    Từ <time dateTime={c.opensAt?.toISOString()}>{formatDate(c.opensAt)}</time> đến{" "}
                    <time dateTime={c.closesAt?.toISOString()}>{formatDate(c.closesAt)}</time>
                  </span>
                ) : null}
              </p>
              {c.summary ? <p>{c.summary}</p> : null}
              <p className="count-line">{formatCount(c.approvedComments)} ý kiến đã được đăng</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
