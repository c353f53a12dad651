import type { ActionFunctionArgs } from "@remix-run/node";
import { saveFromEditor } from "~/consultations/editor/save.server.ts";
import { getDb } from "~/platform/db.server.ts";
import { readFormData } from "~/platform/form-data.server.ts";
import { getSql } from "~/platform/sql.server.ts";
import { requireStaffAction } from "~/staff/auth.server.ts";

// The editor's autosave (app/consultations/editor/draft-editor.tsx posts here): a multipart form with
// the CSRF token, the working copy's id, the revision it was loaded from and the document JSON.
// Answers JSON: saved (the new revision), conflict (who saved, when), missing or invalid. The
// Server-Timing header says how long the server took, body read included, and the process's CPU time
// meanwhile (bench/drafts.ts; the CPU figure is exact only when nothing else runs). ADR 036.

export async function action({ request, params }: ActionFunctionArgs) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const formData = await readFormData(request);
  const db = getDb();
  const user = await requireStaffAction(request, formData, "consultations.manage", db);
  const { httpStatus, answer } = await saveFromEditor(db, getSql(), { consultationId: params.id ?? "", form: formData, actorId: user.id });
  const body = JSON.stringify(answer);
  return new Response(body, {
    status: httpStatus,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Server-Timing": serverTiming(started, cpu) },
  });
}

function serverTiming(started: number, cpu: NodeJS.CpuUsage) {
  const used = process.cpuUsage(cpu);
  return `app;dur=${(performance.now() - started).toFixed(1)}, cpu;dur=${((used.user + used.system) / 1000).toFixed(1)}`;
}
