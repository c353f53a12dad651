// Why an uploaded file was refused, with the message a person reads: Vietnamese, saying what to do.
// The readers of app/files throw it; the upload pages show its message on the same page (400).

export type RefusalReason =
  | "corrupt"
  | "size-mismatch"
  | "encrypted"
  | "compression"
  | "too-many-entries"
  | "too-large"
  | "cell-too-long"
  | "too-much-text"
  | "too-many-columns"
  | "row-too-long"
  | "too-slow"
  /** Not a file of the kind the page takes, or not one it can use (the draft importer's refusals). */
  | "format"
  /** More structure than the reader's memory budget allows. */
  | "too-complex";

export class FileRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "FileRefused";
  }
}

const megabytes = (bytes: number) => `${Math.floor(bytes / 1024 / 1024).toLocaleString("vi-VN")} MB`;
const count = (n: number) => n.toLocaleString("vi-VN");

export const REFUSALS = {
  corrupt: () =>
    new FileRefused("corrupt", "Không đọc được tệp: tệp bị hỏng, chưa tải lên hết hoặc không đúng định dạng. Vui lòng mở tệp, lưu lại rồi tải lên lại."),
  sizeMismatch: () =>
    new FileRefused(
      "size-mismatch",
      "Không đọc được tệp: kích thước ghi bên trong tệp không khớp với nội dung (tệp bị hỏng). Vui lòng mở tệp, lưu lại rồi tải lên lại.",
    ),
  encrypted: () => new FileRefused("encrypted", "Tệp được đặt mật khẩu nên không đọc được. Vui lòng mở tệp, bỏ mật khẩu, lưu lại rồi tải lên lại."),
  compression: () =>
    new FileRefused("compression", "Tệp được nén theo cách không được hỗ trợ. Vui lòng mở tệp trong Excel hoặc Word, lưu lại rồi tải lên lại."),
  tooManyEntries: (max: number) =>
    new FileRefused(
      "too-many-entries",
      `Tệp chứa quá nhiều thành phần bên trong (tối đa ${count(max)}). Vui lòng lưu lại tệp chỉ với nội dung cần nhập rồi tải lên lại.`,
    ),
  tooLarge: (maxBytes: number) =>
    new FileRefused("too-large", `Nội dung tệp khi giải nén quá lớn (tối đa ${megabytes(maxBytes)}). Vui lòng chia thành nhiều tệp nhỏ hơn rồi tải lên lại.`),
  cellTooLong: (maxChars: number, where?: string) =>
    new FileRefused(
      "cell-too-long",
      `${where ? `Ô ${where}` : "Một ô trong tệp"} dài hơn ${count(maxChars)} ký tự, quá giới hạn của một ô bảng tính. Vui lòng kiểm tra và rút ngắn ô này rồi tải lên lại.`,
    ),
  tooMuchText: (maxChars: number) =>
    new FileRefused(
      "too-much-text",
      `Tệp có quá nhiều chữ (tối đa ${count(maxChars)} ký tự hoặc ô chữ). Vui lòng chia thành nhiều tệp nhỏ hơn rồi tải lên lại.`,
    ),
  tooManyColumns: (max: number, line: number) =>
    new FileRefused(
      "too-many-columns",
      `Dòng ${count(line)} của tệp CSV có hơn ${count(max)} cột. Vui lòng kiểm tra dấu phân cách giữa các cột rồi lưu lại tệp.`,
    ),
  rowTooLong: (maxChars: number, line: number) =>
    new FileRefused(
      "row-too-long",
      `Dòng ${count(line)} của tệp CSV dài hơn ${count(maxChars)} ký tự. Vui lòng kiểm tra dấu ngoặc kép (") trong tệp, hoặc tách nội dung dài thành nhiều dòng.`,
    ),
  tooSlow: (seconds: number) =>
    new FileRefused("too-slow", `Tệp cần quá nhiều thời gian để đọc (hơn ${count(seconds)} giây). Vui lòng chia thành nhiều tệp nhỏ hơn rồi tải lên lại.`),
};

/** A time budget for reading one file: `check()` throws once it is spent. */
export interface TimeBudget {
  check(): void;
}

export function timeBudget(ms: number, clock: () => number = Date.now): TimeBudget {
  const deadline = clock() + ms;
  return {
    check() {
      if (clock() > deadline) throw REFUSALS.tooSlow(Math.round(ms / 1000));
    },
  };
}

/** Lets other requests run between chunks of a long read. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
