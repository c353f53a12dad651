import type { Db } from "./db.server.ts";
import { invalidatePages } from "./page-cache.server.ts";
import { singleton } from "./singleton.server.ts";

// What a process keeps about the public side (cached pages, the comment form's cached settings) must be
// forgotten when a consultation's state or settings change. The page cache is forgotten here; a module
// that keeps its own copy (comments' submission cache) registers a listener when it is loaded — if it was
// never loaded, it holds nothing to forget. The domains that change the state call publicStateChanged
// without knowing who listens (so consultations need not import comments).

type Listener = (db: Db) => void;

const listeners = () => singleton("public-state-listeners", () => new Set<Listener>());

export function onPublicStateChange(listener: Listener): void {
  listeners().add(listener);
}

export function publicStateChanged(db: Db): void {
  invalidatePages();
  for (const listener of listeners()) listener(db);
}
