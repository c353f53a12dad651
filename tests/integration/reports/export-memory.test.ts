import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/platform/db.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createDatabaseFromTemplate, postgresEnabled } from "../../support/databases.ts";
import { createStaffUser, seedReportFixture } from "../../support/reports/fixture.ts";

// The CSV export's memory does not grow with the rows (issue 18, ADR 065): a consultation of 66,000
// approved opinions of about 1 kB each (PostgreSQL, as a national deployment runs), exported whole and a
// third of it, each in a process of its own (tests/support/export-memory-process.ts), sampled every 10 ms.
// Read in batches of 2,000 rows, V8 saw each batch's row objects all alive at a scavenge and pretenured
// their allocation site: from then on every row was made in the old generation and kept its young strings
// alive until the next full collection, so the old generation filled with dead rows (+94 MB peak at
// 78,721 rows in bench/export-memory.ts, +255 MB RSS at 1.25 M). In batches of EXPORT_BATCH (100) rows no
// site is pretenured and the rows die young: what the export adds is the same for 26,000 and 66,000 rows.

const ROWS = 66_000;
const run = promisify(execFile);

interface Measured {
  status: string;
  rows: number;
  seconds: number;
  rssGrowthMb: number;
  oldSpaceGrowthMb: number;
  externalGrowthMb: number;
  majorGcs: number;
}

describe.runIf(postgresEnabled)("CSV export memory [postgresql]", () => {
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;
  let consultationId: string;
  let adminId: string;

  beforeAll(async () => {
    const created = await createDatabaseFromTemplate("postgresql");
    url = created.url;
    drop = created.drop;
    db = createDb(resolveDatabaseTarget(url));
    const f = await seedReportFixture(db);
    consultationId = f.consultationId;
    adminId = (await createStaffUser(db, "ADMIN", null, "Quản Trị Viên")).id;
    // Copies of the fixture's approved opinions, one every 10 s from 2026-11-01 (Vietnam time), each
    // with its own text of 500–1,500 characters (the national bench's rows carry ~1.2 kB).
    const columns = (
      await db.$queryRawUnsafe<{ name: string }[]>(
        `SELECT CAST(column_name AS text) AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'Comment' ORDER BY ordinal_position`,
      )
    ).map((c) => c.name);
    const [{ n: approved }] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT COUNT(*) AS n FROM "Comment" WHERE "consultationId" = $1 AND "status" = 'APPROVED'`,
      consultationId,
    );
    const copies = Math.ceil(ROWS / Number(approved));
    const value: Record<string, string> = {
      id: `c."id" || '-' || g`,
      receiptToken: `c."receiptToken" || '-' || g`,
      idempotencyKey: `NULL`,
      publishedText: `NULL`,
      originalText: `g || '. ' || repeat('Đề nghị bổ sung giải pháp cụ thể về chuyển đổi số, y tế cơ sở và môi trường cho nhân dân vùng sâu, vùng xa. ', 5 + (g * 7 + length(c."id")) % 10)`,
      createdAt: `TIMESTAMP '2026-10-31 17:00:00' + row_number() OVER () * INTERVAL '10 seconds'`,
    };
    await db.$executeRawUnsafe(
      `INSERT INTO "Comment" (${columns.map((c) => `"${c}"`).join(", ")})
       SELECT ${columns.map((c) => value[c] ?? `c."${c}"`).join(", ")}
       FROM "Comment" c CROSS JOIN generate_series(1, ${copies}) AS g
       WHERE c."consultationId" = $1 AND c."status" = 'APPROVED'`,
      consultationId,
    );
    await db.$executeRawUnsafe(`ANALYZE "Comment"`);
  }, 300_000);

  afterAll(async () => {
    await db?.$disconnect();
    await drop?.();
  });

  const exportOnce = async (filters: string): Promise<Measured> => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", "tests/support/export-memory-process.ts", consultationId, adminId, filters], {
      env: { ...process.env, DATABASE_URL: url },
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1)!) as Measured;
  };

  /** The run with the median growth of the old generation, of three in processes of their own. */
  const median = async (filters: string): Promise<Measured> => {
    const runs: Measured[] = [];
    for (let i = 0; i < 3; i++) runs.push(await exportOnce(filters));
    return runs.sort((a, b) => a.oldSpaceGrowthMb - b.oldSpaceGrowthMb)[1]!;
  };

  it("adds the same memory for 26,000 rows and for 66,000: the rows die young", async () => {
    // The first 2,200 s × 10 = a third of the copies' time span: the opinions of 2026-11-01 to 11-03 (Vietnam days).
    // Three runs each and their median: V8's pretenuring is decided at scavenges whose moment depends on how the
    // rows arrive, and one run in CI (2026-12-07) grew by 74 MB for the whole though 35 runs here, alone, beside
    // two or six busy processes and inside the full suite, stayed at 3–11 MB. In batches of 2,000 every run grows.
    const third = await median("from=2026-11-01&to=2026-11-03");
    const whole = await median("");
    console.log(JSON.stringify({ third, whole }));
    expect(third.status).toBe("DONE");
    expect(whole.status).toBe("DONE");
    expect(whole.rows).toBeGreaterThanOrEqual(ROWS);
    expect(third.rows).toBeGreaterThan(whole.rows / 4);
    expect(third.rows).toBeLessThan(whole.rows / 2);
    // Dead rows kept in the old generation until a full collection: in batches of 2,000, +35 MB for the third and +60 MB for the whole.
    expect(whole.oldSpaceGrowthMb).toBeLessThan(24);
    expect(whole.oldSpaceGrowthMb - third.oldSpaceGrowthMb).toBeLessThan(8);
    expect(whole.rssGrowthMb).toBeLessThan(100);
  }, 300_000);
});
