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
import type { AnalyzedText, VectorMemo } from "@search/postgres/engine.ts";
import { indexAnnounced } from "@search/postgres/sync.server.ts";
import { decideCommentRows, insertComments, type CommentRow } from "~/comments/comment-store.server.ts";
import { createGroupRow, recountGroups } from "~/comments/duplicate-groups.server.ts";
import { FLAGS, textFlags } from "~/comments/flags.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import type { Db } from "~/platform/db.server.ts";
import type { SqlDriver, SqlTx } from "~/platform/sql.server.ts";
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
  /** The big campaign's size in each phase. */
  bigs: number[];
  min: number;
  campaigns: Campaign[];
  /** Campaign of each row, -1 for none. */
  campaignOf: Int32Array;
  /** Member number of each campaign row, in time order (0: the representative). */
  memberOf: Int32Array;
}

/**
 * Which rows are campaign members. Each phase (rows [0, phases[0]), [phases[0], phases[1]), …) holds
 * one big campaign (`big`, or `big[k]` in phase k) and, up to a third of its rows, campaigns whose sizes
 * are drawn log-uniformly between `min` and the phase's big one; members are spread over a window of the
 * phase (a campaign that goes on for days). `min` is by default the largest big one's share of
 * CAMPAIGN_MIN/CAMPAIGN_MAX.
 */
