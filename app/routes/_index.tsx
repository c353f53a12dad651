import type { HeadersFunction, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicConsultations } from "~/consultations/consultations.server.ts";
import { PeriodLine } from "~/consultations/period-line.tsx";
import { STATUS_LABEL } from "~/consultations/status.ts";
import { consultationPath } from "~/consultations/urls.ts";
import { getDb } from "~/platform/db.server.ts";
import { formatCount } from "~/platform/format.ts";
import { cacheablePageHeaders, cacheUntil } from "~/platform/page-cache.server.ts";
import { CONSULTATION_KINDS } from "~/vocabulary/vocabulary.ts";

export const meta: MetaFunction = () => [
  { title: "Góp ý dự thảo văn kiện" },
  { name: "description", content: "Đọc và góp ý từng đoạn vào các dự thảo văn kiện đang lấy ý kiến Nhân dân." },
];

export const headers: HeadersFunction = cacheablePageHeaders;

export async function loader() {
  const { consultations, nextChange } = await listPublicConsultations(getDb());
  // The list changes by itself when a consultation opens or closes: no cached copy outlives that instant.
  return data({ consultations }, { headers: cacheUntil(nextChange) });
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
              {c.issuingBody || c.kind !== "OTHER" ? (
                <p className="issuer-line">{[CONSULTATION_KINDS[c.kind], c.issuingBody].filter(Boolean).join(" · ")}</p>
              ) : null}
              <p className="status-line">
                <span className="badge">{STATUS_LABEL[c.publicStatus]}</span> <PeriodLine opensAt={c.opensAt} closesAt={c.closesAt} timeLeft={c.timeLeft} />
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
