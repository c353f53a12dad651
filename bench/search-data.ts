// Data for bench:search: 200,000 realistic comments built from the real drafts' own words (the
// clauses of the demo political report and of the 2013 Constitution, wrapped in what citizens write
// around them), some typed without diacritics, spread over both consultations, their sections, the
// 34 provinces and their communes; and a query mix drawn from the same text. Everything comes from a
// seeded generator: the same seed gives the same rows and the same queries.
import type { SearchDocument, SearchQuery, StanceValue, CommentStatusValue } from "@search/engine.ts";
import { CONSTITUTION, corpusBlocks, REPORT } from "../tests/support/search/corpus.ts";
import { searchDocument } from "../tests/support/search/documents.ts";
import { foldVietnamese } from "~/text/fold.ts";
import { listCommunes, listProvinces } from "~/localities/localities.server.ts";
import { pick, seeded, type Random } from "./random.ts";

/** Removes the diacritics but keeps the case: how people type on a keyboard without a Vietnamese input method. */
export function withoutDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

const OPENERS = [
  "Tôi đề nghị",
  "Đề nghị",
  "Theo tôi,",
  "Tôi hoàn toàn đồng ý với nội dung",
  "Tôi chưa đồng ý vì",
  "Cần làm rõ thêm",
  "Đề nghị bổ sung",
  "Ban soạn thảo nên xem xét lại",
  "Ý kiến của tôi là",
  "Nên cân nhắc",
  "Tôi thống nhất cao với việc",
  "Đề nghị viết lại ý",
  "Cử tri ở địa phương tôi mong muốn",
  "Qua theo dõi thực tế, tôi thấy",
  "Đề nghị làm rõ chỉ tiêu về",
  "Tôi băn khoăn về",
  "Đề nghị nêu cụ thể hơn",
  "Là đảng viên, tôi đề nghị",
  "Thay mặt chi hội, chúng tôi đề nghị",
  "Cần có giải pháp để",
];
const CONNECTORS = [", đồng thời ", "; bên cạnh đó ", ". Ngoài ra, ", ", nhất là ", ". Mặt khác, ", ", gắn với ", ". Đề nghị ", "; "];
const CLOSERS = [
  "",
  "",
  "",
  "Xin cảm ơn.",
  "Trân trọng.",
  "để phù hợp với thực tiễn địa phương.",
  "vì hiện nay thực hiện còn chậm.",
  "để người dân dễ hiểu, dễ thực hiện.",
  "cần có lộ trình và nguồn lực cụ thể.",
  "tránh hình thức, chung chung.",
];
const ORGANIZATIONS = [
  ["org-mttq", "Ủy ban MTTQ tỉnh"],
  ["org-doan-tn", "Đoàn Thanh niên"],
  ["org-phu-nu", "Hội Liên hiệp Phụ nữ"],
  ["org-ldld", "Liên đoàn Lao động"],
  ["org-nong-dan", "Hội Nông dân"],
  ["org-ccb", "Hội Cựu chiến binh"],
] as const;
const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Giang",
  "Hà",
  "Hải",
  "Hòa",
  "Hùng",
  "Lan",
  "Linh",
  "Minh",
  "Nam",
  "Ngọc",
  "Phương",
  "Quân",
  "Thảo",
  "Trang",
  "Tuấn",
  "Yến",
];
const STANCES: StanceValue[] = ["AGREE", "AGREE", "AGREE", "AGREE", "AGREE", "DISAGREE", "DISAGREE", "OTHER", "OTHER", "OTHER"];
const STATUSES: CommentStatusValue[] = [...Array<CommentStatusValue>(15).fill("APPROVED"), "PENDING", "PENDING", "PENDING", "REJECTED", "REJECTED"];
export const COMMENTS_FROM = Date.UTC(2025, 9, 15);
const DAY = 86_400_000;

