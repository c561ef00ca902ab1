import { lookAlikePlatform } from '../../booking/look-alike.ts';
import { bookingPlatformOf, parseBookingUrl } from '../booking-platform.ts';
import type { BookingPlatform } from '../centre.ts';
import type { FieldIssue } from './import-report.ts';
import { type LinkRepairKind, REPAIR_WORDS, repairLink } from './link-repair.ts';

export interface BookingField {
  url: string | null;
  platform: BookingPlatform;
  /** What the field said when it was not a usable URL (`Doctolib`, `en cours`…), to keep as a note. */
  freeText: string | null;
  /** The link as the file wrote it, when `url` had to be repaired from it; null otherwise. */
  originalUrl: string | null;
  /** What was repaired (see link-repair.ts), in order. */
  repairs: LinkRepairKind[];
  issues: FieldIssue[];
}

// A bare host with an optional path, as people type a site without its scheme (`www.keldoc.com`).
const SCHEMELESS_URL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i;

/** A URL that parses but names a user (`https://contact@ch.fr`) is an e-mail address, not a site. */
function usableUrl(text: string): URL | null {
  const url = parseBookingUrl(text);
  return url && !url.username && url.hostname.includes('.') ? url : null;
}

/**
 * The link in `candidate` (the field, or the field given a scheme), repaired; the repairs are named in a
 * warning and what the file wrote (`written`) is kept beside the repaired link.
 */
function found(
  written: string,
  candidate: string,
  parsed: URL,
  issues: FieldIssue[],
  freeText: string | null = null,
): BookingField {
  const { url: repairedText, repairs } = repairLink(candidate);
  const url = usableUrl(repairedText) ?? parsed;
  const all = [...issues];
  if (repairs.length > 0) {
    const unwrapped = repairs.some((kind) => kind.startsWith('unwrapped-'));
    all.push({
      kind: unwrapped ? 'booking-url-unwrapped' : 'booking-url-repaired',
      message: `rdv_site_web "${written}": ${repairs.map((kind) => REPAIR_WORDS[kind]).join(', ')}; read as ${url.href}`,
    });
  }
  const imitated = lookAlikePlatform(url.hostname);
  if (imitated) {
    // `doctolib.fr.evil.example` is not Doctolib: `/go` shows it as a foreign host, the operator should look.
    all.push({
      kind: 'booking-url-look-alike',
      message: `rdv_site_web "${written}": host ${url.hostname} looks like ${imitated} but is not one of its hosts`,
    });
  }
  return {
    url: url.href,
    platform: bookingPlatformOf(url),
    freeText,
    originalUrl: url.href === written ? null : written,
    repairs,
    issues: all,
  };
}

/** `rdv_site_web` → booking URL and platform; free text is kept aside, never mistaken for a URL. */
export function parseBookingField(raw: string): BookingField {
  // Stray quotes and no-break spaces wrap some URLs in the real files.
  const text = raw.replace(/^["'\s\u00a0]+|["'\s\u00a0]+$/g, '');
  if (!text)
    return { url: null, platform: 'none', freeText: null, originalUrl: null, repairs: [], issues: [] };
  const url = /\s/.test(text) ? null : usableUrl(text);
  if (url) return found(text, text, url, []);
  if (SCHEMELESS_URL.test(text)) {
    const repaired = usableUrl(`https://${text}`);
    if (repaired) {
      return found(text, `https://${text}`, repaired, [
        {
          kind: 'booking-url-no-scheme',
          message: `rdv_site_web "${text}" has no scheme; read as ${repaired.href}`,
        },
      ]);
    }
  }
  const embedded = text
    .split(/\s+/)
    .map((word) => ({ word, url: usableUrl(word) }))
    .find((candidate) => candidate.url !== null);
  if (embedded?.url) {
    return found(
      embedded.word,
      embedded.word,
      embedded.url,
      [
        {
          kind: 'booking-url-with-text',
          message: `rdv_site_web "${text}" holds text around ${embedded.url.href}`,
        },
      ],
      text,
    );
  }
  return {
    url: null,
    platform: 'none',
    freeText: text,
    originalUrl: null,
    repairs: [],
    issues: [
      {
        kind: 'booking-url-free-text',
        message: `rdv_site_web "${text}" is ${text.includes('@') ? 'an e-mail address' : 'not a URL'}; no online booking`,
      },
    ],
  };
}
