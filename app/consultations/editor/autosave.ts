// The editor's autosave, without the editor: it is told when the document changes and when to save
// at once (blur, leaving the page, before publishing), waits for typing to stop, sends one save at a
// time, and stops for good on a conflict (someone else saved: never overwrite them). What the person
// typed stays "unsaved" until a save of it is acknowledged.

/** What the save route answers. */
export type SaveAnswer =
  | { status: "saved"; revision: number; message: string }
  | { status: "conflict"; revision: number; message: string }
  | { status: "missing"; message: string }
  | { status: "invalid"; message: string };

export type AutosaveState =
  /** Nothing to save (loaded, or saved with no change since): `message` is the last "Đã lưu lúc …". */
  | { kind: "clean"; message: string | null }
  | { kind: "waiting" }
  | { kind: "saving" }
  /** A save failed (network, server, a refused document): it is tried again after the next change or `retryMs`. */
  | { kind: "failed"; message: string }
  /** Someone else saved, or the working copy is gone: nothing more is sent from this page. */
  | { kind: "stopped"; message: string; reason: "conflict" | "missing" };

export const SAVE_DELAY_MS = 1500;
export const RETRY_MS = 10_000;

export interface AutosaveOptions {
  revision: number;
  /** Sends the document as it is now, saying the revision it was loaded from (or last saved as). */
  send: (baseRevision: number) => Promise<SaveAnswer>;
  onState: (state: AutosaveState) => void;
  delayMs?: number;
  retryMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

const NETWORK_FAILURE = "Chưa lưu được: không kết nối được với máy chủ. Sẽ thử lại sau ít giây; đừng đóng trang.";

/** A save the server answered with something other than a save answer (signed out, a server error): its message is shown. */
export class SaveFailure extends Error {}

export class Autosave {
  revision: number;
  state: AutosaveState = { kind: "clean", message: null };
  private dirty = false;
  private inFlight: Promise<void> | null = null;
  private timer: unknown = null;
  private readonly delayMs: number;
  private readonly retryMs: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: AutosaveOptions) {
    this.revision = options.revision;
    this.delayMs = options.delayMs ?? SAVE_DELAY_MS;
    this.retryMs = options.retryMs ?? RETRY_MS;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** True while something typed is not acknowledged as saved. */
  get unsaved(): boolean {
    return this.dirty || this.inFlight !== null;
  }

  get stopped(): boolean {
    return this.state.kind === "stopped";
  }

  /** The document changed: save once typing has stopped for `delayMs`. */
  changed(): void {
    this.dirty = true;
    if (this.stopped) return;
    this.schedule(this.delayMs);
    if (!this.inFlight && this.state.kind !== "failed") this.setState({ kind: "waiting" });
  }

  /** Saves now what is not saved yet (and waits for a save in progress); resolves with the state after. */
  async flush(): Promise<AutosaveState> {
    while (this.inFlight) await this.inFlight;
    this.cancelTimer();
    if (this.dirty && !this.stopped) await this.run();
    return this.state;
  }

  private schedule(ms: number) {
    this.cancelTimer();
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (!this.inFlight && this.dirty && !this.stopped) void this.run();
    }, ms);
  }

  private cancelTimer() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    this.dirty = false;
    this.setState({ kind: "saving" });
    const saving = this.save().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = saving;
    return saving;
  }

  private async save() {
    let answer: SaveAnswer;
    try {
      answer = await this.options.send(this.revision);
    } catch (error) {
      this.dirty = true;
      this.setState({ kind: "failed", message: error instanceof SaveFailure ? error.message : NETWORK_FAILURE });
      this.schedule(this.retryMs);
      return;
    }
    switch (answer.status) {
      case "saved":
        this.revision = answer.revision;
        // Typed while the save was on its way: that waits for the next save.
        if (this.dirty) this.schedule(this.delayMs);
        this.setState({ kind: "clean", message: answer.message });
        return;
      case "conflict":
      case "missing":
        this.dirty = true;
        this.cancelTimer();
        this.setState({ kind: "stopped", reason: answer.status, message: answer.message });
        return;
      case "invalid":
        // The same document would be refused again: the next change tries again.
        this.dirty = true;
        this.cancelTimer();
        this.setState({ kind: "failed", message: answer.message });
        return;
    }
  }

  private setState(state: AutosaveState) {
    this.state = state;
    this.options.onState(state);
  }
}

/** What the status line says. */
export function statusText(state: AutosaveState): string {
  switch (state.kind) {
    case "clean":
      return state.message ?? "Chưa có thay đổi.";
    case "waiting":
      return "Có thay đổi chưa lưu…";
    case "saving":
      return "Đang lưu…";
    case "failed":
    case "stopped":
      return state.message;
  }
}
