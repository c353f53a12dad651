// Driver adapters for Prisma's JS schema engine (migrate deploy/dev/diff), used only by
// prisma.config.ts; the app uses the stock adapters. They work around bugs of the stock
// adapters that only the migration commands hit (see docs/decisions/002-prisma-offline.md).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

type Factory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

/** better-sqlite3 refuses several statements in one executeRaw; the engine sends whole migration files. */
function withScriptFallback<A extends Adapter>(adapter: A): A {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length === 0 && /more than one statement/i.test(describe(error))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      throw error;
    }
  };
  return adapter;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.message} ${describe((error as { cause?: unknown }).cause)}`;
  if (error && typeof error === "object") return JSON.stringify(error);
  return String(error ?? "");
}

export function sqliteMigrationAdapter(filename: string) {
  const stock = new PrismaBetterSQLite3({ url: filename });
  return {
    provider: "sqlite" as const,
    adapterName: stock.adapterName,
    connect: async () => withScriptFallback(await stock.connect()),
    connectToShadowDb: async () => withScriptFallback(await stock.connectToShadowDb()),
  };
}

// adapter-pg cannot map the catalog types `name` (oid 19) and `"char"` (oid 18) that the
// engine's introspection reads; report them as text (oid 25). Only the migration CLI loads this.
const TEXT_OID = 25;
type FieldSink = { fields: { dataTypeID: number }[]; addFields(fields: unknown[]): void };
const resultPrototype = pg.Result.prototype as unknown as FieldSink;
const addFields = resultPrototype.addFields;
resultPrototype.addFields = function (this: FieldSink, fields: unknown[]) {
  addFields.call(this, fields);
  for (const field of this.fields) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = TEXT_OID;
  }
};

export function postgresMigrationAdapter(url: string) {
  const base = new URL(url);
  const connection = {
    host: decodeURIComponent(base.hostname) || "localhost",
    port: Number(base.port || 5432),
    user: decodeURIComponent(base.username) || undefined,
    password: decodeURIComponent(base.password) || undefined,
  };
  const database = decodeURIComponent(base.pathname.slice(1)) || undefined;
  // allowExitOnIdle lets each CLI command exit as soon as it is done.
  const pool = (db: string | undefined) => new pg.Pool({ ...connection, database: db, allowExitOnIdle: true, idleTimeoutMillis: 500 });
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: async () => new PrismaPg(pool(database)).connect(),
    // The stock version spreads the config so a connection string's database wins (the shadow work
    // would run in the real database) and drops the shadow database before closing its pool.
    connectToShadowDb: async () => {
      const admin = pool(database);
      const shadowName = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${shadowName}"`);
      const shadowPool = pool(shadowName);
      const adapter = await new PrismaPg(shadowPool).connect();
      adapter.dispose = async () => {
        await shadowPool.end();
        await admin.query(`DROP DATABASE IF EXISTS "${shadowName}"`);
        await admin.end();
      };
      return adapter;
    },
  };
}