export function makePlan({ phases, big, seed, min }: { phases: number[]; big: number | readonly number[]; seed: number; min?: number }): Plan {
  const total = phases.at(-1)!;
  const bigs = phases.map((_, k) => (typeof big === "number" ? big : big[k]!));
  const smallest = min ?? Math.max(2, Math.round((Math.max(...bigs) * CAMPAIGN_MIN) / CAMPAIGN_MAX));
  const campaignOf = new Int32Array(total).fill(-1);
  const memberOf = new Int32Array(total);
  const campaigns: Campaign[] = [];
  const random = seeded(rowSeed(seed, 0, 91));
  let from = 0;
  for (const [phase, to] of phases.entries()) {
    const big = bigs[phase]!;
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
  return { total, phases, bigs, min: smallest, campaigns, campaignOf, memberOf };
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

/** Word counts of the sentences the templates reuse (bounded: a text of its own is counted each time). */
const wordCounts = new Map<string, number>();
function wordsOf(s: string): number {
  let n = wordCounts.get(s);
  if (n === undefined) {
    n = words(s);
    if (wordCounts.size < 20_000) wordCounts.set(s, n);
  }
  return n;
}

/** A text's parts and their words so far (joined with spaces, the count is the sum: no recounting the whole text). */
class Parts {
  private list: string[] = [];
  words = 0;
  constructor(...first: string[]) {
    for (const part of first) this.push(part);
  }
  push(part: string) {
    this.list.push(part);
    this.words += wordsOf(part);
  }
  join() {
    return this.list.join(" ");
  }
}

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
    const parts = new Parts(`${pick(random, OPENERS)} ${pick(random, ACTIONS)} ${pick(random, THEMES)}, ${pick(random, REASONS)}.`);
    while (parts.words < target) parts.push(pick(random, DRAFT_SENTENCES));
    parts.push(pick(random, CLOSERS));
    return parts.join();
  },
  // 2. Numbered points ("Thứ nhất, …"), each an action on a theme and a clause of the drafts.
  (random, target) => {
    const parts = new Parts(pick(random, OPENERS.slice(1, 3)));
    for (let k = 0; parts.words < target; k++) {
      const ordinal = k < ORDINALS.length ? ORDINALS[k] : "Ngoài ra";
      parts.push(`${ordinal}, ${pick(random, ACTIONS)} ${pick(random, THEMES)}: ${lower(pick(random, DRAFT_CLAUSES))}, ${pick(random, REASONS)}.`);
    }
    return parts.join();
  },
  // 3. A person's own situation, then what they ask for.
  (random, target) => {
    const parts = new Parts(pick(random, STORIES), `Vì vậy tôi đề nghị ${pick(random, ACTIONS)} ${pick(random, THEMES)}.`);
    while (parts.words < target) parts.push(random() < 0.5 ? pick(random, STORIES) : pick(random, DRAFT_SENTENCES));
    parts.push(pick(random, CLOSERS));
    return parts.join();
  },
  // 4. A quoted sentence of the draft and a proposed wording.
  (random, target) => {
    const quoted = pick(random, DRAFT_SENTENCES).replace(/\.$/, "");
    const parts = new Parts(`Tại câu “${quoted}”, đề nghị ${pick(random, ACTIONS)} cho rõ nghĩa, ${pick(random, REASONS)}.`);
    while (parts.words < target) parts.push(`Đề nghị viết thêm: “${pick(random, DRAFT_CLAUSES)}”.`);
    return parts.join();
  },
  // 5. bench:moderation's comment bodies (openers and closers around the drafts' sentences), lengthened.
  (random, target) => {
    const parts = new Parts(commentText(random, { noDiacritics: 0, allCaps: 0, link: 0.01, profanity: 0.004 }).text);
    while (parts.words < target) parts.push(pick(random, DRAFT_SENTENCES));
    return parts.join();
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

/** What intake computes from a text alone (contentHash, fingerprint bands, textFlags): one per distinct text. */
export interface Analyzed {
  text: string;
  hash: string;
  print: ReturnType<typeof fingerprint>;
  flags: number;
}

/** A campaign's shared values: its target, and the few texts its members send (the first is the base). */
export interface CampaignBase {
  target: Target;
  blockKey: string | null;
  section: string | null;
  stance: CommentRow["stance"];
  variants: Analyzed[];
}

/** Texts a campaign's members share: the base and these many variants of it. */
export const CAMPAIGN_VARIANTS = 8;

/** What the fill processes share (plain data, sent to each): the rest of a Context is made from it. */
export interface SharedContext {
  phases: number[];
  bigs: number[];
  seed: number;
  end: number;
  targets: Target[];
  conferences: ConferenceRef[];
  actorId: string;
  reasons: string[];
  groupIds: string[];
}

export interface Context extends SharedContext {
  plan: Plan;
  places: Place[];
  placeTable: Place[];
  /** Each consultation's conferences. */
  conferencesOf: Map<string, ConferenceRef[]>;
  profanity: ReturnType<typeof createProfanityMatcher>;
  bases: Map<number, CampaignBase>;
  /** The search vectors of the campaigns' texts, each computed once per process (indexAnnounced's memo); other texts are not kept. */
  vectors: VectorMemo;
}

/** A VectorMemo that keeps the vectors of the campaigns' texts only (a few per campaign): every other text is one row's. */
function campaignVectors(bases: Map<number, CampaignBase>): VectorMemo {
  const texts = new Set<string>();
  const kept = new Map<string, AnalyzedText>();
  let seen = 0;
  return {
    get: (text) => kept.get(text),
    set: (text, analyzed) => {
      if (seen !== bases.size) {
        for (const base of bases.values()) for (const v of base.variants) texts.add(v.text);
        seen = bases.size;
      }
      if (texts.has(text)) kept.set(text, analyzed);
    },
  };
}

/** The context of the rows from what the fill processes share; the plan is made again from its seed. */
export function contextOf(shared: SharedContext, plan?: Plan): Context {
  const all = places();
  const conferencesOf = new Map<string, ConferenceRef[]>();
  for (const k of shared.conferences) conferencesOf.set(k.consultationId, [...(conferencesOf.get(k.consultationId) ?? []), k]);
  const bases = new Map<number, CampaignBase>();
  return {
    ...shared,
    plan: plan ?? makePlan({ phases: shared.phases, big: shared.bigs, seed: shared.seed }),
    places: all,
    placeTable: all.flatMap((p) => Array.from({ length: Math.round(p.weight / 10) }, () => p)),
    conferencesOf,
    profanity: createProfanityMatcher(STARTER_PROFANITY),
    bases,
    vectors: campaignVectors(bases),
  };
}

export function sharedOf(ctx: Context): SharedContext {
  const { phases, bigs, seed, end, targets, conferences, actorId, reasons, groupIds } = ctx;
  return { phases, bigs, seed, end, targets, conferences, actorId, reasons, groupIds };
}

export interface Made {
  row: CommentRow;
  decision: "APPROVED" | "REJECTED" | null;
  campaign: number;
  member: number;
}

/** What intake computes from the text (the flags a text alone gives; NEAR_DUPLICATE comes from the group). */
export function analyze(text: string, profanity: Context["profanity"]): Analyzed {
  return { text, hash: contentHash(text), print: fingerprint(text), flags: textFlags(text, profanity) };
}

/**
 * A campaign's target and texts, made once per process from the seed and the campaign's number: the base
 * and CAMPAIGN_VARIANTS re-sendings of it (memberText), each analyzed once, as intake would for that text.
 */
export function campaignBase(ctx: Context, c: number): CampaignBase {
  let base = ctx.bases.get(c);
  if (!base) {
    const random = seeded(rowSeed(ctx.seed, c, 17));
    const target = c < 2 && ctx.plan.campaigns[c]!.big ? ctx.targets[0]! : chooseTarget(random, ctx.targets);
    const block = random() < 0.08 ? null : chooseBlock(random, target);
    const { text } = opinionText(random);
    const first = analyze(text, ctx.profanity);
    const texts = new Map([[text, first]]);
    const variants = [first];
    for (let k = 1; k <= CAMPAIGN_VARIANTS; k++) {
      const variant = memberText(first, k, seeded(rowSeed(ctx.seed, c, 100 + k))).normalize("NFC");
      let analyzed = texts.get(variant);
      if (!analyzed) texts.set(variant, (analyzed = analyze(variant, ctx.profanity)));
      variants.push(analyzed);
    }
    base = { target, blockKey: block?.key ?? null, section: block?.section ?? null, stance: chooseStance(random), variants };
    ctx.bases.set(c, base);
  }
  return base;
}

/** 40 random bytes for a row's receipt token and source hash (drawn 4,096 rows at a time: one call, not one a row). */
let tokenPool = Buffer.alloc(0);
let tokenAt = 0;
function tokenBytes(): Buffer {
  if (tokenAt + 40 > tokenPool.length) {
    tokenPool = randomBytes(40 * 4_096);
    tokenAt = 0;
  }
  tokenAt += 40;
  return tokenPool.subarray(tokenAt - 40, tokenAt);
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
  let analyzed: Analyzed;
  if (c >= 0) {
    const base = campaignBase(ctx, c);
    ({ target, blockKey, section: sectionKey, stance } = base);
    // The first member sends the base; the others one of the campaign's texts.
    analyzed = base.variants[member === 0 ? 0 : Math.floor(random() * base.variants.length)]!;
  } else {
    target = chooseTarget(random, ctx.targets);
    const block = random() < 0.08 ? null : chooseBlock(random, target);
    blockKey = block?.key ?? null;
    sectionKey = block?.section ?? null;
    stance = chooseStance(random);
    analyzed = analyze(opinionText(random).text, ctx.profanity);
  }
  const { text, print } = analyzed;
  const createdAt = new Date(ctx.end - SPAN_DAYS * DAY + Math.floor(((i + random()) / plan.total) * (SPAN_DAYS * DAY - 60_000)));
  let flags = analyzed.flags;
  if (member > 0) flags |= FLAGS.NEAR_DUPLICATE;
  const conferences = ctx.conferencesOf.get(target.consultationId) ?? [];
  const conference = c < 0 && conferences.length && random() < CONFERENCE_SHARE ? pick(random, conferences) : null;
  const place = conference ? ctx.places.find((p) => p.code === conference.provinceCode)! : pick(random, ctx.placeTable);
  const hasEmail = !conference && random() < 0.6;
  const tokens = tokenBytes();
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
    contentHash: analyzed.hash,
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
  return contextOf(
    {
      phases: plan.phases,
      bigs: plan.bigs,
      seed,
      end,
      targets,
      conferences,
      actorId,
      reasons: reasons.length ? reasons : ["Không liên quan đến nội dung dự thảo"],
      groupIds: plan.campaigns.map(() => randomUUID()),
    },
    plan,
  );
}

/** Milliseconds spent in each step of `fill` so far in this process (where the time of the app's bulk path goes). */
export const fillSteps = { make: 0, groups: 0, insert: 0, decide: 0, index: 0, commit: 0 };
/** Statements sent inside the fill's transactions so far in this process, and transactions run again after a deadlock. */
export const fillCounts = { transactions: 0, statements: 0, retries: 0 };

export interface FillOptions {
  /** Rows a transaction. */
  batch: number;
  /** This process's share of [from, to): the batches k (from the first) with k % parts === part. */
  part?: number;
  parts?: number;
  /**
   * Foreign keys not checked by a trigger per row (session_replication_role = replica in each transaction,
   * as bench:moderation and bench:reports load): the caller checks them once after the fill (checkForeignKeys).
   */
  replica?: boolean;
  /** Hears the rows of each committed batch. */
  onBatch?: (rows: number) => void;
}

/** The first row of each batch of this process's share: batches k of [from, to) with k % parts === part. */
export function shareOf(from: number, to: number, batch: number, part = 0, parts = 1): number[] {
  const starts: number[] = [];
  for (let start = from + part * batch; start < to; start += parts * batch) starts.push(start);
  return starts;
}

/** PostgreSQL's deadlock_detected: two fill processes adding the same new words to the vocabulary in another order. */
const isDeadlock = (error: unknown) => (error as { code?: unknown } | null)?.code === "40P01";

/**
 * Rows [from, to) (this process's share of them) through the app's paths, `batch` rows a transaction:
 * the campaigns' group rows (createGroupRow with their first member), insertComments, the decisions
 * (decideCommentRows), the search documents (indexAnnounced). The groups' counters are left to
 * recountCampaigns, once every member is in.
 */
export async function fill(sql: SqlDriver, ctx: Context, from: number, to: number, options: FillOptions): Promise<void> {
  const { batch, part = 0, parts = 1, replica = false, onBatch } = options;
  let t = performance.now();
  const step = (name: keyof typeof fillSteps) => {
    const now = performance.now();
    fillSteps[name] += now - t;
    t = now;
  };
  for (const start of shareOf(from, to, batch, part, parts)) {
    t = performance.now();
    const made: Made[] = [];
    for (let i = start; i < Math.min(to, start + batch); i++) made.push(makeRow(ctx, i));
    step("make");
    const last = made.at(-1)!.row.createdAt.getTime();
    for (let attempt = 1; ; attempt++) {
      try {
        await sql.transaction(async (driverTx) => {
          const tx: SqlTx = {
            provider: driverTx.provider,
            run: (text, params) => (fillCounts.statements++, driverTx.run(text, params)),
            all: (text, params) => (fillCounts.statements++, driverTx.all(text, params)),
          };
          if (replica) await driverTx.run(`SET LOCAL session_replication_role = replica`, []);
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
            ctx.vectors,
          );
          step("index");
        });
        break;
      } catch (error) {
        if (!isDeadlock(error) || attempt >= 5) throw error;
        fillCounts.retries++;
      }
    }
    fillCounts.transactions++;
    step("commit");
    onBatch?.(made.length);
  }
}

/**
 * The campaigns' counters, representative and public member from their members, once they are all in
 * (the app recounts a group shortly after members join: group-counts.server.ts): every group with a
 * member in [from, to), 100 a statement.
 */
export async function recountCampaigns(sql: SqlDriver, ctx: Context, from: number, to: number): Promise<number> {
  const touched = new Set<number>();
  for (let i = from; i < to; i++) if (ctx.plan.campaignOf[i]! >= 0) touched.add(ctx.plan.campaignOf[i]!);
  const groups = [...touched].map((c) => ctx.groupIds[c]!);
  for (let k = 0; k < groups.length; k += 100) await recountGroups(sql, groups.slice(k, k + 100), new Date(ctx.end));
  return groups.length;
}
