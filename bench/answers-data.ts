import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "~/platform/db.server.ts";

// Approved (or other) opinions written straight into the tables, for the answers' benchmark and their
// integration tests: thousands in a few statements, without the intake's screening.

export interface SeedOpinions {
  consultationId: string;
  versionId: string;
  blockKey?: string | null;
  sectionKey?: string | null;
  count: number;
  status?: "APPROVED" | "PENDING" | "REJECTED";
  /** Make the opinions one near-duplicate group (its row too); its id is returned. */
  group?: boolean;
  text?: string;
  email?: string | null;
  mayContact?: boolean;
  /** Time of the first opinion; each next one a second later. */
  from?: Date;
}

export async function seedOpinions(db: Db, seed: SeedOpinions): Promise<{ ids: string[]; groupId: string | null }> {
  const from = seed.from ?? new Date("2026-11-20T08:00:00Z");
  const ids = Array.from({ length: seed.count }, () => randomUUID());
  const groupId = seed.group ? randomUUID() : null;
  const status = seed.status ?? "APPROVED";
  if (groupId) {
    await db.duplicateGroup.create({
      data: {
        id: groupId,
        consultationId: seed.consultationId,
        blockKey: seed.blockKey ?? null,
        representativeId: ids[0]!,
        size: seed.count,
        approvedCount: status === "APPROVED" ? seed.count : 0,
        pendingCount: status === "PENDING" ? seed.count : 0,
        publicCommentId: status === "APPROVED" ? ids[0]! : null,
      },
    });
  }
  const text = seed.text ?? "Đề nghị bổ sung chỉ tiêu về chuyển đổi số trong phát triển kinh tế của địa phương.";
  for (let i = 0; i < ids.length; i += 1_000) {
    await db.comment.createMany({
      data: ids.slice(i, i + 1_000).map((id, k) => {
        const at = new Date(from.getTime() + (i + k) * 1_000);
        return {
          id,
          consultationId: seed.consultationId,
          versionId: seed.versionId,
          blockKey: seed.blockKey ?? null,
          sectionKey: seed.sectionKey ?? null,
          stance: "AGREE" as const,
          originalText: text,
          status,
          authorName: `Người góp ý ${i + k + 1}`,
          authorEmail: seed.email === undefined ? null : seed.email,
          mayContact: seed.mayContact ?? false,
          consentAt: at,
          contentHash: randomBytes(8).toString("hex"),
          receiptToken: randomBytes(24).toString("base64url"),
          createdAt: at,
          decidedAt: status === "PENDING" ? null : at,
          groupId,
        };
      }),
    });
  }
  return { ids, groupId };
}