/** Clauses of 3 to 20 words from the drafts' paragraphs (headings and all-capital lines left out). */
export function draftClauses(blocks: SearchDocument[]): string[] {
  const seen = new Set<string>();
  const clauses: string[] = [];
  for (const block of blocks) {
    const text = block.text.normalize("NFC");
    if (text.length < 40 || text === text.toUpperCase()) continue;
    for (const part of text.replace(/^\s*(\d+\.|[a-zđ]\)|-)\s*/u, "").split(/[,.;:!?“”"()]+/)) {
      const clause = part.trim().replace(/\s+/g, " ");
      const words = clause.split(" ").length;
      if (words < 3 || words > 20 || seen.has(clause)) continue;
      seen.add(clause);
      clauses.push(clause);
    }
  }
  return clauses;
}

export interface BenchData {
  blocks: SearchDocument[];
  clauses: string[];
  comments(count: number): Generator<SearchDocument[]>;
  provinceCodes: string[];
}

export function benchData(seed: number): BenchData {
  const blocks = corpusBlocks();
  const clauses = draftClauses(blocks);
  const provinces = listProvinces();
  const communes = new Map(provinces.map((p) => [p.code, listCommunes(p.code)]));
  const blocksOf = new Map([REPORT, CONSTITUTION].map((c) => [c.id, blocks.filter((b) => b.consultationId === c.id && b.text.length >= 40)]));
  const rnd = seeded(seed);

  function text(): string {
    const size = rnd();
    const parts = size < 0.35 ? 1 : size < 0.8 ? 2 + Math.floor(rnd() * 2) : 4 + Math.floor(rnd() * 5);
    let out = `${pick(rnd, OPENERS)} ${lowerFirst(pick(rnd, clauses))}`;
    for (let i = 1; i < parts; i++) out += `${pick(rnd, CONNECTORS)}${lowerFirst(pick(rnd, clauses))}`;
    const closer = pick(rnd, CLOSERS);
    out = closer === "" ? `${out}.` : closer.endsWith(".") && /^[A-ZĐ]/u.test(closer) ? `${out}. ${closer}` : `${out} ${closer}`;
    return rnd() < 0.12 ? withoutDiacritics(out) : out;
  }

  function comment(n: number): SearchDocument {
    const consultation = rnd() < 0.7 ? REPORT : CONSTITUTION;
    const block = rnd() < 0.85 ? pick(rnd, blocksOf.get(consultation.id)!) : null;
    // Bigger provinces write more: the first ones of a shuffled order get most comments.
    const province = provinces[Math.floor(provinces.length * rnd() ** 2)];
    const commune = rnd() < 0.6 ? pick(rnd, communes.get(province.code)!) : null;
    const organization = rnd() < 0.15 ? pick(rnd, ORGANIZATIONS) : null;
    return searchDocument({
      id: `c_bench${n}`,
      kind: "comment",
      text: text(),
      consultationId: consultation.id,
      consultationSlug: consultation.slug,
      consultationTitle: consultation.title,
      blockKey: block?.blockKey ?? null,
      blockLabel: block?.blockLabel ?? null,
      sectionKey: block?.sectionKey ?? null,
      sectionTitle: block?.sectionTitle ?? null,
      commentId: `bench${n}`,
      stance: pick(rnd, STANCES),
      status: pick(rnd, STATUSES),
      provinceCode: province.code,
      provinceName: province.name,
      communeCode: commune?.code ?? null,
      communeName: commune?.name ?? null,
      organizationId: organization?.[0] ?? null,
      organizationName: organization?.[1] ?? null,
      byline: `${pick(rnd, SURNAMES)} ${pick(rnd, GIVEN)[0]}. ${pick(rnd, GIVEN)}, ${province.name}`,
      createdAt: COMMENTS_FROM + Math.floor(rnd() * 21 * DAY),
    });
  }

  return {
    blocks,
    clauses,
    provinceCodes: provinces.map((p) => p.code),
    *comments(count: number) {
      const batch = 5_000;
      for (let start = 0; start < count; start += batch) {
        const docs: SearchDocument[] = [];
        for (let n = start; n < Math.min(count, start + batch); n++) docs.push(comment(n));
        yield docs;
      }
    },
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export type QueryKind = "folded" | "accented" | "phrase" | "typo" | "prefix";

export interface BenchQuery {
  kind: QueryKind;
  query: SearchQuery;
  /** The SQL reference: LIKE patterns ANDed on the lower-case column, or on the folded one. */
  like: { column: "lower_text" | "folded"; patterns: string[] };
}

const LENGTHS = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5];

/** A mix of 1-to-5-word queries from the drafts' words, each with one to three filters. */
export function benchQueries(data: BenchData, count: number, seed: number): BenchQuery[] {
  const rnd = seeded(seed);
  const queries: BenchQuery[] = [];
  const kinds: QueryKind[] = ["folded", "folded", "folded", "accented", "accented", "accented", "phrase", "phrase", "typo", "prefix"];
  let kind = pick(rnd, kinds);
  while (queries.length < count) {
    const words = pick(rnd, data.clauses)
      .toLowerCase()
      .split(" ")
      .filter((w) => /\p{L}/u.test(w));
    const length = Math.min(words.length, kind === "phrase" ? 2 + Math.floor(rnd() * 3) : pick(rnd, LENGTHS));
    const start = Math.floor(rnd() * (words.length - length + 1));
    let window = words
      .slice(start, start + length)
      .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
      .filter(Boolean);
    if (window.length === 0) continue;
    let folded = kind === "folded" || kind === "typo" || (kind !== "accented" && rnd() < 0.5);
    if (kind === "typo") {
      const at = window.findIndex((w) => foldVietnamese(w).length >= 6);
      if (at < 0) continue;
      window = window.map(foldVietnamese);
      window[at] = typo(window[at], rnd);
      folded = true;
    } else if (folded) {
      window = window.map(foldVietnamese);
    }
    if (kind === "prefix") {
      const last = window.length - 1;
      if (window[last].length < 3) continue;
      window[last] = window[last].slice(0, 2 + Math.floor(rnd() * (window[last].length - 2)));
    }
    const q = kind === "phrase" ? `"${window.join(" ")}"` : window.join(" ");
    const filters: SearchQuery["filters"] = { statuses: ["APPROVED"] };
    const which = rnd();
    if (which < 0.6) filters.consultationId = rnd() < 0.7 ? REPORT.id : CONSTITUTION.id;
    if (which >= 0.4 || rnd() < 0.3) filters.stance = pick(rnd, ["AGREE", "DISAGREE", "OTHER"] as const);
    if (which >= 0.75 || rnd() < 0.25) filters.provinceCode = data.provinceCodes[Math.floor(data.provinceCodes.length * rnd() ** 2)];
    const column = folded ? "folded" : "lower_text";
    const patterns = kind === "phrase" ? [`%${window.join(" ")}%`] : window.map((w) => `%${w}%`);
    queries.push({ kind, query: { q, filters, page: 1, perPage: 20, facets: ["stance", "provinceCode"] }, like: { column, patterns } });
    // A kind that needs a long word or a long last word is tried again until it finds one.
    kind = pick(rnd, kinds);
  }
  return queries;
}

/** One typo that keeps the word's length or adds to it: two neighbouring letters swapped, one replaced, one doubled. */
function typo(word: string, rnd: Random): string {
  const at = 1 + Math.floor(rnd() * (word.length - 2));
  const how = rnd();
  if (how < 0.5) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (how < 0.75) return word.slice(0, at) + (word[at] === "a" ? "e" : "a") + word.slice(at + 1);
  return word.slice(0, at) + word[at] + word.slice(at);
}
