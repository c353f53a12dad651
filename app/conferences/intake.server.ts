import { randomBytes, randomUUID } from "node:crypto";
import { appendAudit } from "~/audit/audit.server.ts";
import { insertComments } from "~/comments/comment-store.server.ts";
import { contentHash } from "~/text/fold.ts";
import { announce } from "@search/outbox/outbox.server.ts";
import { recountGroups } from "~/comments/duplicate-groups.server.ts";
import { profanityMatcher, screenComment, settleGroupIn } from "~/comments/intake.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";
import { organizationLocality, type ConferenceDetails } from "./conferences.server.ts";
import { toStoredDate, type CalendarDate } from "./dates.ts";

// Taking in a conference's (or letter's) opinions: all of them in one transaction on the database
// driver, each screened by moderation (flags, near-duplicate group: rows of the same file group with
// each other too, since the screening reads inside the transaction), inserted as a PENDING comment
// with its channel, conference and organization, with a search outbox row, and one audit row for
// the whole import. Either every opinion is stored or none is.

export interface NewOpinion {
  blockKey: string | null;
  stance: "AGREE" | "DISAGREE" | "OTHER";
  text: string;
  authorName: string | null;
  /** The day the opinion was given; the conference's day when not said. */
  date: CalendarDate | null;
}

export interface IntakeSource {
  /** conference-import (a file) | conference-opinion (typed in the page) */
  action: "conference-import" | "conference-opinion";
  note: string;
}

/** The transaction's statements as a driver, for moderation's screening (which only reads). */
function readerOf(tx: SqlTx): SqlDriver {
  const refuse = () => {
    throw new Error("screening runs inside the intake transaction");
  };
  return { provider: tx.provider, run: tx.run, all: tx.all, transact: refuse, transaction: refuse, close: async () => undefined };
}

/** The author shown for an opinion without a name: the conference or letter and its organization. */
export function conferenceAuthor(conference: Pick<ConferenceDetails, "title" | "organization">): string {
  const name = `${conference.title} – ${conference.organization.name}`;
  return name.length > 200 ? `${name.slice(0, 199)}…` : name;
}

export async function takeInOpinions(
  db: Db,
  sql: SqlDriver,
  actor: { id: string },
  conference: ConferenceDetails,
  opinions: readonly NewOpinion[],
  source: IntakeSource,
  { sections, now = new Date() }: { sections: ReadonlyMap<string, string | null>; now?: Date },
): Promise<{ ids: string[] }> {
  const versionId = conference.consultation.publishedVersionId;
  if (!versionId) throw new Error("conference of an unpublished consultation");
  const consultationId = conference.consultation.id;
  const locality = await organizationLocality(db, conference.organization);
  await profanityMatcher(db); // warmed outside the transaction
  const author = conferenceAuthor(conference);
  const channel = conference.channel;

  const ids = await sql.transaction(async (tx) => {
    // PostgreSQL plans screening's band lookups from statistics that know nothing of the rows this
    // transaction adds: with "1 row" estimates it scans the whole (consultation, paragraph) range for
    // every opinion, and a 20,000-row import took five minutes instead of thirty seconds. So each
    // lookup is planned afresh (not from the driver's prepared plan), and the statistics are brought
    // up to date as the import doubles (ANALYZE counts the transaction's own rows).
    if (tx.provider === "postgresql") await tx.run("SET LOCAL plan_cache_mode = force_custom_plan", []);
    const reader = readerOf(tx);
    const ids: string[] = [];
    const groups = new Set<string>();
    for (const opinion of opinions) {
      const id = randomUUID();
      const createdAt = opinion.date ? toStoredDate(opinion.date) : conference.heldOn;
      const target = { consultationId, blockKey: opinion.blockKey, stance: opinion.stance, text: opinion.text, burst: false };
      let screening = await screenComment(db, reader, target, now);
      // A conditional step (starting a group with a comment someone else just grouped) that changes nothing is screened once more; then the opinion goes in ungrouped.
      let grouped = await runSteps(tx, screening.steps);
      if (!grouped) {
        screening = await screenComment(db, reader, target, now);
        grouped = await runSteps(tx, screening.steps);
        if (!grouped) screening = { ...screening, groupId: null, steps: [] };
      }
      await insertComments(tx, [
        {
          id,
          consultationId,
          versionId,
          blockKey: opinion.blockKey,
          quote: null,
          quoteStart: null,
          quoteEnd: null,
          stance: opinion.stance,
          originalText: opinion.text,
          proposedText: null,
          status: "PENDING",
          authorName: opinion.authorName ?? author,
          authorEmail: null,
          authorPhone: null,
          provinceCode: locality.provinceCode,
          communeCode: locality.communeCode,
          occupation: null,
          ageGroup: null,
          onBehalfOf: null,
          consentAt: now,
          contentHash: contentHash(opinion.text),
          diacriticsConfirmed: false,
          sourceHash: null,
          receiptToken: randomBytes(24).toString("base64url"),
          idempotencyKey: null,
          createdAt,
          updatedAt: now,
          sectionKey: opinion.blockKey ? (sections.get(opinion.blockKey) ?? null) : null,
          flags: screening.flags,
          band0: screening.bands[0],
          band1: screening.bands[1],
          band2: screening.bands[2],
          band3: screening.bands[3],
          groupId: screening.groupId,
          channel,
          conferenceId: conference.id,
          organizationId: conference.organizationId,
          mayContact: false,
        },
      ]);
      ids.push(id);
      // It also matched comments outside that group: they become one group (ADR 041).
      const groupId = screening.unsettled
        ? await settleGroupIn(
            tx,
            { id, consultationId, blockKey: opinion.blockKey, stance: opinion.stance, text: opinion.text, groupId: screening.groupId },
            now,
          )
        : screening.groupId;
      if (groupId) groups.add(groupId);
      if (tx.provider === "postgresql" && ids.length >= 512 && (ids.length & (ids.length - 1)) === 0) await tx.run(`ANALYZE "Comment"`, []);
    }
    // The groups they started or joined, counted with them in (app/comments/group-counts.server.ts).
    await recountGroups(tx, [...groups], now);
    // The search index learns of them through the outbox, committed with them (search/README.md).
    await announce(tx, "comment", ids, now);
    await appendAudit(
      tx,
      {
        action: source.action,
        actorId: actor.id,
        commentId: ids.length === 1 ? ids[0] : null,
        subject: `conference:${conference.id}`,
        after: JSON.stringify({ count: ids.length }),
        note: source.note,
      },
      now,
    );
    return ids;
  });
  return { ids };
}

/**
 * Runs moderation's group statements behind a savepoint: when a conditional one changes nothing
 * (someone else grouped that comment meanwhile), what the others did is undone and false is returned.
 */
async function runSteps(tx: SqlTx, steps: { sql: string; params: unknown[]; mustChange?: boolean }[]): Promise<boolean> {
  if (!steps.length) return true;
  if (steps.length === 1) {
    // One statement that changes nothing has nothing to undo.
    const changed = await tx.run(steps[0]!.sql, steps[0]!.params);
    return !steps[0]!.mustChange || changed > 0;
  }
  await tx.run("SAVEPOINT screening", []);
  for (const step of steps) {
    const changed = await tx.run(step.sql, step.params);
    if (step.mustChange && changed === 0) {
      await tx.run("ROLLBACK TO SAVEPOINT screening", []);
      await tx.run("RELEASE SAVEPOINT screening", []);
      return false;
    }
  }
  await tx.run("RELEASE SAVEPOINT screening", []);
  return true;
}
