import type { Departement, Gazetteer } from '../places/types.ts';
import { findDepartement } from '../shared/departement-param.ts';
import { endpointAllowed, type PushSettings } from './push-settings.ts';
import { type PushScope, SubscribeRequest, UnsubscribeRequest } from './subscription.ts';
import type { SubscriptionStore } from './subscription-store.ts';

/** What the routes need of Web Push: null while the operator has not configured VAPID keys. */
export interface PushService {
  settings: PushSettings;
  store: SubscriptionStore;
}

export interface PushApp {
  gazetteer: Pick<Gazetteer, 'commune'> & { departement(code: string): Departement | undefined };
  push: PushService | null;
  now: () => Date;
}

/** A subscription is a few hundred bytes; anything much larger is not one. */
export const MAX_BODY_BYTES = 8 * 1024;

/** Private answers: never cached, never readable by another origin (no CORS header). */
function answer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
const problem = (status: number, code: string, message: string) =>
  answer(status, { error: { code, message } });

/** The JSON body, bounded, or a ready error response. */
async function jsonBody(request: Request): Promise<unknown | Response> {
  // A JSON content type also means a cross-origin page needs a CORS preflight, which these routes refuse.
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? ''))
    return problem(415, 'unsupported_media_type', 'Send the body as application/json.');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES)
    return problem(413, 'too_large', `The body must be under ${MAX_BODY_BYTES} bytes.`);
  const reader = request.body?.getReader();
  if (!reader) return problem(400, 'bad_request', 'The body is empty.');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return problem(413, 'too_large', `The body must be under ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return problem(400, 'bad_request', 'The body is not JSON.');
  }
}

const notConfigured = () =>
  problem(503, 'push_not_configured', 'Notifications are not configured on this site (VAPID keys).');

/** `POST /api/v1/push/subscriptions`: stores (or replaces) this browser's alert. 201 on success. */
export async function subscribe(app: PushApp, request: Request): Promise<Response> {
  if (!app.push) return notConfigured();
  const body = await jsonBody(request);
  if (body instanceof Response) return body;
  const parsed = SubscribeRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return problem(400, 'bad_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const { subscription, place, lang } = parsed.data;
  if (!endpointAllowed(subscription.endpoint, app.push.settings))
    return problem(400, 'bad_request', 'subscription.endpoint: not a known push service.');
  let scope: PushScope;
  if ('commune' in place) {
    const commune = app.gazetteer.commune(place.commune);
    if (!commune) return problem(404, 'not_found', `No commune has INSEE code ${place.commune}.`);
    scope = {
      kind: 'commune',
      insee: commune.insee,
      name: commune.name,
      radius_km: place.rayon,
      lat: commune.location.lat,
      lon: commune.location.lon,
    };
  } else {
    const departement = findDepartement(app.gazetteer, place.departement);
    if (!departement) return problem(404, 'not_found', `No département has code ${place.departement}.`);
    scope = { kind: 'departement', code: departement.code, name: departement.name };
  }
  const stored = await app.push.store.put(
    {
      endpoint: subscription.endpoint,
      keys: subscription.keys,
      scope,
      lang,
      created_at: app.now().toISOString(),
    },
    subscription.expirationTime ?? null,
  );
  if (!stored) return problem(503, 'full', 'Too many alerts are stored right now. Please try again later.');
  return answer(201, { scope });
}

/** `POST /api/v1/push/unsubscribe`: forgets this browser's alert (the page's button, the notification's action). */
export async function unsubscribe(app: PushApp, request: Request): Promise<Response> {
  if (!app.push) return notConfigured();
  const body = await jsonBody(request);
  if (body instanceof Response) return body;
  const parsed = UnsubscribeRequest.safeParse(body);
  if (!parsed.success) return problem(400, 'bad_request', 'endpoint: expected the subscription’s endpoint.');
  const removed = await app.push.store.remove(parsed.data.endpoint);
  return answer(200, { removed });
}
