import type { Browser } from "playwright-core";
import { launchChromium as launch } from "../../bench/chromium.js";

// Debian's Chromium with the closed network's flags: bench/chromium.js (bench:page launches it too).
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return launch(extraArgs);
}
