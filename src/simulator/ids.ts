import { intBetween } from './hash.ts';

/**
 * Numeric ids drawn from a hash of what they name, so they stay the same when the registry grows;
 * a clash (rare) moves to the next free number, in registry order.
 */
export class IdAllocator {
  readonly #min: number;
  readonly #max: number;
  readonly #byName = new Map<string, number>();
  readonly #taken = new Set<number>();

  constructor(min: number, max: number) {
    this.#min = min;
    this.#max = max;
  }

  allocate(...parts: ReadonlyArray<string | number>): number {
    const name = parts.join('\u001f');
    const known = this.#byName.get(name);
    if (known !== undefined) return known;
    let id = intBetween(this.#min, this.#max, ...parts);
    while (this.#taken.has(id)) id = id >= this.#max ? this.#min : id + 1;
    this.#taken.add(id);
    this.#byName.set(name, id);
    return id;
  }
}
