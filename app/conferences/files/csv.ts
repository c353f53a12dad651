// A CSV reader (RFC 4180: quoted fields, "" inside quotes, CRLF/LF/CR line ends) for the uploads:
// conference opinions and the organizations tree. The separator is guessed from the first line
// (",", ";" or tab: Excel writes ";" on machines whose list separator is ";"). Cells are text and
// stay text: nothing is evaluated.

export type CsvResult = { ok: true; rows: string[][]; truncated: boolean } | { ok: false; message: string };

/** The separator used most often outside quotes on the first line. */
export function guessSeparator(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/**
 * Rows of the text; an empty last line is dropped. At most `maxRows` rows are read: `truncated`
 * says there were more, so a huge file costs no more than the limit.
 */
export function parseCsv(text: string, { maxRows = Infinity, separator = guessSeparator(text) }: { maxRows?: number; separator?: string } = {}): CsvResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += char;
      i++;
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (char === separator) {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (char === "\r" || char === "\n") {
      endRow();
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
      if (rows.length > maxRows) return { ok: true, rows: rows.slice(0, maxRows), truncated: true };
      continue;
    }
    // A quote inside an unquoted field is kept as it is (lenient, as Excel is).
    field += char;
    fieldStarted = true;
    i++;
  }
  if (quoted) return { ok: false, message: `Tệp CSV có một ô mở dấu ngoặc kép (") mà không đóng, bắt đầu ở dòng ${rows.length + 1}.` };
  if (fieldStarted || field !== "" || row.length > 0) endRow();
  if (rows.length > maxRows) return { ok: true, rows: rows.slice(0, maxRows), truncated: true };
  return { ok: true, rows, truncated: false };
}
