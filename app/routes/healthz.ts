import { checkDb } from "~/platform/db.server.ts";

// For load balancers and monitoring: 200 when the database answers, 503 when it does not.
export async function loader() {
  const headers = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };
  try {
    await checkDb();
    return new Response(JSON.stringify({ status: "ok", database: "ok" }), { status: 200, headers });
  } catch (error) {
    console.error("Health check: database unreachable", error);
    return new Response(JSON.stringify({ status: "error", database: "unreachable" }), { status: 503, headers });
  }
}
