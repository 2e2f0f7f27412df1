import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { Invalid } from "../../platform/errors.ts";

// OWASP's argon2id parameters: 19 MiB, 2 passes, 1 lane (algorithm 2 is argon2id).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const common = new Set(dictionary["passwords-common"].map((p: string) => p.toLowerCase()));

/** Hash a passphrase with argon2id. */
export const hashPassphrase = (passphrase: string) => hash(passphrase, ARGON2);

// Verifying against this when a handle is unknown keeps both answers equally slow.
const decoy = hashPassphrase("kinship-decoy-passphrase-not-used");

/** True when the passphrase matches; a missing hash costs the same time as a wrong one. */
export async function checkPassphrase(storedHash: string | null, passphrase: string): Promise<boolean> {
  const ok = await verify(storedHash ?? (await decoy), passphrase).catch(() => false);
  return storedHash !== null && ok;
}

/**
 * Refuse the passphrases attackers try first: the most common passwords (also with digits or
 * symbols stuck on the end), one repeated character, or the handle itself. No composition rules.
 */
export function assertStrongPassphrase(passphrase: string, handle: string): void {
  const lower = passphrase.toLowerCase();
  const base = lower.replace(/[\d\W_]+$/u, "");
  const repeated = /^(.)\1*$/su.test(passphrase) || /^(.{1,4})\1+$/su.test(lower);
  if (common.has(lower) || common.has(base) || repeated) {
    throw new Invalid(
      "That passphrase is one of the most common ones, so it is easy to guess. Try three or four unrelated words.",
      "passphrase",
    );
  }
  if (lower.includes(handle.toLowerCase())) {
    throw new Invalid("Please choose a passphrase that doesn't contain your handle.", "passphrase");
  }
}
