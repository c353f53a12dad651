import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import { recordAnswer } from "~/answers/answers.server.ts";
import { resolveDatabaseTarget } from "~/platform/database-url.ts";
import { createSqlDriver } from "~/platform/sql.server.ts";
import type { Permission, StaffRole } from "~/staff/permissions.ts";
import { permissionsOf } from "~/staff/permissions.server.ts";
import { seedOpinions } from "../../bench/answers-data.ts";
import { newParagraph, publishRevision, withText } from "../support/versions.ts";
import { getWorkingCopy, replaceWorkingCopy, startWorkingCopy } from "~/consultations/working-copy.server.ts";
import { launchChromium } from "./browser.ts";
import { submitThroughForm } from "./citizen-support.ts";
import { draftFixtures } from "./drafts-support.ts";
import { expectRowsFor, routeFiles } from "./route-files.ts";
import { baseUrl, signInOverHttp, staffFixtures, type TestStaff } from "./staff-support.ts";

// axe-core (WCAG 2.1 A and AA) on every page of the app, in Chromium at 1280 px and on a 360 px phone,
// with real data on them: the demo draft with approved, pending and grouped opinions, an answer, a
// receipt, a conference, an export, a draft with two published versions and a revision under review.
// Public pages as a visitor; staff pages as every role allowed to see them. The rows are checked against
// app/routes/: a new page without a row (or a route that is not a page without its reason) fails here.
// Placeholders: {slug} the demo draft, {versioned} the draft with two versions, {consultation} the demo
// draft's id, {revision} the versioned draft's id, {conference}, {org}, {target} another account,
// {job} an export of the signed-in role, {receipt} a receipt's token, {answer} an answer's id.

type Who = "visitor" | "signed-in" | Permission;
/**
 * `mounted`: what the page's scripts put on it (the drafting editor replaces the server's read-only copy).
 * Such a page is checked in both states, each reached for sure: as the server sent it (its scripts not
 * loaded: what a reader has until they run) and once `mounted` is on it. Checking whatever the page was
 * at the load event made the result depend on how fast the scripts ran.
 */
type PageRow = { file: string; path: string; who: Who; mounted?: string };

