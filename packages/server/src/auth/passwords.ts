/** Password hashing: argon2id at OWASP's recommended minimum cost (19 MiB, 2 passes), so a login stays fast. */
import argon2 from "argon2";
import { invalid } from "../errors.js";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so the answer takes as long either way. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => {
  decoy ??= hashPassword("decoy password that nobody has");
  return decoy;
};

export const MIN_PASSWORD_LENGTH = 10;

export function checkNewPassword(password: string, field = "body.newPassword"): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw invalid(field, `at least ${MIN_PASSWORD_LENGTH} characters / 至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  }
}
