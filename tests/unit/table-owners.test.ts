import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, sourceFiles } from "../support/source-files.ts";

// ADR 008: each hot table is written by one module only. Every write to it, driver SQL or Prisma,
// anywhere in app/ and search/, must sit in its owner; a second writer fails here.

const OWNERS: Record<string, { prisma: string; owner: string }> = {
  Comment: { prisma: "comment", owner: "app/comments/comment-store.server.ts" },
  AuditEvent: { prisma: "auditEvent", owner: "app/audit/audit.server.ts" },
  SearchOutbox: { prisma: "searchOutbox", owner: "search/outbox/outbox.server.ts" },
  DuplicateGroup: { prisma: "duplicateGroup", owner: "app/comments/duplicate-groups.server.ts" },
  Support: { prisma: "support", owner: "app/comments/supports.server.ts" },
  StoredFile: { prisma: "storedFile", owner: "app/files/stored-files.server.ts" },
  StoredFileChunk: { prisma: "storedFileChunk", owner: "app/files/stored-files.server.ts" },
};

const PRISMA_WRITES = "create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany";

/** The hot tables a source text writes, by SQL (INSERT, UPDATE, DELETE) or by a Prisma model call. */
export function tablesWritten(source: string): string[] {
  return Object.entries(OWNERS)
    .filter(([table, { prisma }]) => {
      const sql = new RegExp(`\\b(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+"${table}"`, "i");
      const model = new RegExp(`\\.\\s*${prisma}\\s*\\.\\s*(${PRISMA_WRITES})\\s*\\(`);
      return sql.test(source) || model.test(source);
    })
    .map(([table]) => table);
}

describe("hot-table owners (ADR 008)", () => {
  it("recognises each kind of write, and not reads", () => {
    expect(tablesWritten('tx.run(`INSERT INTO "Comment" ("id") VALUES (?)`, [id])')).toEqual(["Comment"]);
    expect(tablesWritten('`UPDATE "DuplicateGroup" SET "size" = 1`')).toEqual(["DuplicateGroup"]);
    expect(tablesWritten('`DELETE FROM "SearchOutbox" WHERE "id" = ?`')).toEqual(["SearchOutbox"]);
    expect(tablesWritten("await tx.auditEvent.create({ data })")).toEqual(["AuditEvent"]);
    expect(tablesWritten("db.comment\n      .updateMany({ where, data })")).toEqual(["Comment"]);
    expect(tablesWritten("db.searchOutbox.deleteMany({ where })")).toEqual(["SearchOutbox"]);
    expect(tablesWritten('`SELECT "id" FROM "Comment" WHERE "groupId" = ?`')).toEqual([]);
    expect(tablesWritten("db.comment.findMany({ where }); db.auditEvent.count()")).toEqual([]);
    // A different table whose name starts like a hot one is not a hot table.
    expect(tablesWritten('`INSERT INTO "CommentDraft" ("id") VALUES (?)`')).toEqual([]);
  });

  it("finds the owners' own writes (the scan reads the right files)", () => {
    for (const [table, { owner }] of Object.entries(OWNERS)) {
      expect(tablesWritten(readFileSync(join(ROOT, owner), "utf8")), owner).toContain(table);
    }
  });

  it("no module but its owner writes Comment, AuditEvent, SearchOutbox, DuplicateGroup or Support", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("search")];
    expect(files.length).toBeGreaterThan(100);
    const strays = files.flatMap((path) =>
      tablesWritten(readFileSync(join(ROOT, path), "utf8"))
        .filter((table) => OWNERS[table]!.owner !== path)
        .map((table) => `${path} writes ${table}; only ${OWNERS[table]!.owner} may`),
    );
    expect(strays).toEqual([]);
  });
});
