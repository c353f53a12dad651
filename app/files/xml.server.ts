import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import sax from "sax";
import { FileRefused, REFUSALS, yieldToOthers, type TimeBudget } from "./refusal.ts";

// XML read as a stream with sax (strict mode): elements and text reach the handler as they are
// parsed, so nothing holds a whole document. sax hands a long text over in pieces (about 64 KB:
// sax.MAX_BUFFER_LENGTH), so the handler can stop a huge cell before it is held; a huge tag name or
// attribute is an error. A DOCTYPE is refused: Office files have none, and it is where entity
// expansion attacks live. Names lose their namespace prefix ("x:row" is "row").

export interface XmlHandler {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
  /** True once the handler has read enough: the rest of the stream is not parsed. */
  done?(): boolean;
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

export async function walkXml(source: Readable, handler: XmlHandler, budget: TimeBudget): Promise<void> {
  // Position tracking stays on: sax checks its buffers (and hands long text over) by position.
  const parser = sax.parser(true, { trim: false, normalize: false });
  parser.onerror = () => {
    throw REFUSALS.corrupt();
  };
  parser.ondoctype = () => {
    throw REFUSALS.corrupt();
  };
  parser.onopentag = (tag) => handler.open?.(localName(tag.name), tag.attributes as Record<string, string>);
  parser.onclosetag = (name) => handler.close?.(localName(name));
  parser.ontext = (text) => handler.text?.(text);
  parser.oncdata = (text) => handler.text?.(text);
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of source) {
      budget.check();
      parser.write(decoder.write(chunk as Buffer));
      if (handler.done?.()) return;
      await yieldToOthers();
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    throw error instanceof FileRefused ? error : REFUSALS.corrupt();
  } finally {
    source.destroy();
  }
}

/** An attribute whatever its namespace prefix ("r:id", "relationships:id"). */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const key of Object.keys(attributes)) if (localName(key) === name) return attributes[key];
  return undefined;
}
