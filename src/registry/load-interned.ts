/**
 * One string for each repeated value of a parsed registry. `JSON.parse` makes a new string for
 * every occurrence: at 100,000 centres, `imported_at` 100,000 times, "fermé" 157,000 times, the
 * opening hours, platform names, precisions and dates 20,000 to 100,000 times each: about 45 MiB of
 * the registry's 110 MiB of strings. Walks the value in place (objects and arrays replaced member
 * by member), so call it on a freshly parsed value nobody else holds yet; returns it.
 */
const LONGEST = 96;

export function internStrings<T>(value: T): T {
  const known = new Map<string, string>();
  const intern = (text: string) => {
    if (text.length > LONGEST) return text;
    const shared = known.get(text);
    if (shared !== undefined) return shared;
    known.set(text, text);
    return text;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === 'string') node[i] = intern(item);
        else if (item !== null && typeof item === 'object') walk(item);
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') record[key] = intern(item);
      else if (item !== null && typeof item === 'object') walk(item);
    }
  };
  if (value !== null && typeof value === 'object') walk(value);
  return value;
}
