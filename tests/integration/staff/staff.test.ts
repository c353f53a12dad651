import { beforeAll, describe, expect, it } from "vitest";
import { parseAuditFilters } from "~/audit/audit-filters.ts";
import { auditCsvStream, listAuditEvents, subjectNames } from "~/audit/audit-log.server.ts";
import { auditSentenceText } from "~/audit-log/sentences.ts";
import { appendAudit } from "~/audit/audit.server.ts";
import { createAccount, createOrPromoteAdmin, resetPassword, SELF_DEACTIVATE_MESSAGE, SELF_DEMOTE_MESSAGE, updateAccount } from "~/staff/accounts.server.ts";
import { getStaff, requireStaff, requireStaffAction, sessionCookie, type StaffUser } from "~/staff/auth.server.ts";
import type { StaffRole } from "~/staff/permissions.ts";
import { findSession, hasLiveSession, sessionIdOf } from "~/staff/sessions.server.ts";
import { LOCK_MS, signIn, signOut, SIGN_IN_FAILED } from "~/staff/sign-in.server.ts";
import { describeEachDatabase } from "../../support/test-db.ts";

const PASSWORD = "Mật khẩu thử 2026";
const MINUTE = 60_000;
let counter = 0;

describeEachDatabase("staff sign-in, sessions and accounts", (ctx) => {
  const newUser = async (role: StaffRole = "MODERATOR", name = "Lê Thị Hồng") => {
    const email = `can-bo-${++counter}-${Date.now()}@example.vn`;
    const created = await createAccount(ctx.db, null, { email, name, role, organizationId: null, password: PASSWORD });
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    return { id: created.id, email };
  };
  const audit = (action: string, subject?: string) =>
    ctx.db.auditEvent.findMany({ where: { action, ...(subject ? { subject } : {}) }, orderBy: { createdAt: "asc" } });

  /** A request carrying the session cookie a successful sign-in would set. */
  const signedInRequest = async (token: string, init: RequestInit & { path?: string } = {}) => {
    const cookie = (await sessionCookie(new Request("http://localhost/"), token, ctx.db)).split(";")[0];
    const headers = new Headers(init.headers);
    headers.set("cookie", cookie);
    return new Request(`http://localhost${init.path ?? "/quan-tri/nhat-ky"}`, { ...init, headers });
  };
  const signInAs = async (role: StaffRole) => {
    const user = await newUser(role);
    const result = await signIn(ctx.db, { email: user.email, password: PASSWORD });
    if (!result.ok) throw new Error(result.message);
    return { ...user, token: result.token, sessionId: result.sessionId };
  };
  const thrown = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as Response;
    }
    throw new Error("expected a thrown Response");
  };

  it("signs in with the right password (email in any case or Unicode form): a session keyed by the token's hash, an audit row", async () => {
    const user = await newUser();
    const result = await signIn(ctx.db, { email: `  ${user.email.toUpperCase()} `, password: PASSWORD.normalize("NFD") }, { userAgent: "Thử nghiệm" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await ctx.db.session.findUniqueOrThrow({ where: { id: sessionIdOf(result.token) } });
    expect(session).toMatchObject({ userId: user.id, userAgent: "Thử nghiệm" });
    expect(session.id).not.toBe(result.token);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(7 * 24 * 60 * MINUTE);
    expect(await audit("sign-in", `user:${user.id}`)).toEqual([expect.objectContaining({ actorId: user.id })]);
  });

  it("gives one message for a wrong password and an unknown email, and records both", async () => {
    const user = await newUser();
    const wrong = await signIn(ctx.db, { email: user.email, password: "sai mật khẩu rồi" });
    const unknown = await signIn(ctx.db, { email: "khong-co-ai@example.vn", password: PASSWORD });
    expect(wrong).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(unknown).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(await audit("sign-in-failed", `user:${user.id}`)).toEqual([expect.objectContaining({ actorId: null, note: "Sai mật khẩu lần 1" })]);
    const failures = await audit("sign-in-failed");
    expect(failures.some((e) => e.subject === null && e.note?.includes("khong-co-ai@example.vn"))).toBe(true);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignIns).toBe(1);
  });

  it("locks the account for 15 minutes after 5 failures in a row, then lets the right password in and resets", async () => {
    const user = await newUser();
    const t0 = new Date("2026-11-26T08:00:00Z");
    for (let i = 1; i <= 4; i++)
      expect(await signIn(ctx.db, { email: user.email, password: "sai" }, { now: t0 })).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(await signIn(ctx.db, { email: user.email, password: "sai" }, { now: t0 })).toEqual({ ok: false, message: SIGN_IN_FAILED });
    const locked = await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil?.getTime()).toBe(t0.getTime() + LOCK_MS);

    // While locked, even the right password is refused, with the very message an unknown email gets.
    const during = await signIn(ctx.db, { email: user.email, password: PASSWORD }, { now: new Date(t0.getTime() + 14 * MINUTE) });
    const unknown = await signIn(ctx.db, { email: `khong-co-${user.email}`, password: PASSWORD }, { now: new Date(t0.getTime() + 14 * MINUTE) });
    expect(during).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(unknown).toEqual(during);
    expect(SIGN_IN_FAILED).toMatch(/tạm khóa.*hãy đợi 15 phút hoặc nhờ quản trị viên đặt lại mật khẩu\.$/);
    const after = await signIn(ctx.db, { email: user.email, password: PASSWORD }, { now: new Date(t0.getTime() + 15 * MINUTE + 1) });
    expect(after.ok).toBe(true);
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect((await audit("sign-in-failed", `user:${user.id}`)).map((e) => e.note)).toEqual([
      "Sai mật khẩu lần 1",
      "Sai mật khẩu lần 2",
      "Sai mật khẩu lần 3",
      "Sai mật khẩu lần 4",
      `Sai mật khẩu lần 5; khóa tài khoản đến ${new Date(t0.getTime() + LOCK_MS).toISOString()}`,
      "Tài khoản đang tạm khóa",
    ]);
  });

  it("25 parallel guesses, 24 wrong then the right one: at most 5 passwords are checked and the account ends locked", async () => {
    const user = await newUser();
    const now = new Date();
    const attempts = Array.from({ length: 25 }, (_, i) => (i < 24 ? `đoán sai số ${i}` : PASSWORD));
    const results = await Promise.all(attempts.map((password) => signIn(ctx.db, { email: user.email, password }, { now })));

    // Every checked attempt leaves its own audit note ("Sai mật khẩu lần n…" or a sign-in); the others
    // were refused before any check.
    const failures = await audit("sign-in-failed", `user:${user.id}`);
    const checked = failures.filter((e) => e.note?.startsWith("Sai mật khẩu")).length + (await audit("sign-in", `user:${user.id}`)).length;
    expect(checked).toBe(5);
    expect(failures.filter((e) => e.note === "Tài khoản đang tạm khóa")).toHaveLength(20);
    expect(results[24]).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(results.every((r) => !r.ok && r.message === SIGN_IN_FAILED)).toBe(true);
    const after = await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_MS);
    expect(await ctx.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a success between failures starts the count again", async () => {
    const user = await newUser();
    for (let i = 0; i < 4; i++) await signIn(ctx.db, { email: user.email, password: "sai" });
    expect((await signIn(ctx.db, { email: user.email, password: PASSWORD })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(ctx.db, { email: user.email, password: "sai" });
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 4, lockedUntil: null });
  });

  it("refuses many failures from one address whatever the emails", async () => {
    let last;
    const clientAddress = ctx.provider === "sqlite" ? "198.51.100.1" : "198.51.100.2"; // the limiter is per process
    for (let i = 0; i < 31; i++) last = await signIn(ctx.db, { email: `ai-do-${i}@example.vn`, password: "đoán" }, { clientAddress });
    expect(last).toMatchObject({ ok: false, message: expect.stringMatching(/^Có quá nhiều lần đăng nhập sai từ địa chỉ này/) });
    expect((last as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("requireStaff: anonymous or forged cookie → redirect to /dang-nhap?next=…; lacking permission → 403; allowed → the user with role permissions", async () => {
    const anonymous = await thrown(requireStaff(new Request("http://localhost/quan-tri/nhat-ky?hanh-dong=sign-in"), "audit.view", ctx.db));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/dang-nhap?next=%2Fquan-tri%2Fnhat-ky%3Fhanh-dong%3Dsign-in");

    const moderator = await signInAs("MODERATOR");
    const forged = new Request("http://localhost/quan-tri", { headers: { cookie: `gopy_phien=${moderator.token}.khongdung` } });
    expect((await thrown(requireStaff(forged, undefined, ctx.db))).status).toBe(302);

    const forbidden = await thrown(requireStaff(await signedInRequest(moderator.token), "audit.view", ctx.db));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toMatch(/^Bạn không có quyền/);

    const user = await requireStaff(await signedInRequest(moderator.token), "moderation.decide", ctx.db);
    expect(user).toMatchObject({ id: moderator.id, email: moderator.email, role: "MODERATOR", organizationId: null, sessionId: moderator.sessionId });
    expect([...user.permissions].sort()).toEqual(["answers.view", "dashboard.view", "moderation.decide", "moderation.view"]);
    expect(user.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("requireStaffAction: 403 without the session's CSRF token, accepted in the form field or the header", async () => {
    const admin = await signInAs("ADMIN");
    const post = (headers: Record<string, string> = {}) => signedInRequest(admin.token, { method: "POST", headers, path: "/quan-tri/tai-khoan/moi" });
    const user: StaffUser = await requireStaff(await post(), undefined, ctx.db);
    const form = (csrf?: string) => {
      const f = new FormData();
      if (csrf !== undefined) f.set("csrf", csrf);
      return f;
    };
    const missing = await thrown(requireStaffAction(await post(), form(), "users.manage", ctx.db));
    expect(missing.status).toBe(403);
    expect(await missing.text()).toMatch(/Vui lòng tải lại trang/);
    const other = await signInAs("ADMIN");
    const otherToken = (await requireStaff(await signedInRequest(other.token), undefined, ctx.db)).csrfToken;
    expect((await thrown(requireStaffAction(await post(), form(otherToken), "users.manage", ctx.db))).status).toBe(403);
    await expect(requireStaffAction(await post(), form(user.csrfToken), "users.manage", ctx.db)).resolves.toMatchObject({ id: admin.id });
    await expect(requireStaffAction(await post({ "x-csrf-token": user.csrfToken }), null, "users.manage", ctx.db)).resolves.toMatchObject({ id: admin.id });
  });

  it("sessions end after 12 idle hours or 7 days, and record activity at most once a minute", async () => {
    const user = await newUser();
    const t0 = new Date();
    const { token } = (await signIn(ctx.db, { email: user.email, password: PASSWORD }, { now: t0 })) as { token: string };
    const seen = async () => (await ctx.db.session.findUniqueOrThrow({ where: { id: sessionIdOf(token) } })).lastSeenAt.getTime();
    await findSession(ctx.db, token, new Date(t0.getTime() + 30_000));
    expect(await seen()).toBe(t0.getTime());
    await findSession(ctx.db, token, new Date(t0.getTime() + 2 * MINUTE));
    expect(await seen()).toBe(t0.getTime() + 2 * MINUTE);
    expect(await findSession(ctx.db, token, new Date(t0.getTime() + 2 * MINUTE + 12 * 60 * MINUTE + 1))).toBeNull();
    expect(await ctx.db.session.count({ where: { id: sessionIdOf(token) } })).toBe(0);

    const { token: kept } = (await signIn(ctx.db, { email: user.email, password: PASSWORD }, { now: t0 })) as { token: string };
    for (let hours = 11; hours < 7 * 24; hours += 11) expect(await findSession(ctx.db, kept, new Date(t0.getTime() + hours * 60 * MINUTE))).not.toBeNull();
    expect(await findSession(ctx.db, kept, new Date(t0.getTime() + 7 * 24 * 60 * MINUTE))).toBeNull();
  });

  it("hasLiveSession, the server's check before reading a large upload: a live session only, the signature first, nothing written", async () => {
    const user = await signInAs("EDITOR");
    const cookie = (await sessionCookie(new Request("http://localhost/"), user.token, ctx.db)).split(";")[0]!;
    const lastSeen = async () => (await ctx.db.session.findUniqueOrThrow({ where: { id: user.sessionId } })).lastSeenAt.getTime();
    const seenBefore = await lastSeen();
    expect(await hasLiveSession(ctx.db, cookie)).toBe(true);
    expect(await hasLiveSession(ctx.db, `theme=dark; ${cookie}; x=1`)).toBe(true);
    expect(await hasLiveSession(ctx.db, undefined)).toBe(false);
    expect(await hasLiveSession(ctx.db, "theme=dark")).toBe(false);
    expect(await hasLiveSession(ctx.db, `gopy_phien=${user.token}.chu-ky-gia`)).toBe(false);
    expect(await hasLiveSession(ctx.db, `gopy_phien=${user.token}`)).toBe(false);
    // Idle for 13 hours, or past 7 days: not live, and the row is left for findSession to delete.
    expect(await hasLiveSession(ctx.db, cookie, new Date(Date.now() + 13 * 60 * MINUTE))).toBe(false);
    expect(await ctx.db.session.count({ where: { id: user.sessionId } })).toBe(1);
    expect(await lastSeen()).toBe(seenBefore);
    await ctx.db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await hasLiveSession(ctx.db, cookie)).toBe(false);
  });

  it("signs out of one device, or of every device", async () => {
    const user = await newUser();
    const sessions = await Promise.all(
      [1, 2, 3].map(() => signIn(ctx.db, { email: user.email, password: PASSWORD }) as Promise<{ token: string; sessionId: string }>),
    );
    await signOut(ctx.db, { id: user.id, sessionId: sessions[0].sessionId });
    expect(await ctx.db.session.count({ where: { userId: user.id } })).toBe(2);
    expect(await getStaff(await signedInRequest(sessions[0].token), ctx.db)).toBeNull();
    expect(await getStaff(await signedInRequest(sessions[1].token), ctx.db)).not.toBeNull();

    await signOut(ctx.db, { id: user.id, sessionId: sessions[1].sessionId }, { everywhere: true });
    expect(await ctx.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getStaff(await signedInRequest(sessions[2].token), ctx.db)).toBeNull();
    expect(await audit("sign-out", `user:${user.id}`)).toHaveLength(1);
    expect(await audit("sign-out-everywhere", `user:${user.id}`)).toEqual([expect.objectContaining({ actorId: user.id, note: "Đã kết thúc 2 phiên" })]);
  });

  it("a deactivated user loses access at once and cannot sign in (same message as a wrong password)", async () => {
    const admin = await signInAs("ADMIN");
    const user = await signInAs("EDITOR");
    // Even if a session row were left behind, an inactive user is anonymous.
    await ctx.db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await getStaff(await signedInRequest(user.token), ctx.db)).toBeNull();
    await ctx.db.user.update({ where: { id: user.id }, data: { active: true } });
    const again = (await signIn(ctx.db, { email: user.email, password: PASSWORD })) as { token: string };

    const result = await updateAccount(ctx.db, admin, user.id, { name: "Lê Thị Hồng", role: "EDITOR", organizationId: null, active: false });
    expect(result).toEqual({ ok: true, id: user.id });
    expect(await ctx.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await thrown(requireStaff(await signedInRequest(again.token), undefined, ctx.db))).status).toBe(302);
    expect(await signIn(ctx.db, { email: user.email, password: PASSWORD })).toEqual({ ok: false, message: SIGN_IN_FAILED });
    expect(await audit("user-update", `user:${user.id}`)).toEqual([
      expect.objectContaining({ actorId: admin.id, before: JSON.stringify({ active: true }), after: JSON.stringify({ active: false }) }),
    ]);
  });

  it("records account creation, role changes and edits with before and after; refuses duplicates and self-demotion", async () => {
    const admin = await signInAs("ADMIN");
    const org = await ctx.db.organization.create({ data: { name: "Ủy ban MTTQ tỉnh Thử", level: "PROVINCE" } });
    const email = `moi-${Date.now()}@example.vn`;
    const created = await createAccount(ctx.db, admin, { email, name: "Trần Văn Bình", role: "ORG_REP", organizationId: org.id, password: PASSWORD });
    expect(created.ok).toBe(true);
    const id = (created as { id: string }).id;
    expect(await audit("user-create", `user:${id}`)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        after: JSON.stringify({ email, name: "Trần Văn Bình", role: "ORG_REP", organizationId: org.id, active: true }),
      }),
    ]);
    expect(await createAccount(ctx.db, admin, { email, name: "Ai Đó", role: "ORG_REP", organizationId: null, password: PASSWORD })).toEqual({
      ok: false,
      fieldErrors: { email: "Thư điện tử này đã có tài khoản." },
    });
    expect(
      await createAccount(ctx.db, admin, { email: `x${email}`, name: "Ai Đó", role: "ORG_REP", organizationId: "khong-co", password: PASSWORD }),
    ).toMatchObject({ ok: false, fieldErrors: { organizationId: expect.any(String) } });

    await updateAccount(ctx.db, admin, id, { name: "Trần Văn Bình", role: "EDITOR", organizationId: null, active: true });
    expect(await audit("role-change", `user:${id}`)).toEqual([expect.objectContaining({ actorId: admin.id, before: "ORG_REP", after: "EDITOR" })]);
    expect(await audit("user-update", `user:${id}`)).toEqual([
      expect.objectContaining({ before: JSON.stringify({ organizationId: org.id }), after: JSON.stringify({ organizationId: null }) }),
    ]);

    expect(await updateAccount(ctx.db, admin, admin.id, { name: "Quản Trị", role: "EDITOR", organizationId: null, active: true })).toMatchObject({
      ok: false,
      formError: SELF_DEMOTE_MESSAGE,
    });
    expect(await updateAccount(ctx.db, admin, admin.id, { name: "Quản Trị", role: "ADMIN", organizationId: null, active: false })).toMatchObject({
      ok: false,
      formError: SELF_DEACTIVATE_MESSAGE,
    });
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect(await updateAccount(ctx.db, admin, "khong-co", { name: "Ai Đó", role: "ADMIN", organizationId: null, active: true })).toBeNull();
  });

  it("a password reset lifts the lock-out and ends the account's other sessions, not the administrator's own", async () => {
    const admin = await signInAs("ADMIN");
    const user = await signInAs("MODERATOR");
    for (let i = 0; i < 5; i++) await signIn(ctx.db, { email: user.email, password: "sai" });
    await resetPassword(ctx.db, admin, user.id, "Mật khẩu mới 2026");
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect(await ctx.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await signIn(ctx.db, { email: user.email, password: "Mật khẩu mới 2026" })).ok).toBe(true);

    await resetPassword(ctx.db, admin, admin.id, "Mật khẩu quản trị 2026");
    expect(await ctx.db.session.count({ where: { id: admin.sessionId } })).toBe(1);
    expect((await audit("user-update", `user:${user.id}`))[0].note).toBe("Đặt lại mật khẩu; kết thúc 1 phiên đăng nhập");
  });

  it("admin:create creates the first administrator, then promotes and reactivates an existing account", async () => {
    const email = `quan-tri-${Date.now()}@example.vn`;
    expect((await createOrPromoteAdmin(ctx.db, { email, name: "Nguyễn Văn A", password: PASSWORD })).created).toBe(true);
    expect((await signIn(ctx.db, { email, password: PASSWORD })).ok).toBe(true);
    const editor = await newUser("EDITOR");
    await ctx.db.user.update({ where: { id: editor.id }, data: { active: false } });
    expect(await createOrPromoteAdmin(ctx.db, { email: editor.email, name: "Lê Thị Hồng", password: null })).toEqual({
      created: false,
      id: editor.id,
      sessionsEnded: 0,
    });
    expect(await ctx.db.user.findUniqueOrThrow({ where: { id: editor.id } })).toMatchObject({ role: "ADMIN", active: true });
    expect(await audit("role-change", `user:${editor.id}`)).toEqual([expect.objectContaining({ actorId: null, before: "EDITOR", after: "ADMIN" })]);
    expect((await signIn(ctx.db, { email: editor.email, password: PASSWORD })).ok).toBe(true);
  });

  it("admin:create on an existing account (the recovery path) ends every session of that account and records it", async () => {
    const admin = await signInAs("ADMIN");
    const other = await signIn(ctx.db, { email: admin.email, password: PASSWORD });
    if (!other.ok) throw new Error(other.message);
    const bystander = await signInAs("EDITOR");
    for (let i = 0; i < 5; i++) await signIn(ctx.db, { email: admin.email, password: "sai" });

    expect(await createOrPromoteAdmin(ctx.db, { email: admin.email, name: "Nguyễn Văn A", password: "Mật khẩu khôi phục 2026" })).toEqual({
      created: false,
      id: admin.id,
      sessionsEnded: 2,
    });
    expect(await ctx.db.session.count({ where: { userId: admin.id } })).toBe(0);
    expect(await getStaff(await signedInRequest(admin.token), ctx.db)).toBeNull();
    expect(await getStaff(await signedInRequest(other.token), ctx.db)).toBeNull();
    expect(await getStaff(await signedInRequest(bystander.token), ctx.db)).not.toBeNull();
    expect((await audit("user-update", `user:${admin.id}`)).map((e) => [e.actorId, e.note])).toEqual([
      [null, "npm run admin:create; đặt lại mật khẩu; kết thúc 2 phiên đăng nhập"],
    ]);
    expect((await signIn(ctx.db, { email: admin.email, password: "Mật khẩu khôi phục 2026" })).ok).toBe(true);

    // Without a new password (an empty one keeps it) the sessions end all the same.
    expect((await createOrPromoteAdmin(ctx.db, { email: admin.email, name: "Nguyễn Văn A", password: null })).sessionsEnded).toBe(1);
    expect(await ctx.db.session.count({ where: { userId: admin.id } })).toBe(0);
  });

  describe("the audit log", () => {
    let actorId: string;
    beforeAll(async () => {
      actorId = (await newUser("EDITOR", "Người Ghi Nhật Ký")).id;
    });

    it("lists the log newest first in keyset pages, filtered by action, actor, dates and comment", async () => {
      const base = new Date("2030-01-15T00:00:00+07:00").getTime();
      // Two events in the same millisecond: the id breaks the tie, so no page repeats or skips one.
      for (let i = 0; i < 7; i++) {
        await ctx.db.auditEvent.create({
          data: {
            action: "settings",
            actorId,
            subject: `setting:k${i}`,
            before: "=1+1",
            after: `giá trị ${i}`,
            createdAt: new Date(base + Math.floor(i / 2) * 3_600_000),
          },
        });
      }
      const filters = parseAuditFilters(new URLSearchParams({ "hanh-dong": "settings", nguoi: actorId, "tu-ngay": "2030-01-15", "den-ngay": "2030-01-15" }));
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await listAuditEvents(ctx.db, { ...filters, after }, 3);
        seen.push(...page.events.map((e) => e.subject!));
        if (!page.next) break;
        after = page.next;
      }
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      expect(seen.slice(0, 1)).toEqual(["setting:k6"]);
      const day = (d: string) => listAuditEvents(ctx.db, parseAuditFilters(new URLSearchParams({ "tu-ngay": d, "den-ngay": d, nguoi: actorId })));
      expect((await day("2030-01-14")).events).toHaveLength(0);
      expect((await day("2030-01-16")).events).toHaveLength(0);
      const events = [`user:${actorId}`, "setting:k1", null, "user:khong-co"].map((subject) => ({ subject, before: null, after: null }));
      const names = await subjectNames(ctx.db, events);
      expect([...names.entries()]).toEqual([[`user:${actorId}`, expect.stringMatching(/^Người Ghi Nhật Ký \(can-bo-.*@example\.vn\)$/)]]);
      // A hand-edited URL with nonsense values shows the unfiltered log.
      expect(parseAuditFilters(new URLSearchParams({ "tu-ngay": "hôm qua", "hanh-dong": "DROP TABLE", sau: "x" }))).toEqual({});
    });

    it("exports the same filters as CSV with a BOM, neutralized formulas, streamed in batches", async () => {
      await appendAudit(ctx.db, { action: "export", actorId, subject: "audit-log", note: '@SUM(A1) "trích"' });
      const filters = parseAuditFilters(new URLSearchParams({ nguoi: actorId }));
      const bytes = new Uint8Array(await new Response(auditCsvStream(ctx.db, filters, auditSentenceText, 2)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      const lines = text.slice(1).trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        '"Thời điểm (giờ Việt Nam)","Hành động","Mã hành động","Người thực hiện","Thư điện tử người thực hiện","Mã ý kiến","Mã nhóm","Đối tượng","Trước","Sau","Ghi chú","Mã sự kiện","Diễn giải"',
      );
      expect(lines).toHaveLength(1 + 8);
      expect(lines.filter((l) => l.includes('"\'=1+1"'))).toHaveLength(7);
      // Newest first: the events dated 2030 (Vietnam time in the first column), then today's export.
      expect(lines[1]).toMatch(
        /^"2030-01-15 03:00:00","Đổi cài đặt","settings","Người Ghi Nhật Ký","can-bo-\d+-\d+@example.vn","","","setting:k6","'=1\+1","giá trị 6","",/,
      );
      expect(lines[lines.length - 1]).toContain(`"Xuất dữ liệu","export","Người Ghi Nhật Ký"`);
      expect(lines[lines.length - 1]).toContain(`"'@SUM(A1) ""trích"""`);
      // The last column is the log page's sentence.
      expect(lines[lines.length - 1]).toMatch(/,"Người Ghi Nhật Ký đã xuất dữ liệu của nhật ký hoạt động\."$/);
      expect(lines[1]).toMatch(/,"Người Ghi Nhật Ký đã đổi cài đặt \(một cài đặt khác\)\."$/);
    });
  });
});
