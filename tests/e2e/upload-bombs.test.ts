import net from "node:net";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { cellBomb, sharedStringsBomb } from "../support/hostile-files.ts";
import { peakAbove as peakOf } from "./server-memory.ts";
import { baseUrl, signInOverHttp, staffFixtures } from "./staff-support.ts";

// The upload bombs against the real server: each is answered 400 with its Vietnamese message
// on the page, and the server's peak memory while it answers stays within a stated bound above its
// idle memory. A large body from anyone without a live staff session is refused (413) unread.

/** What an attack may add to the server's resident memory (the old reader reached 3.2 GB). */
const BOUND_MB = 300;
const pid = inject("serverPid");
const SLUG = "du-thao-bao-cao-chinh-tri-hoa-son";

const fx = staffFixtures();
let cookie: string;
let csrf: string;
let conferenceId: string;

const peakAbove = (send: () => Promise<void>) => peakOf(pid, send);

function upload(path: string, intent: string, file: Buffer, name: string, type: string) {
  const form = new FormData();
  form.set("csrf", csrf);
  form.set("intent", intent);
  form.set("validOnly", "on");
  form.set("file", new Blob([new Uint8Array(file)], { type }), name);
  return fetch(`${baseUrl}${path}`, { method: "POST", body: form, headers: { cookie }, redirect: "manual" });
}

beforeAll(async () => {
  const admin = await fx.createStaff("ADMIN", "Trần Văn Quản");
  ({ cookie, csrf } = await signInOverHttp(fx.db, admin.email));
  const [organization, consultation] = await Promise.all([
    fx.db.organization.findUniqueOrThrow({ where: { code: "HS-THANHLOC" } }),
    fx.db.consultation.findUniqueOrThrow({ where: { slug: SLUG } }),
  ]);
  const conference = await fx.db.conference.create({
    data: {
      consultationId: consultation.id,
      organizationId: organization.id,
      channel: "CONFERENCE",
      title: "Hội nghị thử tệp độc hại",
      heldOn: new Date(),
      createdById: admin.id,
    },
  });
  conferenceId = conference.id;
});

afterAll(async () => {
  await fx.db.conference.deleteMany({ where: { id: conferenceId } });
  await fx.cleanUp();
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const attacks: [string, () => Buffer, string][] = [
  ["one cell expanding to 300 MB", () => cellBomb(300), "khi giải nén quá lớn"],
  ["the same with a header declaring 2 KB", () => cellBomb(300, { declaredSize: 2_000 }), "Không đọc được tệp Excel"],
  ["a cell of 40 MB inside an entry of honest size", () => cellBomb(40), "dài hơn 32.767 ký tự"],
  ["a 1 GB shared-strings table", () => sharedStringsBomb(1024), "khi giải nén quá lớn"],
  ["the same with a header declaring 5 KB", () => sharedStringsBomb(1024, { declaredSize: 5_000 }), "Không đọc được tệp Excel"],
  ["50 MB of short shared strings", () => sharedStringsBomb(50), "Tệp có quá nhiều chữ"],
];

it.each(attacks)("answers 400 to %s, within the memory bound", async (_name, build, message) => {
  const file = build();
  let response: Response | undefined;
  let page = "";
  const peak = await peakAbove(async () => {
    response = await upload(`/quan-tri/hoi-nghi/${conferenceId}`, "tai-len", file, "y-kien.xlsx", XLSX);
    page = await response.text();
  });
  console.log(`${_name} (${Math.round(file.length / 1024)} KB): peak +${peak} MB`);
  expect(response!.status).toBe(400);
  expect(page).toContain(message);
  // Still the conference's page, with the person's choice kept.
  expect(page).toContain("Hội nghị thử tệp độc hại");
  expect(page).toMatch(/name="validOnly"[^>]*checked/);
  expect(peak).toBeLessThan(BOUND_MB);
});

it("answers 400 to CSV bombs on the conference page and the organizations import, within the memory bound", async () => {
  const field = Buffer.from(`Vị trí trong dự thảo,Quan điểm,Nội dung ý kiến\nToàn văn,Tán thành,"${"Ý kiến rất dài. ".repeat(300_000)}`);
  const rows = Buffer.from("ma,ten,cap\n" + "a\n".repeat(4_000_000));
  let answers: [number, string][] = [];
  const peak = await peakAbove(async () => {
    const a = await upload(`/quan-tri/hoi-nghi/${conferenceId}`, "tai-len", field, "y-kien.csv", "text/csv");
    const b = await upload("/quan-tri/to-chuc?index", "nhap-csv", field, "to-chuc.csv", "text/csv");
    const c = await upload("/quan-tri/to-chuc?index", "nhap-csv", rows, "to-chuc.csv", "text/csv");
    answers = [
      [a.status, await a.text()],
      [b.status, await b.text()],
      [c.status, await c.text()],
    ];
  });
  console.log(`CSV bombs (${Math.round(field.length / 1024)} KB field, ${Math.round(rows.length / 1024)} KB of rows): peak +${peak} MB`);
  expect(answers.map(([s]) => s)).toEqual([400, 400, 400]);
  expect(answers[0]![1]).toContain("Dòng 2 của tệp CSV dài hơn 200.000 ký tự");
  expect(answers[1]![1]).toContain("Dòng 2 của tệp CSV dài hơn 200.000 ký tự");
  expect(answers[2]![1]).toContain("Tệp có hơn 50.000 dòng");
  expect(peak).toBeLessThan(BOUND_MB);
});

/**
 * Sends only the headers of a 5 MB POST and waits for the answer: a server that answers has decided
 * without reading a byte of the body. Returns the raw response ("" if none came within 10 s).
 */
function headersOnly(path: string, headers: Record<string, string> = {}): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 10_000);
    socket.on("data", (chunk) => (answer += chunk.toString("utf8")));
    socket.on("end", done);
    socket.on("error", done);
    const lines = [
      `POST ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      "Content-Type: application/x-www-form-urlencoded",
      `Content-Length: ${5 * 1024 * 1024}`,
    ];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  });
}

it("refuses a 5 MB body to the staff upload pages with 413 before reading it, unless the session is live", async () => {
  const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
  const forged: Record<string, string>[] = [
    {},
    { Cookie: "gopy_phien=gia-mao.chu-ky" },
    { Cookie: `${name}=${value.slice(0, -4)}abcd` },
    { Cookie: `${name}=${value.split(".")[0]}` },
  ];
  for (const headers of forged) {
    const answer = await headersOnly(`/quan-tri/hoi-nghi/${conferenceId}`, headers);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain("Để tải tệp lên, vui lòng đăng nhập tài khoản cán bộ rồi thử lại.");
  }
  expect(await headersOnly("/quan-tri/to-chuc?index")).toMatch(/^HTTP\/1\.1 413 /);
  // A live session keeps the upload limit: the body is read, and the page answers it (here: no CSRF token, 403).
  const staff = await fetch(`${baseUrl}/quan-tri/hoi-nghi/${conferenceId}`, {
    method: "POST",
    body: Buffer.alloc(5 * 1024 * 1024, "a"),
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    redirect: "manual",
  });
  expect(staff.status).toBe(403);
  await staff.text();
});
