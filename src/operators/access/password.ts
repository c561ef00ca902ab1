import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Operators' passwords, hashed with scrypt (node:crypto): `scrypt$<N>$<r>$<p>$<salt>$<hash>`, salt and
 * hash in base64url. Only the hash is ever written down (`creneau.config.json`, `operators`).
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{32,256})$/;

/** The longest password accepted: scrypt's cost does not depend on it, but nothing needs more. */
export const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const options = (n: number, r: number, p: number): ScryptOptions => ({
  N: n,
  r,
  p,
  maxmem: 128 * n * r * p + 16 * 1024 * 1024,
});

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, options(N, R, P));
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `hash` has the format `hashPassword` writes. */
export function isPasswordHash(hash: string): boolean {
  const match = FORMAT.exec(hash);
  if (!match) return false;
  const n = Number(match[1]);
  return (
    n >= 2 ** 14 && n <= 2 ** 20 && (n & (n - 1)) === 0 && Number(match[2]) >= 1 && Number(match[3]) >= 1
  );
}

/** Constant-time comparison of what `password` derives to with the stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH || !isPasswordHash(hash)) return false;
  const [, n, r, p, salt, stored] = FORMAT.exec(hash) as RegExpExecArray;
  const expected = Buffer.from(stored as string, 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt as string, 'base64url'),
    expected.length,
    options(Number(n), Number(r), Number(p)),
  );
  return timingSafeEqual(key, expected);
}

/** A hash of a random password: verified against when the name is unknown, so both cost the same. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
