// Data of bench:national: opinions of a national consultation, in the shape the app stores them, made
// in row order (row number = time order) and written through the app's own bulk paths:
//   - Comment rows built as intake builds them (CommentRow: contentHash, MinHash bands, textFlags,
//     sectionKey; conference opinions with their Conference and Organization, as takeInOpinions stores
//     them) and inserted with `insertComments` (comment-store.server.ts), big transactions;
//   - decided rows decided by `decideCommentRows` in the same transaction (approved: most, rejected: some);
//   - near-duplicate campaigns as DuplicateGroup rows of the owner module (`createGroupRow`, then
//     `recountGroups` for the counters, the representative and the public member);
//   - the PostgreSQL search engine's documents written by `indexAnnounced` (search/postgres/sync.server.ts),
//     what the outbox calls in each change's own transaction, so that `/tim-kiem` finds them.
// The plan (which rows belong to which campaign) is computed from the seed and the sizes alone; every text
// depends only on the seed and the row's number.
import { randomBytes, randomUUID } from "node:crypto";
import { indexAnnounced } from "@search/postgres/sync.server.ts";
import { decideCommentRows, insertComments, type CommentRow } from "~/comments/comment-store.server.ts";
import { createGroupRow, recountGroups } from "~/comments/duplicate-groups.server.ts";
import { FLAGS, textFlags } from "~/comments/flags.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver } from "~/platform/sql.server.ts";
import { contentHash } from "~/text/fold.ts";
import { fingerprint, isNearDuplicate } from "~/text/near-duplicate.ts";
import { createProfanityMatcher, STARTER_PROFANITY } from "~/text/profanity-vi.ts";
import { AGE_GROUPS, OCCUPATIONS } from "~/vocabulary/vocabulary.ts";
import { chooseBlock, chooseStance, chooseTarget, readTargets, type Target } from "./moderation-data.ts";
import { authorName, commentText, DRAFT_CLAUSES, DRAFT_SENTENCES, variantOf, withoutDiacritics } from "./moderation-texts.ts";
import { pick, rowSeed, seeded, type Random } from "./random.ts";

const DAY = 86_400_000;
/** The span of the consultation: three weeks, in row order. */
export const SPAN_DAYS = 21;
/** Issue 18: campaigns of 1,000–100,000 members at 2,500,000 opinions. */
export const CAMPAIGN_MIN = 1_000;
export const CAMPAIGN_MAX = 100_000;
export const WORDS = { min: 20, max: 400 };
/** Shares: channel, status (campaign members decided the same way, the big campaigns left pending). */
export const CONFERENCE_SHARE = 0.2;
export const APPROVED_SHARE = 0.88;
export const REJECTED_SHARE = 0.03;

export interface Campaign {
  /** Index in the plan; group id from it. */
  index: number;
  size: number;
  /** First and one-past-last row of the phase it lives in. */
  from: number;
  to: number;
  /** The phase's big group (decided over HTTP by the benchmark): stays pending. */
  big: boolean;
}

export interface Plan {
  total: number;
  phases: number[];
  big: number;
  min: number;
  campaigns: Campaign[];
  /** Campaign of each row, -1 for none. */
  campaignOf: Int32Array;
  /** Member number of each campaign row, in time order (0: the representative). */
  memberOf: Int32Array;
}

/**
 * Which rows are campaign members. Each phase (rows [0, phases[0]), [phases[0], phases[1]), …) holds
 * one big campaign of `big` members and, up to a third of its rows, campaigns whose sizes are drawn
 * log-uniformly between `min` and `big`; members are spread over a window of the phase (a campaign
 * that goes on for days).
 */