const PAGES: PageRow[] = [
  { file: "_index", path: "/", who: "visitor" },
  { file: "du-thao.$slug", path: "/du-thao/{slug}", who: "visitor" },
  { file: "du-thao.$slug", path: "/du-thao/{versioned}", who: "visitor" },
  { file: "du-thao.$slug_.gop-y", path: "/du-thao/{slug}/gop-y", who: "visitor" },
  { file: "du-thao.$slug_.y-kien", path: "/du-thao/{slug}/y-kien", who: "visitor" },
  { file: "du-thao.$slug_.ban.$number", path: "/du-thao/{versioned}/ban/1", who: "visitor" },
  { file: "du-thao.$slug_.thay-doi", path: "/du-thao/{versioned}/thay-doi", who: "visitor" },
  { file: "du-thao.$slug_.tiep-thu-giai-trinh", path: "/du-thao/{slug}/tiep-thu-giai-trinh", who: "visitor" },
  { file: "du-thao.$slug_.tiep-thu-giai-trinh", path: "/du-thao/{slug}/tiep-thu-giai-trinh?tra-loi={answer}", who: "visitor" },
  { file: "y-kien.$token", path: "/y-kien/{receipt}", who: "visitor" },
  { file: "y-kien.khoi-phuc", path: "/y-kien/khoi-phuc", who: "visitor" },
  { file: "du-thao.$slug_.dong-tinh", path: "/du-thao/{slug}/dong-tinh?y-kien={opinion}", who: "visitor" },
  { file: "tim-kiem", path: "/tim-kiem", who: "visitor" },
  { file: "tim-kiem", path: "/tim-kiem?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91", who: "visitor" },
  { file: "tim-kiem", path: "/tim-kiem?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91", who: "moderation.view" },
  { file: "quyen-rieng-tu", path: "/quyen-rieng-tu", who: "visitor" },
  { file: "dang-nhap", path: "/dang-nhap", who: "visitor" },
  { file: "dang-xuat", path: "/dang-xuat", who: "signed-in" },
  { file: "quan-tri._index", path: "/quan-tri", who: "dashboard.view" },
  { file: "quan-tri.kiem-duyet", path: "/quan-tri/kiem-duyet", who: "moderation.view" },
  { file: "quan-tri.kiem-duyet", path: "/quan-tri/kiem-duyet?view=groups", who: "moderation.view" },
  { file: "quan-tri.cai-dat", path: "/quan-tri/cai-dat", who: "settings.manage" },
  { file: "quan-tri.bao-cao._index", path: "/quan-tri/bao-cao", who: "reports.view" },
  { file: "quan-tri.bao-cao.$consultationId", path: "/quan-tri/bao-cao/{consultation}", who: "reports.view" },
  { file: "quan-tri.bao-cao.$consultationId_.chu-de", path: "/quan-tri/bao-cao/{consultation}/chu-de?whole=1", who: "reports.view" },
  { file: "quan-tri.bao-cao.xuat.$jobId", path: "/quan-tri/bao-cao/xuat/{job}", who: "reports.view" },
  { file: "quan-tri.tiep-thu._index", path: "/quan-tri/tiep-thu", who: "answers.view" },
  { file: "quan-tri.tiep-thu.$consultationId", path: "/quan-tri/tiep-thu/{consultation}", who: "answers.view" },
  { file: "quan-tri.hoi-nghi._index", path: "/quan-tri/hoi-nghi", who: "conferences.manage" },
  { file: "quan-tri.hoi-nghi.moi", path: "/quan-tri/hoi-nghi/moi", who: "conferences.manage" },
  { file: "quan-tri.hoi-nghi.$id", path: "/quan-tri/hoi-nghi/{conference}", who: "conferences.manage" },
  { file: "quan-tri.to-chuc._index", path: "/quan-tri/to-chuc", who: "organizations.manage" },
  { file: "quan-tri.to-chuc.moi", path: "/quan-tri/to-chuc/moi", who: "organizations.manage" },
  { file: "quan-tri.to-chuc.$id", path: "/quan-tri/to-chuc/{org}", who: "organizations.manage" },
  { file: "quan-tri.tai-khoan._index", path: "/quan-tri/tai-khoan", who: "users.manage" },
  { file: "quan-tri.tai-khoan.moi", path: "/quan-tri/tai-khoan/moi", who: "users.manage" },
  { file: "quan-tri.tai-khoan.$id", path: "/quan-tri/tai-khoan/{target}", who: "users.manage" },
  { file: "quan-tri.nhat-ky", path: "/quan-tri/nhat-ky", who: "audit.view" },
  { file: "quan-tri.du-lieu-ca-nhan", path: "/quan-tri/du-lieu-ca-nhan", who: "personal-data.manage" },
  { file: "quan-tri.du-lieu-ca-nhan", path: "/quan-tri/du-lieu-ca-nhan?lien-he=nguoi-gop-y%40e2e.example.vn", who: "personal-data.manage" },
  { file: "quan-tri.du-thao._index", path: "/quan-tri/du-thao", who: "consultations.manage" },
  { file: "quan-tri.du-thao.moi", path: "/quan-tri/du-thao/moi", who: "consultations.manage" },
  { file: "quan-tri.du-thao.$id", path: "/quan-tri/du-thao/{revision}", who: "consultations.manage" },
  { file: "quan-tri.du-thao.$id_.nhap", path: "/quan-tri/du-thao/{revision}/nhap", who: "consultations.manage" },
  // The draft's headings are in the page's outline before and after the editor mounts (ADR 057).
  { file: "quan-tri.du-thao.$id_.soan-thao", path: "/quan-tri/du-thao/{revision}/soan-thao", who: "consultations.manage", mounted: ".draft-editor-content" },
  { file: "quan-tri.du-thao.$id_.doi-chieu", path: "/quan-tri/du-thao/{revision}/doi-chieu", who: "consultations.manage" },
];

