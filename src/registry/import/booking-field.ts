import { bookingPlatformOf, parseBookingUrl } from '../booking-platform.ts';
import type { BookingPlatform } from '../centre.ts';
import type { FieldIssue } from './import-report.ts';

export interface BookingField {
  url: string | null;
  platform: BookingPlatform;
  /** What the field said when it was not a usable URL (`Doctolib`, `en cours`…), to keep as a note. */
  freeText: string | null;
  issue?: FieldIssue;
}

// A bare host with an optional path, as people type a site without its scheme (`www.keldoc.com`).
const SCHEMELESS_URL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/\S*)?$/i;

/** A URL that parses but names a user (`https://contact@ch.fr`) is an e-mail address, not a site. */
function usableUrl(text: string): URL | null {
  const url = parseBookingUrl(text);
  return url && !url.username && url.hostname.includes('.') ? url : null;
}

function found(url: URL, issue?: FieldIssue): BookingField {
  return { url: url.href, platform: bookingPlatformOf(url), freeText: null, ...(issue ? { issue } : {}) };
}

/** `rdv_site_web` → booking URL and platform; free text is kept aside, never mistaken for a URL. */
export function parseBookingField(raw: string): BookingField {
  // Stray quotes and no-break spaces wrap some URLs in the real files.
  const text = raw.replace(/^["'\s\u00a0]+|["'\s\u00a0]+$/g, '');
  if (!text) return { url: null, platform: 'none', freeText: null };
  const url = /\s/.test(text) ? null : usableUrl(text);
  if (url) return found(url);
  if (SCHEMELESS_URL.test(text)) {
    const repaired = usableUrl(`https://${text}`);
    if (repaired) {
      return found(repaired, {
        kind: 'booking-url-no-scheme',
        message: `rdv_site_web "${text}" has no scheme; read as ${repaired.href}`,
      });
    }
  }
  const embedded = text
    .split(/\s+/)
    .map((word) => usableUrl(word))
    .find((candidate) => candidate !== null);
  if (embedded) {
    return {
      ...found(embedded),
      freeText: text,
      issue: {
        kind: 'booking-url-with-text',
        message: `rdv_site_web "${text}" holds text around ${embedded.href}`,
      },
    };
  }
  return {
    url: null,
    platform: 'none',
    freeText: text,
    issue: {
      kind: 'booking-url-free-text',
      message: `rdv_site_web "${text}" is ${text.includes('@') ? 'an e-mail address' : 'not a URL'}; no online booking`,
    },
  };
}
