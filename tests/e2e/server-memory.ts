// The server's memory while it answers, read from /proc/<pid>/status (Linux): for the tests that send
// it hostile or large uploads and bound what they may cost.
import { readFileSync, writeFileSync } from "node:fs";

const kilobytes = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);

/** Peak resident memory (MB) of process `pid` while `send` runs, above its resident memory just before. */
export async function peakAbove(pid: number, send: () => Promise<void>): Promise<number> {
  // Let the collector settle so "before" is the idle memory, then reset the peak (VmHWM) to it.
  await new Promise((r) => setTimeout(r, 300));
  const before = kilobytes(pid, "VmRSS");
  writeFileSync(`/proc/${pid}/clear_refs`, "5");
  await send();
  return Math.round((kilobytes(pid, "VmHWM") - before) / 1024);
}
