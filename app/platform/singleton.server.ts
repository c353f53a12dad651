// One value per process under a name, kept across the development server's rebuilds (which re-run the
// modules but keep globalThis): database clients, the Redis client, workers, caches. Like Epic Stack's
// `remember`. Tests that need their own instance build one with the module's create function instead.

const store = ((globalThis as { __singletons?: Map<string, unknown> }).__singletons ??= new Map<string, unknown>());

/** The value kept under `name`, made by `create` the first time it is asked for. */
export function singleton<T>(name: string, create: () => T): T {
  if (!store.has(name)) store.set(name, create());
  return store.get(name) as T;
}

/** The value kept under `name`, if one was made. */
export function existingSingleton<T>(name: string): T | undefined {
  return store.get(name) as T | undefined;
}

/**
 * Puts `value` under `name` (a test lending the app its own database or search runtime), or forgets
 * the name when `value` is undefined (a worker that stopped), so the next `singleton` call makes a new one.
 */
export function setSingleton<T>(name: string, value: T | undefined): void {
  if (value === undefined) store.delete(name);
  else store.set(name, value);
}
