import { chromium } from "playwright-core";

// Debian's Chromium, never a downloaded browser; the networking flags keep it from calling out
// of the closed network (see ENVIRONMENT.md). Playwright gives each launch a fresh, empty profile.
// Here, below tests/ (which imports bench/), so that the browser tests and bench:page launch it alike.
export function launchChromium(extraArgs = []) {
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