export function makePlan({ phases, big, seed, min }: { phases: number[]; big: number; seed: number; min?: number }): Plan {
  const total = phases.at(-1)!;
  const smallest = min ?? Math.max(2, Math.round((big * CAMPAIGN_MIN) / CAMPAIGN_MAX));
  const campaignOf = new Int32Array(total).fill(-1);
  const memberOf = new Int32Array(total);
  const campaigns: Campaign[] = [];
  const random = seeded(rowSeed(seed, 0, 91));
  let from = 0;
  for (const to of phases) {
    const rows = to - from;
    const quota = Math.floor(rows / 3);
    if (big > quota) throw new Error(`a campaign of ${big} does not fit in a third of ${rows} rows`);
    const sizes = [big];
    let sum = big;
    while (quota - sum >= smallest) {
      const drawn = Math.floor(Math.exp(Math.log(smallest) + random() * (Math.log(big) - Math.log(smallest))));
      const size = Math.min(big - 1, drawn, quota - sum);
      sizes.push(size);
      sum += size;
    }
    for (const [k, size] of sizes.entries()) {
      const c: Campaign = { index: campaigns.length, size, from, to, big: k === 0 };
      campaigns.push(c);
      // A window of the phase: the big one over its whole length, others over 10–60% of it.
      const window = c.big ? rows : Math.max(size, Math.floor(rows * (0.1 + random() * 0.5)));
      const start = from + Math.floor(random() * (rows - window + 1));
      const gap = window / size;
      for (let m = 0; m < size; m++) {
        let i = start + Math.floor(m * gap);
        while (campaignOf[i] !== -1) i = i + 1 >= to ? from : i + 1;
        campaignOf[i] = c.index;
      }
    }
    from = to;
  }
  const seen = new Int32Array(campaigns.length);
  for (let i = 0; i < total; i++) if (campaignOf[i]! >= 0) memberOf[i] = seen[campaignOf[i]!]!++;
  return { total, phases, big, min: smallest, campaigns, campaignOf, memberOf };
}

// ---- texts ------------------------------------------------------------------------------------------

const OPENERS = [
  "Tôi đề nghị Ban soạn thảo",
  "Qua nghiên cứu dự thảo, tôi có một số ý kiến như sau.",
  "Là cử tri đã nhiều năm theo dõi công tác ở địa phương, tôi thấy",
  "Hội nghị thống nhất đề nghị",
  "Chi bộ chúng tôi đã thảo luận kỹ và đề nghị",
  "Tôi cơ bản nhất trí với dự thảo, tuy nhiên đề nghị",
  "Tôi chưa đồng ý với cách viết hiện nay, đề nghị",
  "Với tư cách là người lao động trực tiếp, tôi kiến nghị",
];
const ACTIONS = ["bổ sung", "làm rõ", "sửa lại", "nhấn mạnh hơn", "cụ thể hóa", "lượng hóa", "xem xét lại", "sắp xếp lại"];
const THEMES = [
  "chỉ tiêu về chuyển đổi số",
  "giải pháp cải cách thủ tục hành chính",
  "chính sách hỗ trợ nông dân",
  "nội dung bảo vệ môi trường",
  "vấn đề việc làm cho thanh niên",
  "chất lượng giáo dục vùng cao",
  "mạng lưới y tế cơ sở",
  "công tác phòng, chống tham nhũng, lãng phí",
  "đầu tư hạ tầng giao thông",
  "chính sách an sinh xã hội",
  "vai trò giám sát của Mặt trận Tổ quốc",
  "công tác quản lý đất đai",
  "chính sách đối với đồng bào dân tộc thiểu số",
  "chăm sóc người cao tuổi",
  "nguồn nhân lực chất lượng cao",
  "ứng phó với biến đổi khí hậu",
  "quyền tiếp cận thông tin của công dân",
  "tổ chức chính quyền địa phương hai cấp",
];
const REASONS = [
  "vì thực tế ở cơ sở còn nhiều khó khăn",
  "để bảo đảm tính khả thi khi triển khai",
  "vì người dân rất quan tâm và mong đợi",
  "cho phù hợp với Hiến pháp và pháp luật hiện hành",
  "để tránh cách hiểu khác nhau khi áp dụng",
  "vì kết quả thời gian qua chưa đạt yêu cầu",
];
const CLOSERS = ["Xin trân trọng cảm ơn.", "Kính mong Ban soạn thảo xem xét.", "Trên đây là ý kiến của tôi.", "Rất mong được tiếp thu.", ""];
const STORIES = [
  "Gia đình tôi làm nông nghiệp, mấy năm nay giá vật tư tăng cao mà đầu ra không ổn định.",
  "Ở thôn tôi, đường vào trường học mùa mưa thường xuyên bị ngập, các cháu phải nghỉ học nhiều ngày.",
  "Tôi là giáo viên vùng cao, nhiều năm chứng kiến học sinh bỏ học vì hoàn cảnh khó khăn.",
  "Là cựu chiến binh, tôi mong các chính sách đối với người có công được thực hiện đầy đủ, kịp thời.",
  "Tôi làm công nhân ở khu công nghiệp, nhà ở và nhà trẻ cho con công nhân còn thiếu.",
  "Xã tôi mới sáp nhập, người dân đi làm thủ tục xa hơn trước nên rất cần dịch vụ công trực tuyến.",
];
const ORDINALS = ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu"];

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Cuts a text to at most `max` words (at a word), ending it with a full stop. */
function capWords(text: string, max: number): string {
  const all = text.split(/\s+/).filter(Boolean);
  if (all.length <= max) return all.join(" ");
  return `${all
    .slice(0, max)
    .join(" ")
    .replace(/[,;:]$/, "")}.`;
}

