import { Transform, type Readable } from "node:stream";
import yauzl from "yauzl";
import { FileRefused, REFUSALS } from "./refusal.ts";

// A ZIP archive (.xlsx, .docx) read under a memory budget. The central directory's declared sizes
// are checked against the caps before anything is inflated; then each entry's real size is counted
// while it inflates and the stream fails at min(declared size, cap), so a header that lies stops at
// once. Encrypted entries, compression methods other than stored/deflate and archives with too many
// entries are refused. Entries are read one at a time, as streams or as bytes, by name.

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Uncompressed bytes of any one entry: declared, then really inflated. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together, as declared. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 1_000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

export interface BoundedZip {
  /** Entry names in the order of the central directory (folders left out). */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The entry's bytes as a stream that fails (FileRefused) past min(declared size, maxBytes). */
  stream(name: string, options?: { maxBytes?: number }): Promise<Readable>;
  /** The entry's bytes, at most min(declared size, maxBytes). */
  read(name: string, options?: { maxBytes?: number }): Promise<Buffer>;
}

const STORED = 0;
const DEFLATED = 8;

/** Opens the archive and checks its directory; throws FileRefused. */
export async function openZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): Promise<BoundedZip> {
  const { maxEntries, maxEntryBytes, maxTotalBytes } = { ...ZIP_LIMITS, ...limits };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = new Map<string, yauzl.Entry>();
  let zip: yauzl.ZipFile;
  try {
    // Sizes are enforced by our own counter below, so that the cap, not the header, decides.
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: false });
  } catch {
    throw REFUSALS.corrupt();
  }
  if (zip.entryCount > maxEntries) throw REFUSALS.tooManyEntries(maxEntries);
  let total = 0;
  let seen = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (++seen > maxEntries) throw REFUSALS.tooManyEntries(maxEntries);
      if (entry.isEncrypted()) throw REFUSALS.encrypted();
      if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) throw REFUSALS.compression();
      if (entry.uncompressedSize > maxEntryBytes) throw REFUSALS.tooLarge(maxEntryBytes);
      total += entry.uncompressedSize;
      if (total > maxTotalBytes) throw REFUSALS.tooLarge(maxTotalBytes);
      if (entry.fileName.endsWith("/")) continue;
      // Two entries with one name: which one a reader takes is up to the reader; refuse instead.
      if (entries.has(entry.fileName)) throw REFUSALS.corrupt();
      entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error instanceof FileRefused ? error : REFUSALS.corrupt();
  }

  async function stream(name: string, { maxBytes = maxEntryBytes }: { maxBytes?: number } = {}): Promise<Readable> {
    const entry = entries.get(name);
    if (!entry) throw REFUSALS.corrupt();
    if (entry.uncompressedSize > maxBytes) throw REFUSALS.tooLarge(maxBytes);
    const declared = entry.uncompressedSize;
    let raw: Readable;
    try {
      raw = await zip.openReadStreamPromise(entry);
    } catch {
      throw REFUSALS.corrupt();
    }
    let counted = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        counted += chunk.length;
        // The declared size is at most maxBytes (checked above): past it, the header lied.
        if (counted > declared) callback(REFUSALS.sizeMismatch());
        else callback(null, chunk);
      },
      flush(callback) {
        callback(counted === declared ? null : REFUSALS.sizeMismatch());
      },
    });
    raw.on("error", () => counter.destroy(REFUSALS.corrupt()));
    // Whoever stops reading (an error, a reader that has seen enough) stops the inflating too.
    counter.on("close", () => {
      raw.unpipe(counter);
      raw.destroy();
    });
    return raw.pipe(counter);
  }

  return {
    names: [...entries.keys()],
    has: (name) => entries.has(name),
    stream,
    async read(name, options) {
      const chunks: Buffer[] = [];
      for await (const chunk of await stream(name, options)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
}
