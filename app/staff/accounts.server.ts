import { appendAudit } from "~/audit/audit.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { CreateAccountInput, UpdateAccountInput } from "./account-form.ts";
import type { FieldErrors } from "~/platform/forms.ts";
import { hashPassword } from "./passwords.server.ts";
import type { StaffRole } from "./permissions.ts";

// Staff accounts: listing, creating, editing, resetting passwords. Every change is written to the
// audit log in the same transaction as the change itself.

type Actor = { id: string; sessionId?: string };
export type AccountResult = { ok: true; id: string } | { ok: false; fieldErrors: FieldErrors; formError?: string };

export const SELF_DEMOTE_MESSAGE = "Bạn không thể tự bỏ vai trò Quản trị viên của chính mình. Hãy nhờ một quản trị viên khác làm việc này.";
export const SELF_DEACTIVATE_MESSAGE = "Bạn không thể tự vô hiệu hóa tài khoản của chính mình. Hãy nhờ một quản trị viên khác làm việc này.";

export function listAccounts(db: Db) {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }, { email: "asc" }],
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      active: true,
      lockedUntil: true,
      passwordHash: false,
      createdAt: true,
      organization: { select: { id: true, name: true } },
    },
  });
}

export function getAccount(db: Db, id: string) {
  return db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, organizationId: true, active: true, lockedUntil: true, failedSignIns: true, createdAt: true },
  });
}

export function listOrganizations(db: Db) {
  return db.organization.findMany({ orderBy: [{ name: "asc" }], select: { id: true, name: true, level: true } });
}

async function organizationExists(db: Db, id: string | null) {
  return id === null || (await db.organization.count({ where: { id } })) > 0;
}

const ORG_MISSING = { organizationId: "Tổ chức đã chọn không còn tồn tại. Vui lòng chọn lại." };

export async function createAccount(db: Db, actor: Actor | null, input: CreateAccountInput, { note }: { note?: string } = {}): Promise<AccountResult> {
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { ok: false, fieldErrors: { email: "Thư điện tử này đã có tài khoản." } };
  }
  if (!(await organizationExists(db, input.organizationId))) return { ok: false, fieldErrors: ORG_MISSING };
  const passwordHash = await hashPassword(input.password);
  try {
    const id = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, organizationId: input.organizationId, passwordHash },
      });
      await appendAudit(tx, {
        action: "user-create",
        actorId: actor?.id ?? null,
        subject: `user:${user.id}`,
        after: JSON.stringify({ email: user.email, name: user.name, role: user.role, organizationId: user.organizationId, active: user.active }),
        note: note ?? null,
      });
      return user.id;
    });
    return { ok: true, id };
  } catch (error) {
    // Two administrators creating the same email at once: the unique index decides.
    if ((error as { code?: string }).code === "P2002") return { ok: false, fieldErrors: { email: "Thư điện tử này đã có tài khoản." } };
    throw error;
  }
}

export async function updateAccount(db: Db, actor: Actor, id: string, input: UpdateAccountInput): Promise<AccountResult | null> {
  const before = await db.user.findUnique({ where: { id } });
  if (!before) return null;
  if (actor.id === id && before.role === "ADMIN" && input.role !== "ADMIN")
    return { ok: false, fieldErrors: { role: SELF_DEMOTE_MESSAGE }, formError: SELF_DEMOTE_MESSAGE };
  if (actor.id === id && !input.active) return { ok: false, fieldErrors: { active: SELF_DEACTIVATE_MESSAGE }, formError: SELF_DEACTIVATE_MESSAGE };
  if (!(await organizationExists(db, input.organizationId))) return { ok: false, fieldErrors: ORG_MISSING };

  const fields = ["name", "organizationId", "active"] as const;
  const changed = fields.filter((f) => before[f] !== input[f]);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { name: input.name, role: input.role, organizationId: input.organizationId, active: input.active } });
    if (before.role !== input.role) {
      await appendAudit(tx, { action: "role-change", actorId: actor.id, subject: `user:${id}`, before: before.role, after: input.role });
    }
    if (changed.length > 0) {
      const pick = (source: Record<(typeof fields)[number], unknown>) => JSON.stringify(Object.fromEntries(changed.map((f) => [f, source[f]])));
      await appendAudit(tx, { action: "user-update", actorId: actor.id, subject: `user:${id}`, before: pick(before), after: pick(input) });
    }
    // A deactivated account loses access at once (getStaff also refuses inactive users).
    if (before.active && !input.active) await tx.session.deleteMany({ where: { userId: id } });
  });
  return { ok: true, id };
}

/** Sets a new password, lifts a lock-out, and ends the account's other sessions. */
export async function resetPassword(db: Db, actor: Actor, id: string, password: string): Promise<AccountResult | null> {
  if (!(await db.user.findUnique({ where: { id }, select: { id: true } }))) return null;
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { passwordHash, failedSignIns: 0, lockedUntil: null } });
    const { count } = await tx.session.deleteMany({ where: { userId: id, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) } });
    await appendAudit(tx, { action: "user-update", actorId: actor.id, subject: `user:${id}`, note: `Đặt lại mật khẩu; kết thúc ${count} phiên đăng nhập` });
  });
  return { ok: true, id };
}

/**
 * `npm run admin:create`: creates the administrator, or makes an existing account an active
 * administrator (with the new password when one is given). Recorded with no actor. On an existing
 * account it is the recovery path, so, like the admin page's reset, it ends all of that account's
 * sessions: whoever held one must sign in again.
 */
export async function createOrPromoteAdmin(db: Db, input: { email: string; name: string; password: string | null }) {
  const existing = await db.user.findUnique({ where: { email: input.email } });
  if (!existing) {
    if (!input.password) throw new Error("Tài khoản mới cần mật khẩu.");
    const created = await createAccount(
      db,
      null,
      { ...input, password: input.password, role: "ADMIN", organizationId: null },
      { note: "npm run admin:create" },
    );
    if (!created.ok) throw new Error(Object.values(created.fieldErrors).join(" "));
    return { created: true, id: created.id, sessionsEnded: 0 };
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const sessionsEnded = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: existing.id },
      data: { role: "ADMIN" satisfies StaffRole, active: true, ...(passwordHash ? { passwordHash, failedSignIns: 0, lockedUntil: null } : {}) },
    });
    const { count } = await tx.session.deleteMany({ where: { userId: existing.id } });
    const subject = `user:${existing.id}`;
    if (existing.role !== "ADMIN")
      await appendAudit(tx, { action: "role-change", actorId: null, subject, before: existing.role, after: "ADMIN", note: "npm run admin:create" });
    await appendAudit(tx, {
      action: "user-update",
      actorId: null,
      subject,
      before: JSON.stringify({ active: existing.active }),
      after: JSON.stringify({ active: true }),
      note: `npm run admin:create${passwordHash ? "; đặt lại mật khẩu" : ""}; kết thúc ${count} phiên đăng nhập`,
    });
    return count;
  });
  return { created: false, id: existing.id, sessionsEnded };
}
