import { chromium, type Browser } from "playwright-core";

// Debian's Chromium, never a downloaded browser; the networking flags keep it from calling out
// of the closed network (see ENVIRONMENT.md). Playwright gives each launch a fresh, empty profile.
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
