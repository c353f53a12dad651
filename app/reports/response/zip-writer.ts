import { once } from "node:events";
import type { Writable } from "node:stream";
import { constants, crc32, createDeflateRaw } from "node:zlib";

// A streaming ZIP writer (deflate, data descriptors, no ZIP64: entries and archive under 4 GiB), enough
// for an Office file whose main part is written a chunk at a time: nothing but the current chunk is held
// in memory, and a full output buffer is waited for (backpressure).

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (1980 - 1980) * 512 + 1 * 32 + 1; // 1980-01-01: the files carry no meaningful time

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;

  constructor(private readonly out: Writable) {}

  private async write(chunk: Buffer) {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, "drain");
  }

  /** Adds one file whose content comes from `chunks` (strings are UTF-8). */
  async add(name: string, chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>, level = 6): Promise<void> {
    const entry: Entry = { name: Buffer.from(name, "utf8"), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(entry.name.length, 26);
    await this.write(Buffer.concat([header, entry.name]));
    const deflate = createDeflateRaw({ level, flush: constants.Z_NO_FLUSH });
    const pending: Buffer[] = [];
    deflate.on("data", (data: Buffer) => pending.push(data));
    const flushPending = async () => {
      while (pending.length) {
        const data = pending.shift()!;
        entry.compressed += data.length;
        await this.write(data);
      }
    };
    for await (const chunk of chunks) {
      const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      if (data.length === 0) continue;
      entry.crc = crc32(data, entry.crc);
      entry.size += data.length;
      if (!deflate.write(data)) await once(deflate, "drain");
      await flushPending();
    }
    const ended = once(deflate, "end");
    deflate.end();
    await ended;
    await flushPending();
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory and ends the output. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by
      header.writeUInt16LE(20, 6); // needed
      header.writeUInt16LE(0x0808, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(entry.crc >>> 0, 16);
      header.writeUInt32LE(entry.compressed, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      await this.write(Buffer.concat([header, entry.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, "finish");
  }
}
