import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { answersIndex } from "~/answers/page.server.ts";
import { progressText } from "~/answers/ui/answers-page.tsx";
import { getDb } from "~/platform/db.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaff } from "~/staff/auth.server.ts";
import answerStyles from "~/styles/answers.css";

// /quan-tri/tiep-thu: the consultations to answer the opinions of, each with its progress.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: answerStyles }];
export const meta: MetaFunction = () => [{ title: "Tiếp thu, giải trình ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "answers.view");
  return { consultations: await answersIndex(getDb(), getSql(), user) };
}

export default function AnswersIndex() {
  const { consultations } = useLoaderData<typeof loader>();
  return (
    <section className="answers" aria-labelledby="answers-title">
      <h1 id="answers-title">Tiếp thu, giải trình ý kiến</h1>
      {consultations.length === 0 ? (
        <p className="notice">Chưa có dự thảo nào được công bố.</p>
      ) : (
        <ul className="consultation-list">
          {consultations.map((c) => (
            <li key={c.id} className="consultation-card">
              <h2>
                <Link to={`/quan-tri/tiep-thu/${encodeURIComponent(c.id)}`}>{c.title}</Link>
              </h2>
              <p>{progressText(c.progress)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
