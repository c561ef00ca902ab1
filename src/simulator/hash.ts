/**
 * Seeded, stable hashing: every random-looking choice of the simulator is a hash of the seed and
 * of what is being decided, so the same seed answers the same thing at the same time, in any order.
 */

/** cyrb53: 53 well-mixed bits from a string, no dependency. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A number in [0, 1) decided by the parts. */
export function unit(...parts: ReadonlyArray<string | number>): number {
  return hash53(parts.join('\u001f')) / 2 ** 53;
}

/** An integer in [min, max] decided by the parts. */
export function intBetween(min: number, max: number, ...parts: ReadonlyArray<string | number>): number {
  return min + Math.floor(unit(...parts) * (max - min + 1));
}

/** One of the items, weighted, decided by the parts. */
export function pick<T>(
  items: ReadonlyArray<readonly [T, number]>,
  ...parts: ReadonlyArray<string | number>
): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let target = unit(...parts) * total;
  for (const [item, weight] of items) {
    target -= weight;
    if (target < 0) return item;
  }
  const last = items.at(-1);
  if (!last) throw new Error('pick: no items');
  return last[0];
}

/** Hexadecimal id of `length` digits (Maiia's ids are 24-digit Mongo ObjectIds). */
export function hexId(length: number, ...parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (let i = 0; out.length < length; i++)
    out += hash53([...parts, i].join('\u001f'))
      .toString(16)
      .padStart(14, '0');
  return out.slice(0, length);
}

/** A deterministic sequence of draws in [0, 1), for per-request fault decisions. */
export function drawSequence(...parts: ReadonlyArray<string | number>): () => number {
  let counter = 0;
  return () => unit(...parts, counter++);
}