/** Route files that are not pages people read, and why (a file, JSON, a redirect, a post's answer). */
const NOT_PAGES: Record<string, string> = {
  "dia-phuong.$province": "JSON of a province's communes for the form",
  healthz: "health check for load balancers",
  "favicon[.]ico": "redirect to /favicon.svg",
  "du-thao.$slug_.tiep-thu-giai-trinh[.docx]": "Word download",
  "du-thao.$slug_.tiep-thu-giai-trinh[.xlsx]": "Excel download",
  "quan-tri.bao-cao.xuat.$jobId_.tai-ve": "the export file",
  "quan-tri.du-lieu-ca-nhan_.xuat": "a request's export file (POST)",
  "quan-tri.du-thao.$id_.soan-thao_.luu": "the editor's autosave (POST)",
  "quan-tri.hoi-nghi.$id_.mau[.xlsx]": "Excel template",
  "quan-tri.nhat-ky[.csv]": "CSV download",
  "quan-tri.to-chuc.mau[.csv]": "CSV example",
  "du-thao.$slug_.dong-tinh[.json]": "the support button's captcha and post (JSON)",
  "du-thao.$slug_.tai-ve[.docx]": "Word download of the draft",
  "du-thao.$slug_.tai-ve[.pdf]": "PDF download of the draft",
  "du-thao.$slug_.ban.$number_.tai-ve[.docx]": "Word download of an earlier version",
  "du-thao.$slug_.ban.$number_.tai-ve[.pdf]": "PDF download of an earlier version",
};

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Best-practice rules run besides the WCAG tags: headings that skip a level (issue 17 counts them). */
const EXTRA_RULES = { "heading-order": { enabled: true } };
const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";
const ROLES: StaffRole[] = ["ADMIN", "EDITOR", "MODERATOR", "ORG_REP"];
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} as const;

const fx = staffFixtures();
const drafts = draftFixtures(fx.db);
const files = mkdtempSync(path.join(tmpdir(), "gopy-axe-"));
const places: Record<string, string> = {};
const created = { comments: [] as string[], groups: [] as string[], answers: [] as string[], jobs: [] as string[], conference: "" };
const staff = new Map<StaffRole, { user: TestStaff; cookie: string; permissions: ReadonlySet<Permission>; job: string }>();
let browser: Browser;

/** A draft with two published versions and a working copy that revises the second (the review page's subject). */
async function versionedDraft() {
  const draft = await drafts.createDraft();
  await publishRevision(fx.db, draft.id, (nodes) =>
    nodes.map((n) => (n.content?.[0]?.text?.startsWith("Luật này quy định") ? withText(n, "Luật này quy định việc lấy ý kiến rộng rãi của nhân dân.") : n)),
  );
  await startWorkingCopy(fx.db, { consultationId: draft.id, from: "published", actorId: null });
  const copy = (await getWorkingCopy(fx.db, draft.id))!;
  const blocks = copy.content.content ?? [];
  const saved = await replaceWorkingCopy(fx.db, {
    consultationId: draft.id,
    title: copy.title,
    content: {
      ...copy.content,
      content: [...blocks.filter((n) => !n.content?.[0]?.text?.startsWith("2. Công dân")), newParagraph("3. Người Việt Nam ở nước ngoài.")],
    },
    source: "editor",
    actorId: null,
    baseRevision: copy.revision,
  });
  if (saved.status !== "saved") throw new Error(saved.status);
  return draft;
}

