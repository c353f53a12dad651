import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createDb } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, withDatabaseOutage } from "../../../server/database-outage.js";
import { describeEachDatabase } from "../../support/test-db.ts";

// The errors the real drivers raise when nothing answers (nothing listens on port 1 of the loopback
// address), told apart from errors in a query; and the guard that turns the first kind into a 503.
const UNREACHABLE = resolveDatabaseTarget("postgresql://postgres@127.0.0.1:1/none");
const caught = async (work: () => Promise<unknown>) =>
  work().then(
    () => undefined,
    (error: unknown) => error,
  );

it("recognizes an unreachable PostgreSQL through Prisma (queries and raw SQL) and through the driver SQL", async () => {
  const db = createDb(UNREACHABLE);
  const sql = createSqlDriver(UNREACHABLE);
  try {
    expect(isDatabaseUnavailable(await caught(() => db.consultation.findMany()))).toBe(true);
    expect(isDatabaseUnavailable(await caught(() => db.$queryRawUnsafe("SELECT 1")))).toBe(true);
    expect(isDatabaseUnavailable(await caught(() => sql.all("SELECT 1", [])))).toBe(true);
    expect(isDatabaseUnavailable(await caught(() => sql.transact([{ sql: "SELECT 1", params: [] }])))).toBe(true);
  } finally {
    await db.$disconnect();
    await sql.close();
  }
});

const dir = mkdtempSync(path.join(tmpdir(), "gopy-outage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("recognizes a SQLite file that cannot be opened", () => {
  let error: unknown;
  try {
    // A folder where the database file should be: SQLite cannot open it.
    createSqlDriver(resolveDatabaseTarget(`file:${dir}`));
  } catch (e) {
    error = e;
  }
  expect(isDatabaseUnavailable(error)).toBe(true);
});

describeEachDatabase("errors in a query are not an outage", (ctx) => {
  it("keeps mistakes (unknown table, broken SQL, unique violation) as they are", async () => {
    expect(isDatabaseUnavailable(await caught(() => ctx.sql.all(`SELECT * FROM "KhongCo"`, [])))).toBe(false);
    expect(isDatabaseUnavailable(await caught(() => ctx.db.$queryRawUnsafe("SELEC 1")))).toBe(false);
    await ctx.db.setting.create({ data: { key: "trung", value: "1" } });
    expect(isDatabaseUnavailable(await caught(() => ctx.db.setting.create({ data: { key: "trung", value: "2" } })))).toBe(false);
    expect(isDatabaseUnavailable(new Error("Không tìm thấy"))).toBe(false);
  });
});

it("turns an outage in any loader or action into a 503 with Retry-After, and leaves other errors and answers alone", async () => {
  const db = createDb(UNREACHABLE);
  try {
    const build = withDatabaseOutage({
      routes: {
        root: { id: "root", module: { default: () => null } },
        page: { id: "page", module: { loader: () => db.consultation.findMany(), action: async () => ({ ok: true }) } },
        broken: { id: "broken", module: { loader: async () => Promise.reject(new TypeError("lỗi lập trình")) } },
      },
    });
    const thrown = (await caught(() => (build.routes.page.module.loader as () => Promise<unknown>)())) as Response;
    expect(thrown).toBeInstanceOf(Response);
    expect(thrown.status).toBe(503);
    expect(thrown.headers.get("Retry-After")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await thrown.text()).toBe("Hệ thống tạm thời gián đoạn, vui lòng thử lại sau ít phút.");
    expect(await (build.routes.page.module.action as () => Promise<unknown>)()).toEqual({ ok: true });
    expect(await caught(() => (build.routes.broken.module.loader as () => Promise<unknown>)())).toBeInstanceOf(TypeError);
    expect("loader" in build.routes.root.module).toBe(false);
  } finally {
    await db.$disconnect();
  }
});
