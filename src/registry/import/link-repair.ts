/**
 * Booking links as people pasted them into the official list, repaired into links a platform answers:
 * mail-security redirectors unwrapped (the link was copied from a received e-mail), a second `?`
 * inside the query turned into `&`, characters outside ASCII percent-encoded. Each repair is named,
 * so the import can warn and the centre can keep what the file said.
 */

export type LinkRepairKind =
  | 'unwrapped-safelinks'
  | 'unwrapped-urldefense'
  | 'unwrapped-google'
  | 'second-question-mark'
  | 'percent-encoded';

export interface RepairedLink {
  /** The link to use (and to send people to). */
  url: string;
  /** What was done to the text, in order; empty when the link was fine as written. */
  repairs: LinkRepairKind[];
}

/** Words for a warning: `unwrapped Outlook Safe Links, "?" made "&"`. */
export const REPAIR_WORDS: Readonly<Record<LinkRepairKind, string>> = {
  'unwrapped-safelinks': 'unwrapped from Outlook Safe Links',
  'unwrapped-urldefense': 'unwrapped from Proofpoint URL Defense',
  'unwrapped-google': 'unwrapped from a Google redirect',
  'second-question-mark': 'second "?" in the query made "&"',
  'percent-encoded': 'characters outside ASCII percent-encoded',
};

/** A redirector's wrapped target, or null when the URL is not that redirector's. */
type Unwrapper = (url: URL) => string | null;

// `https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2F…&data=…&sdata=…&reserved=0`
const safelinks: Unwrapper = (url) =>
  url.hostname.endsWith('.safelinks.protection.outlook.com') ? url.searchParams.get('url') : null;

// `https://www.google.com/url?q=https://…&sa=D&ust=…` (`url=` in older links); any Google country domain.
const google: Unwrapper = (url) =>
  /^(www\.)?google\.[a-z.]{2,6}$/.test(url.hostname) && url.pathname === '/url'
    ? (url.searchParams.get('q') ?? url.searchParams.get('url'))
    : null;

/**
 * Proofpoint URL Defense v2: `https://urldefense.proofpoint.com/v2/url?u=https-3A__host_path-3Fa-3Db&d=…`.
 * In `u`, `-XX` stands for the byte `%XX` and `_` for `/`.
 */
function urldefenseV2(url: URL): string | null {
  if (url.hostname !== 'urldefense.proofpoint.com' || !url.pathname.startsWith('/v2/url')) return null;
  const u = url.searchParams.get('u');
  if (!u) return null;
  try {
    return decodeURIComponent(u.replace(/-/g, '%').replace(/_/g, '/'));
  } catch {
    return null;
  }
}

// Proofpoint v3 run lengths: `**A` stands for 2 hidden characters, `**B` for 3… in this alphabet's order.
const RUN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Proofpoint URL Defense v3: `https://urldefense.com/v3/__https://host/path?a=b__;JQ!!tag!sig$`. The URL
 * sits between `__` and `__;`; characters it hid are `*` (one) or `**X` (a run), and come back, in order,
 * from the base64url text between `__;` and `!!`.
 */
function urldefenseV3(text: string): string | null {
  const match = /^https?:\/\/urldefense\.(?:proofpoint\.)?com\/v3\/__(.+?)__;([^!]*)!!/.exec(text);
  if (!match?.[1]) return null;
  const [, body, encoded = ''] = match;
  let hidden: string[];
  try {
    hidden = [...Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')];
  } catch {
    return null;
  }
  let next = 0;
  let ok = true;
  const take = (count: number) => {
    const part = hidden.slice(next, next + count);
    next += count;
    if (part.length < count) ok = false;
    return part.join('');
  };
  const unwrapped = body.replace(/\*\*(.)|\*/g, (_star, run: string | undefined) =>
    run === undefined ? take(1) : take(RUN_ALPHABET.indexOf(run) + 2),
  );
  return ok ? unwrapped : null;
}

const UNWRAPPERS: ReadonlyArray<readonly [LinkRepairKind, Unwrapper]> = [
  ['unwrapped-safelinks', safelinks],
  ['unwrapped-urldefense', urldefenseV2],
  ['unwrapped-google', google],
];

function parse(text: string): URL | null {
  return URL.parse(text);
}

/** The link a redirector wraps, with the repair that unwrapped it; null for a link that is not wrapped. */
function unwrapOnce(text: string): { text: string; kind: LinkRepairKind } | null {
  const v3 = urldefenseV3(text);
  if (v3) return { text: v3, kind: 'unwrapped-urldefense' };
  const url = parse(text);
  if (!url) return null;
  for (const [kind, unwrap] of UNWRAPPERS) {
    const target = unwrap(url);
    if (target && /^https?:\/\//i.test(target.trim())) return { text: target.trim(), kind };
  }
  return null;
}

/** `?pid=practice-164701?speciality_id=5494`: a `?` inside the query that starts another parameter. */
const EXTRA_QUESTION_MARK = /\?(?=[A-Za-z_][\w.[\]-]*=)/g;

function repairQuery(text: string): string {
  const queryAt = text.indexOf('?');
  if (queryAt === -1) return text;
  const hashAt = text.indexOf('#', queryAt);
  const end = hashAt === -1 ? text.length : hashAt;
  const query = text.slice(queryAt + 1, end).replace(EXTRA_QUESTION_MARK, '&');
  return `${text.slice(0, queryAt + 1)}${query}${text.slice(end)}`;
}

/**
 * Repairs one booking link written as an absolute http(s) URL. Redirectors are unwrapped as long as
 * one wraps another (a Safe Link around a URL Defense link happens); then the query and the encoding.
 */
export function repairLink(text: string): RepairedLink {
  const repairs: LinkRepairKind[] = [];
  let current = text;
  for (let depth = 0; depth < 4; depth++) {
    const unwrapped = unwrapOnce(current);
    if (!unwrapped) break;
    repairs.push(unwrapped.kind);
    current = unwrapped.text;
  }
  const queried = repairQuery(current);
  if (queried !== current) repairs.push('second-question-mark');
  const url = parse(queried);
  if (!url) return { url: queried, repairs };
  // WHATWG URL parsing percent-encodes what must be (`alençon` → `alen%C3%A7on`): said, not hidden.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/[^\x00-\x7f]/.test(queried)) repairs.push('percent-encoded');
  return { url: url.href, repairs };
}

/** Whether the host is a known redirector's: such a link is never sent to a visitor as it is. */
export function isRedirectorHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host.endsWith('.safelinks.protection.outlook.com') ||
    host === 'urldefense.proofpoint.com' ||
    host === 'urldefense.com' ||
    /^(www\.)?google\.[a-z.]{2,6}$/.test(host)
  );
}