/** The templates: each gives a body; `target` words is how long it tries to be. */
const TEMPLATES: ((random: Random, target: number) => string)[] = [
  // 1. An opener, then sentences of the drafts, a reason, a closer.
  (random, target) => {
    const parts = [`${pick(random, OPENERS)} ${pick(random, ACTIONS)} ${pick(random, THEMES)}, ${pick(random, REASONS)}.`];
    while (words(parts.join(" ")) < target) parts.push(pick(random, DRAFT_SENTENCES));
    parts.push(pick(random, CLOSERS));
    return parts.join(" ");
  },
  // 2. Numbered points ("Thứ nhất, …"), each an action on a theme and a clause of the drafts.
  (random, target) => {
    const parts = [pick(random, OPENERS.slice(1, 3))];
    for (let k = 0; words(parts.join(" ")) < target; k++) {
      const ordinal = k < ORDINALS.length ? ORDINALS[k] : "Ngoài ra";
      parts.push(`${ordinal}, ${pick(random, ACTIONS)} ${pick(random, THEMES)}: ${lower(pick(random, DRAFT_CLAUSES))}, ${pick(random, REASONS)}.`);
    }
    return parts.join(" ");
  },
  // 3. A person's own situation, then what they ask for.
  (random, target) => {
    const parts = [pick(random, STORIES), `Vì vậy tôi đề nghị ${pick(random, ACTIONS)} ${pick(random, THEMES)}.`];
    while (words(parts.join(" ")) < target) parts.push(random() < 0.5 ? pick(random, STORIES) : pick(random, DRAFT_SENTENCES));
    parts.push(pick(random, CLOSERS));
    return parts.join(" ");
  },
  // 4. A quoted sentence of the draft and a proposed wording.
  (random, target) => {
    const quoted = pick(random, DRAFT_SENTENCES).replace(/\.$/, "");
    const parts = [`Tại câu “${quoted}”, đề nghị ${pick(random, ACTIONS)} cho rõ nghĩa, ${pick(random, REASONS)}.`];
    while (words(parts.join(" ")) < target) parts.push(`Đề nghị viết thêm: “${pick(random, DRAFT_CLAUSES)}”.`);
    return parts.join(" ");
  },
  // 5. bench:moderation's comment bodies (openers and closers around the drafts' sentences), lengthened.
  (random, target) => {
    const parts = [commentText(random, { noDiacritics: 0, allCaps: 0, link: 0.01, profanity: 0.004 }).text];
    while (words(parts.join(" ")) < target) parts.push(pick(random, DRAFT_SENTENCES));
    return parts.join(" ");
  },
];
export const TEMPLATE_COUNT = TEMPLATES.length;

