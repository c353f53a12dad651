import type { ActionFunctionArgs, HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { afterDecision, decisionNotice, handleModerationForm } from "~/moderation/actions.server.ts";
import { filterOptions, listGroups, listQueue, parseQueueFilters } from "~/moderation/queue.server.ts";
import { notifyAuthors } from "~/moderation/notify.server.ts";
import { ModerationQueue } from "~/moderation/ui/queue.tsx";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaff, requireStaffAction } from "~/staff/auth.server.ts";
import moderationStyles from "~/styles/moderation.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: moderationStyles }];

export const meta: MetaFunction = () => [{ title: "Kiểm duyệt ý kiến" }, { name: "robots", content: "noindex, nofollow" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request, "moderation.view");
  const db = getDb();
  const search = new URL(request.url).searchParams;
  const filters = parseQueueFilters(search);
  const viewer = { id: user.id, seesContacts: user.permissions.has("personal-data.view") };
  const [options, queue, groups] = await Promise.all([
    filterOptions(db, filters.consultation),
    filters.view === "items" ? listQueue(db, getSql(), filters, viewer) : null,
    filters.view === "groups" ? listGroups(db, getSql(), filters) : null,
  ]);
  return {
    filters,
    options,
    queue,
    groups,
    notice: decisionNotice(search),
    csrfToken: user.csrfToken,
    can: { decide: user.permissions.has("moderation.decide"), bulk: user.permissions.has("moderation.bulk") },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const user = await requireStaffAction(request, formData, "moderation.decide");
  const answer = await handleModerationForm(getDb(), getSql(), user, formData, { onDecided: notifyAuthors() });
  const next = afterDecision(request.url, formData, answer);
  if (next) return redirect(next, 303);
  // 400: the form itself was malformed; 409: a valid decision refused (decided or held by someone else).
  return data(answer, { status: answer.ok ? 200 : answer.invalid ? 400 : 409 });
}

/**
 * A refused decision keeps the page as it is, so the item stays on screen with the reason it was
 * refused (someone else decided or holds it); any other post refreshes the queue.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "ok" in actionResult && actionResult.ok === false ? false : defaultShouldRevalidate;

export default function ModerationPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return <ModerationQueue {...loaded} answer={answer ?? null} />;
}
