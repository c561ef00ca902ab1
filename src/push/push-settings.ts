import { createECDH } from 'node:crypto';
import { z } from 'zod';

/**
 * Web Push is off until an operator gives VAPID keys (RFC 8292): the pair identifies this site to
 * the browsers' push services. Generate one with `npx web-push generate-vapid-keys`.
 *
 * - `CRENEAU_VAPID_PUBLIC_KEY`: the public key, base64url (65 bytes, uncompressed P-256 point)
 * - `CRENEAU_VAPID_PRIVATE_KEY`: the private key, base64url (32 bytes); a secret, never in a committed file
 * - `CRENEAU_VAPID_SUBJECT`: `mailto:` or `https:` contact the push services may use (RFC 8292 §2.1)
 * - `CRENEAU_PUSH_ENDPOINT_HOSTS`: extra push-service hosts (`host` or `host:port`, comma-separated)
 *   accepted besides the browsers' own; `http://` is accepted only for these (a self-hosted service, tests)
 */
export interface PushSettings {
  publicKey: string;
  privateKey: string;
  subject: string;
  /** Hosts whose endpoints are accepted, beyond `KNOWN_PUSH_HOSTS` (lower case). */
  extraHosts: readonly string[];
  /** How long a push service keeps a notification for an offline browser (`TTL` header). */
  ttlS: number;
  /** A subscription not renewed is forgotten after this long. */
  keepS: number;
  /** At most this many subscriptions are kept (beyond: refused with 503, nothing evicted). */
  maxSubscriptions: number;
}

/** The push services of Chrome/Edge/Android (FCM), Firefox (Mozilla), Windows (WNS) and Safari (Apple). */
export const KNOWN_PUSH_HOSTS: readonly RegExp[] = [
  /^fcm\.googleapis\.com$/,
  /^updates\.push\.services\.mozilla\.com$/,
  /^[a-z0-9-]+\.notify\.windows\.com$/,
  /^web\.push\.apple\.com$/,
  /^[a-z0-9-]+\.push\.apple\.com$/,
];

const base64url = (bytes: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]+$/, `${what} must be base64url`)
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `${what} must be ${bytes} bytes`);

const PushEnv = z.object({
  CRENEAU_VAPID_PUBLIC_KEY: base64url(65, 'CRENEAU_VAPID_PUBLIC_KEY'),
  CRENEAU_VAPID_PRIVATE_KEY: base64url(32, 'CRENEAU_VAPID_PRIVATE_KEY'),
  CRENEAU_VAPID_SUBJECT: z
    .string()
    .trim()
    .refine(
      (value) => /^(mailto:.+@.+|https:\/\/.+)$/.test(value),
      'CRENEAU_VAPID_SUBJECT must be a mailto: or https: URL',
    ),
  CRENEAU_PUSH_ENDPOINT_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/, 'must be host or host:port'),
      ),
    ),
});

const VARIABLES = ['CRENEAU_VAPID_PUBLIC_KEY', 'CRENEAU_VAPID_PRIVATE_KEY', 'CRENEAU_VAPID_SUBJECT'] as const;

/** The push settings from the environment: null (push off) when no VAPID variable is set; problems when some are wrong. */
export function pushSettingsFromEnv(env: NodeJS.ProcessEnv): {
  settings: PushSettings | null;
  problems: string[];
} {
  if (VARIABLES.every((name) => !env[name]?.trim())) return { settings: null, problems: [] };
  const parsed = PushEnv.safeParse(env);
  if (!parsed.success)
    return {
      settings: null,
      problems: parsed.error.issues.map((issue) =>
        issue.message.startsWith('CRENEAU_') ? issue.message : `${String(issue.path[0])}: ${issue.message}`,
      ),
    };
  const data = parsed.data;
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(data.CRENEAU_VAPID_PRIVATE_KEY, 'base64url'));
  if (ecdh.getPublicKey('base64url') !== data.CRENEAU_VAPID_PUBLIC_KEY)
    return {
      settings: null,
      problems: ['CRENEAU_VAPID_PUBLIC_KEY is not the public key of CRENEAU_VAPID_PRIVATE_KEY'],
    };
  return {
    settings: {
      publicKey: data.CRENEAU_VAPID_PUBLIC_KEY,
      privateKey: data.CRENEAU_VAPID_PRIVATE_KEY,
      subject: data.CRENEAU_VAPID_SUBJECT,
      extraHosts: data.CRENEAU_PUSH_ENDPOINT_HOSTS,
      ttlS: 6 * 3600,
      keepS: 90 * 86_400,
      maxSubscriptions: 200_000,
    },
    problems: [],
  };
}

/**
 * Whether the leader may POST to this endpoint: a browser's push service over https, or a host the
 * operator listed. A subscription is a URL a visitor hands us; without this, the leader would send
 * requests wherever anyone asked (SSRF).
 */
export function endpointAllowed(endpoint: string, settings: Pick<PushSettings, 'extraHosts'>): boolean {
  const url = URL.parse(endpoint);
  if (!url || url.username || url.password) return false;
  const host = url.host.toLowerCase();
  if (settings.extraHosts.includes(host)) return url.protocol === 'https:' || url.protocol === 'http:';
  return (
    url.protocol === 'https:' && url.port === '' && KNOWN_PUSH_HOSTS.some((known) => known.test(url.hostname))
  );
}
