import { hash, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm is a const enum, which isolatedModules cannot inline: Algorithm.Argon2id is 2.
const ARGON2ID = 2 as Algorithm.Argon2id;

// argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 20–40 ms a hash on the 2-core machine.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFC"));
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real check when there is no hash to check (unknown email, no password set),
 * so response times do not tell which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("không-có-tài-khoản-này");
  await verifyPassword(await dummy, password);
  return false;
}