beforeAll(async () => {
  const { db } = fx;
  const consultation = await db.consultation.findUniqueOrThrow({ where: { slug: SLUG } });
  const district = await db.organization.findUniqueOrThrow({ where: { code: "HS-THANHLOC" } });
  const versioned = await versionedDraft();

  // A receipt (pending, sent through the real form), a pending near-duplicate group, and an answer.
  const receipt = await submitThroughForm(SLUG, { text: "Đề nghị làm rõ lộ trình phủ sóng di động ở các thôn vùng cao.", email: "nguoi-gop-y@e2e.example.vn" });
  const mine = await db.comment.findFirstOrThrow({ where: { receiptToken: receipt }, select: { id: true } });
  created.comments.push(mine.id);
  const group = await seedOpinions(db, {
    consultationId: consultation.id,
    versionId: consultation.publishedVersionId!,
    count: 3,
    group: true,
    status: "PENDING",
    text: "Đề nghị bổ sung chỉ tiêu nước sạch nông thôn cho các xã miền núi.",
  });
  created.comments.push(...group.ids);
  created.groups.push(group.groupId!);
  const approved = await seedOpinions(db, { consultationId: consultation.id, versionId: consultation.publishedVersionId!, count: 1 });
  created.comments.push(...approved.ids);

  const target = await fx.createStaff("MODERATOR", "Người Được Sửa");
  const conference = await db.conference.create({
    data: {
      consultationId: consultation.id,
      organizationId: district.id,
      channel: "CONFERENCE",
      title: "Hội nghị kiểm tra trợ năng",
      heldOn: new Date("2026-11-20"),
    },
  });
  created.conference = conference.id;

  for (const role of ROLES) {
    const user = await fx.createStaff(role, `Cán Bộ ${role}`, role === "ORG_REP" ? district.id : null);
    const filePath = path.join(files, `${role}.csv`);
    writeFileSync(filePath, "Ý kiến\n");
    const job = await db.exportJob.create({
      data: {
        format: "csv",
        consultationId: consultation.id,
        filters: "{}",
        status: "DONE",
        filePath,
        fileName: "bao-cao.csv",
        requestedById: user.id,
        finishedAt: new Date(),
      },
    });
    created.jobs.push(job.id);
    const { cookie } = await signInOverHttp(db, user.email);
    staff.set(role, { user, cookie, permissions: await permissionsOf(db, role), job: job.id });
  }

  const admin = staff.get("ADMIN")!;
  const answer = await recordAnswer(
    db,
    createSqlDriver(resolveDatabaseTarget(inject("databaseUrl"))),
    { id: admin.user.id, permissions: admin.permissions },
    {
      consultationId: consultation.id,
      disposition: "ADOPTED",
      explanation: "Ban soạn thảo tiếp thu, đã bổ sung vào dự thảo.",
      target: { scope: "COMMENT", commentId: approved.ids[0] },
    },
    { mail: null },
  );
  if (!answer.ok) throw new Error(answer.message);
  created.answers.push(answer.answerId);

  Object.assign(places, {
    slug: SLUG,
    opinion: approved.ids[0],
    versioned: versioned.slug,
    consultation: consultation.id,
    revision: versioned.id,
    conference: conference.id,
    org: district.id,
    target: target.id,
    receipt,
    answer: answer.answerId,
  });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const { db } = fx;
  await db.exportJob.deleteMany({ where: { id: { in: created.jobs } } });
  if (created.conference) await db.conference.delete({ where: { id: created.conference } });
  await db.notification.deleteMany({ where: { commentId: { in: created.comments } } });
  await db.searchOutbox.deleteMany({ where: { entityId: { in: [...created.comments, ...created.answers] } } });
  await db.comment.deleteMany({ where: { id: { in: created.comments } } });
  await db.duplicateGroup.deleteMany({ where: { id: { in: created.groups } } });
  await db.answer.deleteMany({ where: { id: { in: created.answers } } });
  await drafts.cleanUp();
  rmSync(files, { recursive: true, force: true });
  await fx.cleanUp();
});

it("has a row for every page and a reason for every route that is not one", () => {
  const routes = routeFiles();
  const pages = routes.filter((route) => route.page && !route.layout);
  expectRowsFor(pages, PAGES, "pages");
  for (const route of routes.filter((r) => !r.page)) expect(NOT_PAGES[route.file], `${route.file} is not a page: say why in NOT_PAGES`).toBeTruthy();
  for (const file of Object.keys(NOT_PAGES)) {
    const route = routes.find((r) => r.file === file);
    expect(route, `NOT_PAGES names no route file: ${file}`).toBeTruthy();
    expect(route!.page, `${file} is a page: give it a row`).toBe(false);
  }
  // A layout is checked through the pages nested in it.
  for (const layout of routes.filter((r) => r.layout && r.page))
    expect(
      PAGES.some((row) => row.file.startsWith(`${layout.file}.`)),
      layout.file,
    ).toBe(true);
});

const fill = (row: PageRow, role: StaffRole | null) =>
  row.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "job" ? staff.get(role!)!.job : (places[name] ?? `{${name}}`)));

/** The roles that see the page (none: a visitor). */
function viewers(row: PageRow): (StaffRole | null)[] {
  if (row.who === "visitor") return [null];
  if (row.who === "signed-in") return ROLES;
  return ROLES.filter((role) => staff.get(role)!.permissions.has(row.who as Permission));
}

