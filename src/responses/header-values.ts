/** RFC 9110 token characters: a header name made of anything else is dropped. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
/** What Node's `writeHead` accepts without throwing ERR_INVALID_CHAR, minus the Latin-1 range browsers misread. */
const UNSAFE_VALUE_CHAR = /[^\t\x20-\x7e]/gu;

/**
 * A header value safe to write: every character outside visible ASCII (a `€` in a registry booking
 * URL, a control character from a feed) is percent-encoded as UTF-8, which is what a browser
 * would have sent for the same URL and keeps any other header readable. Never throws.
 */
export function safeHeaderValue(value: string): string {
  return value.replace(UNSAFE_VALUE_CHAR, (char) =>
    [...Buffer.from(char, 'utf8')]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}

export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

/** Headers to write, with names validated and values encoded; unusable entries left out. */
export function safeHeaders(
  headers: Record<string, string | string[] | number | undefined>,
): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !isHeaderName(name)) continue;
    safe[name.toLowerCase()] = safeHeaderValue(Array.isArray(value) ? value.join(', ') : String(value));
  }
  return safe;
}
