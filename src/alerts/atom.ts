/** Atom 1.0 (RFC 4287) as text: just the elements Créneau's feeds use, every value escaped. */

export interface AtomLink {
  rel: 'self' | 'alternate' | 'related';
  href: string;
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** A permanent IRI (RFC 4287 §4.2.6): never reused for another entry. */
  id: string;
  title: string;
  updated: string;
  links: AtomLink[];
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  updated: string;
  links: AtomLink[];
  author: { name: string; uri: string };
  entries: AtomEntry[];
}

// XML 1.0 forbids C0 controls but tab and line ends, lone surrogates and U+FFFE/U+FFFF, even escaped;
// outside data may still carry them.
const CONTROL_OR_SURROGATE = /[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu;
const allowedControl = (char: string) =>
  char === '\t' || char === '\n' || char === '\r' || (char >= '\u007F' && char <= '\u009F');

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe in element content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(CONTROL_OR_SURROGATE, (char) => (allowedControl(char) ? char : ''))
    .replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

function link(value: AtomLink): string {
  const type = value.type ? ` type="${escapeXml(value.type)}"` : '';
  const title = value.title ? ` title="${escapeXml(value.title)}"` : '';
  return `<link rel="${value.rel}" href="${escapeXml(value.href)}"${type}${title}/>`;
}

const text = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

export function renderAtom(feed: AtomFeed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  ${text('id', feed.id)}`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    `  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>`,
    `  ${text('updated', feed.updated)}`,
    ...feed.links.map((value) => `  ${link(value)}`),
    `  <author>${text('name', feed.author.name)}${text('uri', feed.author.uri)}</author>`,
    '  <generator>Créneau</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    ${text('id', entry.id)}`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    ${text('updated', entry.updated)}`,
      ...entry.links.map((value) => `    ${link(value)}`),
      `    <summary type="text">${escapeXml(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
