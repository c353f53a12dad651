// fontkit (the font parser pdfkit uses, a dependency of its own here so the PDF writer parses each face
// once per process) ships no types: only what pdf.server.ts calls.
declare module "fontkit" {
  /** A parsed font; pdfkit takes it wherever it takes a font's bytes. */
  export function create(buffer: Uint8Array): object;
}