const contexts = new Map<string, BrowserContext>();
/** `scripts` false: the page's script files are not loaded (axe-core itself still runs: it is evaluated, not loaded). */
async function contextFor(role: StaffRole | null, viewport: keyof typeof VIEWPORTS, scripts = true) {
  const key = `${role ?? "visitor"}-${viewport}${scripts ? "" : "-no-scripts"}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext(VIEWPORTS[viewport]);
    if (!scripts) await context.route("**/*", (route) => (route.request().resourceType() === "script" ? route.abort() : route.continue()));
    if (role) {
      const cookie = staff.get(role)!.cookie;
      const at = cookie.indexOf("=");
      await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url: baseUrl }]);
    }
    contexts.set(key, context);
  }
  return context;
}

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];
const describeViolation = (v: Violation) =>
  `  ${v.id} (${v.impact ?? "?"}, ${v.nodes.length}×): ${v.help}\n${v.nodes
    .slice(0, 5)
    .map((n) => `      ${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(1).join(" ").trim() ?? ""}`)
    .join("\n")}`;

it.each(PAGES.map((row) => [`${row.path} (${row.who})`, row] as const))(
  "%s: no axe-core violation at 1280 px and 360 px",
  async (_, row) => {
    const problems: string[] = [];
    // The first role that sees the page (ROLES go from most permissions to fewest: the fullest menus) at
    // 1280 px and 360 px. Every role at every width took CI ten minutes; the menus are the same component
    // whatever the role, and access per role is the access matrix's test.
    const role = viewers(row)[0];
    const states = row.mounted ? [false, true] : [null];
    const visits = (["desktop", "phone"] as const).flatMap((viewport) => states.map((mounted) => ({ role, viewport, mounted })));
    for (const { role, viewport, mounted } of visits) {
      const page = await (await contextFor(role, viewport, mounted !== false)).newPage();
      try {
        const url = fill(row, role);
        const response = await page.goto(`${baseUrl}${url}`);
        expect(response?.status(), `${url} as ${role ?? "visitor"}`).toBe(200);
        if (mounted) await page.locator(row.mounted!).waitFor();
        const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ rules: EXTRA_RULES }).analyze();
        const state = mounted === null ? "" : mounted ? ", scripts run" : ", as the server sent it";
        if (violations.length) problems.push(`${url} as ${role ?? "visitor"} at ${viewport}${state}:\n${violations.map(describeViolation).join("\n")}`);
      } finally {
        await page.close();
      }
    }
    expect(problems.join("\n"), "axe-core violations").toBe("");
  },
  300_000,
);

it("the drafting editor's headings have the same outline levels in Chromium's accessibility tree before and after the editor mounts", async () => {
  const row = PAGES.find((r) => r.mounted)!;
  const role = viewers(row)[0];
  /**
   * The page's headings as Chromium's accessibility tree has them ("level name", what screen readers get;
   * Playwright's own aria snapshot takes an h1–h6's level from its tag instead), and the draft's tags.
   */
  const outline = async (scripts: boolean) => {
    const page = await (await contextFor(role, "desktop", scripts)).newPage();
    try {
      await page.goto(`${baseUrl}${fill(row, role)}`);
      const draft = page.locator(scripts ? row.mounted! : ".draft-read-only");
      await draft.waitFor();
      const cdp = await page.context().newCDPSession(page);
      const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
        nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: { name: string; value: { value: unknown } }[] }[];
      };
      await cdp.detach();
      const levels = nodes
        .filter((n) => !n.ignored && n.role?.value === "heading")
        .map((n) => `${n.properties?.find((p) => p.name === "level")?.value.value} ${n.name?.value}`);
      const tags = await draft.locator("h1, h2, h3, h4, h5, h6").evaluateAll((found) => found.map((h) => h.tagName.toLowerCase()));
      return { levels, tags };
    } finally {
      await page.close();
    }
  };
  const server = await outline(false);
  const mounted = await outline(true);
  // The page's h1, then the draft (SMALL_LAW, revised) one level at a time below it.
  expect(server.levels).toEqual([
    "1 Soạn thảo bản làm việc",
    "2 DỰ THẢO LUẬT KIỂM THỬ TRÌNH SOẠN THẢO",
    "3 Chương I. NHỮNG QUY ĐỊNH CHUNG",
    "4 Điều 1. Phạm vi điều chỉnh",
    "4 Điều 2. Đối tượng áp dụng",
  ]);
  expect(mounted.levels).toEqual(server.levels);
  // The tags stay the team's (Điều h4 under Chương h2): the level Chromium gives is aria-level's.
  expect(server.tags).toEqual(["h1", "h2", "h4", "h4"]);
  expect(mounted.tags).toEqual(server.tags);
}, 60_000);