/** A distinct opinion of 20–400 words: a template, a length (most 30–150 words, a few up to 400), a style. */
export function opinionText(random: Random): { text: string; template: number } {
  const template = Math.floor(random() * TEMPLATES.length);
  const r = random();
  const target = r < 0.15 ? 20 + random() * 15 : r < 0.85 ? 35 + random() * 115 : 150 + random() * 250;
  let text = capWords(TEMPLATES[template]!(random, Math.round(target)).replace(/\s+/g, " ").trim(), WORDS.max);
  while (words(text) < WORDS.min) text = `${text} ${pick(random, DRAFT_SENTENCES)}`;
  const style = random();
  if (style < 0.05) text = withoutDiacritics(text);
  else if (style < 0.065) text = text.toUpperCase();
  return { text: text.normalize("NFC"), template };
}

/** A campaign member's text: the base re-sent as is or with a variant (case, marks, punctuation, a word). */
export function memberText(base: { text: string; print: ReturnType<typeof fingerprint> }, member: number, random: Random): string {
  if (member === 0) return base.text;
  const variant = variantOf(base.text, random);
  // A changed word keeps the member only when intake would group it.
  return variant.edited && !isNearDuplicate(fingerprint(variant.text), base.print) ? base.text : variant.text;
}

// ---- rows ---------------------------------------------------------------------------------------------

export interface Place {
  code: string;
  communes: string[];
  /** Relative weight: the big cities and populous provinces send more. */
  weight: number;
}

/** The 34 provinces and their communes (app/localities), weighted by how many communes they have. */
export function places(): Place[] {
  return listProvinces().map((p) => {
    const communes = listCommunes(p.code).map((c) => c.code);
    return { code: p.code, communes, weight: Math.max(20, communes.length) };
  });
}

export interface ConferenceRef {
  id: string;
  consultationId: string;
  organizationId: string;
  provinceCode: string;
  author: string;
}

export interface Context {
  plan: Plan;
  seed: number;
  /** The moment the last row was made: rows fill the SPAN_DAYS before it. */
  end: number;
  targets: Target[];
  places: Place[];
  placeTable: Place[];
  conferences: ConferenceRef[];
  actorId: string;
  reasons: string[];
  profanity: ReturnType<typeof createProfanityMatcher>;
  bases: Map<
    number,
    { text: string; print: ReturnType<typeof fingerprint>; target: Target; blockKey: string | null; section: string | null; stance: CommentRow["stance"] }
  >;
  groupIds: string[];
}

export interface Made {
  row: CommentRow;
  decision: "APPROVED" | "REJECTED" | null;
  campaign: number;
  member: number;
}

function campaignBase(ctx: Context, c: number) {
  let base = ctx.bases.get(c);
  if (!base) {
    const random = seeded(rowSeed(ctx.seed, c, 17));
    const target = c < 2 && ctx.plan.campaigns[c]!.big ? ctx.targets[0]! : chooseTarget(random, ctx.targets);
    const block = random() < 0.08 ? null : chooseBlock(random, target);
    const { text } = opinionText(random);
    base = { text, print: fingerprint(text), target, blockKey: block?.key ?? null, section: block?.section ?? null, stance: chooseStance(random) };
    ctx.bases.set(c, base);
  }
  return base;
}

