// A real SMTP server on loopback for the tests (smtp-server): it keeps what it receives, decoded, can refuse
// one recipient (REFUSED), answer slowly (delayMs) or not at all (holdNext(n): the next n messages).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { expect } from "vitest";

export const REFUSED = "khong-ton-tai@example.vn";
export const SMTP_USER = "gopy";
export const SMTP_PASSWORD = "mật khẩu:@/?";

export interface Received {
  envelopeTo: string[];
  user: string | undefined;
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string;
  text: string;
}

/** A real SMTP server on loopback that keeps what it receives (and can refuse a recipient). */
export async function startSmtpServer({ delayMs = 0 } = {}) {
  const received: Received[] = [];
  /** Messages whose DATA was read but never answered (holdNext), as if the server hung. */
  const held: Received[] = [];
  let toHold = 0;
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error("Sai tên đăng nhập hoặc mật khẩu"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address !== REFUSED) return callback();
      callback(Object.assign(new Error("Hộp thư không tồn tại"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const message = parseMessage(Buffer.concat(chunks).toString("latin1"));
        const entry = { ...message, envelopeTo: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined };
        if (toHold > 0) {
          toHold--;
          return void held.push(entry);
        }
        received.push(entry);
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const holdNext = (count: number) => void (toHold = count);
  return { received, held, holdNext, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// Just enough MIME for a single-part message: unfolded headers, RFC 2047 words, QP or base64 body.
function parseMessage(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  expect(headers.get("content-type")).toMatch(/^text\/plain; charset=utf-8/i);
  const bytes =
    encoding === "base64"
      ? Buffer.from(body, "base64")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body.replace(/=\r\n/g, ""))
        : Buffer.from(body, "latin1");
  return {
    headers,
    subject: decodeWords(headers.get("subject") ?? ""),
    from: decodeWords(headers.get("from") ?? ""),
    to: decodeWords(headers.get("to") ?? ""),
    text: bytes.toString("utf8").replace(/\r\n/g, "\n").replace(/\n$/, ""),
  };
}

function decodeQuotedPrintable(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "=" && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(value.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

// Encoded words next to each other are one run of bytes (a character may straddle two words).
function decodeWords(value: string): string {
  const word = /=\?utf-8\?([bq])\?([^?]*)\?=/gi;
  let out = "";
  let pending: Buffer[] = [];
  let last = 0;
  for (const match of value.matchAll(word)) {
    const between = value.slice(last, match.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      out += Buffer.concat(pending).toString("utf8") + between;
      pending = [];
    }
    const [, kind, data] = match;
    pending.push(kind.toLowerCase() === "b" ? Buffer.from(data, "base64") : decodeQuotedPrintable(data.replace(/_/g, " ")));
    last = match.index! + match[0].length;
  }
  return out + Buffer.concat(pending).toString("utf8") + value.slice(last);
}
