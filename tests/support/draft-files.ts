import mammoth from "mammoth";

// Reading a downloaded draft file back as text (ADR 049 tests): the .docx through mammoth (the importer's
// own reader), the PDF through pdf.js, as a reader's PDF viewer extracts it.

/** Every precomposed Vietnamese letter, lower and upper case (vowels with each of the five tones, and đ). */
export const VIETNAMESE_LETTERS = (() => {
  const tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"];
  const letters = [..."aăâeêioôơuưy"].flatMap((vowel) => tones.map((tone) => `${vowel}${tone}`.normalize("NFC")));
  letters.push("đ");
  return [...letters, ...letters.map((l) => l.toLocaleUpperCase("vi"))];
})();

export async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value.normalize("NFC");
}

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; pageTexts: string[] }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const pdf = await task.promise;
  const pageTexts: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const parts: string[] = [];
    const content = await (await pdf.getPage(i)).getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str, item.hasEOL ? "\n" : "");
    pageTexts.push(parts.join("").normalize("NFC"));
  }
  const pages = pdf.numPages;
  await task.destroy();
  return { text: pageTexts.join(""), pages, pageTexts };
}

/** Text with every run of white space removed: lines wrap differently in a file than in the draft. */
export const squeeze = (text: string) => text.replace(/\s+/g, "");