/** Row i as intake would have stored it, and the decision it got. */
export function makeRow(ctx: Context, i: number): Made {
  const { plan } = ctx;
  const random = seeded(rowSeed(ctx.seed, i));
  const c = plan.campaignOf[i]!;
  const member = c >= 0 ? plan.memberOf[i]! : -1;
  let target: Target;
  let blockKey: string | null;
  let sectionKey: string | null;
  let stance: CommentRow["stance"];
  let text: string;
  if (c >= 0) {
    const base = campaignBase(ctx, c);
    ({ target, blockKey, section: sectionKey, stance } = base);
    text = memberText(base, member, random);
  } else {
    target = chooseTarget(random, ctx.targets);
    const block = random() < 0.08 ? null : chooseBlock(random, target);
    blockKey = block?.key ?? null;
    sectionKey = block?.section ?? null;
    stance = chooseStance(random);
    text = opinionText(random).text;
  }
  const createdAt = new Date(ctx.end - SPAN_DAYS * DAY + Math.floor(((i + random()) / plan.total) * (SPAN_DAYS * DAY - 60_000)));
  const print = fingerprint(text);
  let flags = textFlags(text, ctx.profanity);
  if (member > 0) flags |= FLAGS.NEAR_DUPLICATE;
  const conferences = ctx.conferences.filter((k) => k.consultationId === target.consultationId);
  const conference = c < 0 && conferences.length && random() < CONFERENCE_SHARE ? pick(random, conferences) : null;
  const place = conference ? ctx.places.find((p) => p.code === conference.provinceCode)! : pick(random, ctx.placeTable);
  const hasEmail = !conference && random() < 0.6;
  const tokens = randomBytes(40);
  const row: CommentRow = {
    id: randomUUID(),
    consultationId: target.consultationId,
    versionId: target.versionId,
    blockKey,
    quote: null,
    quoteStart: null,
    quoteEnd: null,
    stance,
    originalText: text,
    proposedText: null,
    status: "PENDING",
    authorName: conference ? (random() < 0.5 ? conference.author : authorName(random)) : authorName(random),
    authorEmail: hasEmail ? `nguoi-gop-y-${Math.floor(random() * 2_000_000)}@gmail.com` : null,
    authorPhone: !conference && (!hasEmail || random() < 0.2) ? `09${String(Math.floor(random() * 1e8)).padStart(8, "0")}` : null,
    provinceCode: place.code,
    communeCode: !conference && random() < 0.7 && place.communes.length ? pick(random, place.communes) : null,
    occupation: !conference && random() < 0.6 ? pick(random, OCCUPATIONS) : null,
    ageGroup: !conference && random() < 0.6 ? pick(random, AGE_GROUPS) : null,
    onBehalfOf: null,
    consentAt: createdAt,
    contentHash: contentHash(text),
    diacriticsConfirmed: (flags & FLAGS.NO_DIACRITICS) !== 0,
    sourceHash: conference ? null : tokens.toString("base64url", 24, 40).slice(0, 22),
    receiptToken: tokens.toString("base64url", 0, 24),
    idempotencyKey: null,
    createdAt,
    updatedAt: createdAt,
    sectionKey,
    flags,
    band0: print.bands[0],
    band1: print.bands[1],
    band2: print.bands[2],
    band3: print.bands[3],
    groupId: c >= 0 ? ctx.groupIds[c]! : null,
    channel: conference ? "CONFERENCE" : "ONLINE",
    conferenceId: conference?.id ?? null,
    organizationId: conference?.organizationId ?? null,
    mayContact: hasEmail && random() < 0.5,
  };
  const s = random();
  const decision = c >= 0 && plan.campaigns[c]!.big ? null : s < APPROVED_SHARE ? "APPROVED" : s < APPROVED_SHARE + REJECTED_SHARE ? "REJECTED" : null;
  return { row, decision, campaign: c, member };
}

/** Organizations (one provincial committee per province) and conferences, through Prisma; the context of the rows. */
export async function prepare(
  db: Db,
  sql: SqlDriver,
  { plan, seed, end, actorId }: { plan: Plan; seed: number; end: number; actorId: string },
): Promise<Context> {
  const targets = await readTargets(sql);
  const all = places();
  const random = seeded(rowSeed(seed, 0, 5));
  const run = randomBytes(3).toString("hex");
  const provinces = listProvinces();
  const organizations = provinces.map((p, k) => ({
    id: `orgqg${run}${String(k).padStart(2, "0")}`,
    name: `Ủy ban Mặt trận Tổ quốc Việt Nam ${p.name}`,
    level: "PROVINCE" as const,
    localityCode: p.code,
    code: `QG-${run}-${p.code}`,
    kind: "MTTQ",
    path: `/orgqg${run}${String(k).padStart(2, "0")}/`,
  }));
  await db.organization.createMany({ data: organizations });
  const conferences: ConferenceRef[] = [];
  const rows = [];
  for (const target of targets) {
    for (const [k, org] of organizations.entries()) {
      for (let n = 0; n < 3; n++) {
        const id = `confqg${run}${conferences.length.toString().padStart(4, "0")}`;
        const title = `Hội nghị lấy ý kiến lần ${n + 1}`;
        rows.push({
          id,
          consultationId: target.consultationId,
          organizationId: org.id,
          channel: "CONFERENCE" as const,
          title,
          heldOn: new Date(end - Math.floor(random() * SPAN_DAYS) * DAY),
          place: `Hội trường ${provinces[k]!.name}`,
          attendees: 50 + Math.floor(random() * 250),
          chairperson: authorName(random),
          createdById: actorId,
        });
        // The author shown for an opinion without a name (conferenceAuthor in intake.server.ts).
        conferences.push({
          id,
          consultationId: target.consultationId,
          organizationId: org.id,
          provinceCode: provinces[k]!.code,
          author: `${title} – ${org.name}`,
        });
      }
    }
  }
  await db.conference.createMany({ data: rows });
  const reasons = (await sql.all<{ label: string }>(`SELECT "label" FROM "RejectReason" ORDER BY "position"`, [])).map((r) => r.label);
  const placeTable = all.flatMap((p) => Array.from({ length: Math.round(p.weight / 10) }, () => p));
  return {
    plan,
    seed,
    end,
    targets,
    places: all,
    placeTable,
    conferences,
    actorId,
    reasons: reasons.length ? reasons : ["Không liên quan đến nội dung dự thảo"],
    profanity: createProfanityMatcher(STARTER_PROFANITY),
    bases: new Map(),
    groupIds: plan.campaigns.map(() => randomUUID()),
  };
}

