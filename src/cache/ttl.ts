/**
 * Rules both drivers apply the same way, so that switching driver never changes what a caller sees:
 * a TTL is a positive number of seconds (fractions allowed, millisecond precision, as Redis's PX),
 * no TTL means no expiry, and `undefined` is not a JSON value.
 */
export function expiryOf(options: { ttlSeconds?: number } | undefined, now: number): number | null {
  const ttl = options?.ttlSeconds;
  if (ttl === undefined) return null;
  if (!Number.isFinite(ttl) || ttl <= 0) {
    throw new RangeError(`cache TTL must be a positive number of seconds, got ${ttl}`);
  }
  return now + Math.max(1, Math.round(ttl * 1000));
}

export function assertStorable(key: string, value: unknown): void {
  if (value === undefined)
    throw new TypeError(`cache value for "${key}" is undefined, which JSON cannot hold`);
}
