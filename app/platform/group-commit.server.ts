// Group commit (ADR 055): writes that arrive within a few milliseconds of each other, or while the
// previous group is being committed, are committed together: one transaction, one disk flush. Each
// caller still gets its own result or its own error, and only after the group's commit succeeded;
// when the commit fails, every member of the group fails. This module only queues and hands out
// outcomes; how a group is written is the caller's (sql.server.ts on SQLite: one transaction with a
// savepoint per write; comment-store.server.ts on PostgreSQL: one statement for the group).

export interface GroupCommitSettings {
  /** How long the first write of an idle queue waits for others to join it, in ms; 0 turns group commit off. */
  windowMs: number;
  /** Writes in one group at most. */
  maxBatch: number;
}

/** One member's outcome inside a group that committed: its value, or the error that rolled back only its own part. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Groups committed and the writes they held, since the driver was created (tests and benchmarks read them). */
export interface GroupCommitCounts {
  groups: number;
  members: number;
}

export interface GroupCommit<M, R> {
  /** Resolves with this write's outcome once its group committed; rejects with its own error, or the group's. */
  submit(input: M): Promise<R>;
}

interface Waiting<M, R> {
  input: M;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * A queue whose members are committed in groups by `commit`, one group at a time: `commit` resolves
 * with one outcome per input (in order) after its single commit, or rejects (the commit failed, or
 * the group's transaction was lost), which rejects every member. `apart(a, b)` keeps two writes out of
 * one group (the same captcha solution: only the first may use it); the later waits for the next.
 */
export function createGroupCommit<M, R>(
  commit: (inputs: M[]) => Promise<Outcome<R>[]>,
  settings: GroupCommitSettings & { apart?: (a: M, b: M) => boolean; counts?: GroupCommitCounts },
): GroupCommit<M, R> {
  const queue: Waiting<M, R>[] = [];
  const { apart, counts } = settings;
  const maxBatch = Math.max(1, Math.floor(settings.maxBatch));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  /** The next group: the oldest writes, up to maxBatch, leaving those that must not share it with one taken. */
  const take = () => {
    const group: Waiting<M, R>[] = [];
    for (let i = 0; i < queue.length && group.length < maxBatch;) {
      const next = queue[i]!;
      if (apart && group.some((m) => apart(m.input, next.input))) i++;
      else group.push(...queue.splice(i, 1));
    }
    return group;
  };

  const start = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (running || queue.length === 0) return;
    running = true;
    const group = take();
    void Promise.resolve()
      .then(() => commit(group.map((m) => m.input)))
      .then((outcomes) => {
        if (outcomes.length !== group.length) throw new Error(`group commit: ${outcomes.length} outcomes for ${group.length} writes`);
        if (counts) {
          counts.groups++;
          counts.members += group.length;
        }
        group.forEach((member, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) member.resolve(outcome.value);
          else member.reject(outcome.error);
        });
      })
      .catch((error: unknown) => {
        for (const member of group) member.reject(error);
      })
      .finally(() => {
        running = false;
        // What arrived while this group was committed has waited long enough: it goes at once.
        if (queue.length) start();
      });
  };

  return {
    submit: (input) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (running) return;
        if (queue.length >= maxBatch) start();
        else timer ??= setTimeout(start, settings.windowMs);
      }),
  };
}