/**
 * Rows [from, to) through the app's paths, `batch` rows a transaction: insertComments, the decisions
 * (decideCommentRows), the campaigns' group rows (createGroupRow when their first member comes; recountGroups
 * at the end), the search documents (indexAnnounced). `onBatch` hears the rows done so far.
 */
/** Milliseconds spent in each step of `fill` so far (where the time of the app's bulk path goes). */
export const fillSteps = { make: 0, groups: 0, insert: 0, decide: 0, index: 0, commit: 0, recount: 0 };

export async function fill(sql: SqlDriver, ctx: Context, from: number, to: number, batch: number, onBatch?: (done: number) => void): Promise<void> {
  const touched = new Set<string>();
  let t = performance.now();
  const step = (name: keyof typeof fillSteps) => {
    const now = performance.now();
    fillSteps[name] += now - t;
    t = now;
  };
  for (let start = from; start < to; start += batch) {
    t = performance.now();
    const made: Made[] = [];
    for (let i = start; i < Math.min(to, start + batch); i++) made.push(makeRow(ctx, i));
    step("make");
    const last = made.at(-1)!.row.createdAt.getTime();
    for (const m of made) if (m.row.groupId) touched.add(m.row.groupId);
    await sql.transaction(async (tx) => {
      for (const m of made) {
        if (m.member === 0)
          await createGroupRow(
            tx,
            { id: m.row.groupId!, consultationId: m.row.consultationId, blockKey: m.row.blockKey, representativeId: m.row.id },
            m.row.createdAt,
          );
      }
      step("groups");
      await insertComments(
        tx,
        made.map((m) => m.row),
      );
      step("insert");
      for (const status of ["APPROVED", "REJECTED"] as const) {
        const ids = made.filter((m) => m.decision === status).map((m) => m.row.id);
        for (let k = 0; k < ids.length; k += 5_000) {
          await decideCommentRows(
            tx,
            { ids: ids.slice(k, k + 5_000) },
            { status, publishedText: null, rejectReason: status === "REJECTED" ? ctx.reasons[k % ctx.reasons.length]! : null, actorId: ctx.actorId },
            new Date(last + 2 * 3_600_000),
          );
        }
      }
      step("decide");
      await indexAnnounced(
        tx,
        "comment",
        made.map((m) => m.row.id),
      );
      step("index");
    });
    step("commit");
    onBatch?.(Math.min(to, start + batch) - from);
  }
  // The campaigns' counters, representative and public member from their members, once they are all in
  // (the app recounts a group shortly after members join: group-counts.server.ts).
  t = performance.now();
  const groups = [...touched];
  for (let k = 0; k < groups.length; k += 100) await recountGroups(sql, groups.slice(k, k + 100), new Date(ctx.end));
  step("recount");
}
