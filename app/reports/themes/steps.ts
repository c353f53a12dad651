/**
 * Long computations written once as generators that `yield` every so often (between chunks of work),
 * run either to the end at once (`runSteps`, for tests and small inputs) or with a turn of the event
 * loop at each yield (`runStepsAsync`, on the server: other requests are answered meanwhile).
 */
export type Steps<T> = Generator<void, T, void>;

/** How many items a step handles before yielding. */
export const STEP_ITEMS = 100;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export async function runStepsAsync<T>(steps: Steps<T>, pause: () => Promise<unknown>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pause();
  }
}
