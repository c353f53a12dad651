import { searchStatus } from "@search/runtime.server.ts";
import { checkDb } from "~/platform/db.server.ts";

// For load balancers and monitoring: 200 when the database answers, 503 when it does not.
// Search is reported (engine, ready, outbox lag) but never fails the check: pages work without it.
export async function loader() {
  const headers = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };
  try {
    await checkDb();
  } catch (error) {
    console.error("Health check: database unreachable", error);
    return new Response(JSON.stringify({ status: "error", database: "unreachable" }), { status: 503, headers });
  }
  const search = await searchStatus().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
  return new Response(JSON.stringify({ status: "ok", database: "ok", ...(search ? { search } : {}) }), { status: 200, headers });
}
