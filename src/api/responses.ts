/** The API's one way to answer: JSON bodies, and errors as `{ error: { code, message } }`. */

export type ApiErrorCode = 'bad_request' | 'not_found' | 'internal_error';

// Open data: any site may read any answer, errors included, so a re-user's page can show why it failed.
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
} as const;

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(JSON_HEADERS)) headers.set(name, value);
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(status: 400 | 404 | 500, code: ApiErrorCode, message: string): Response {
  return jsonResponse({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Thrown by handlers for a request that cannot be answered; turned into an error response by `handleApi`. */
export class ApiError extends Error {
  readonly status: 400 | 404;
  readonly code: ApiErrorCode;
  constructor(status: 400 | 404, message: string) {
    super(message);
    this.status = status;
    this.code = status === 400 ? 'bad_request' : 'not_found';
  }
}

/** Runs an API handler: expected failures become 400/404 bodies, anything else a logged 500, never a stack trace. */
export async function handleApi(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message);
    const { logger } = await import('../shared/logger.ts');
    logger.error({ err: error }, 'API handler failed');
    return errorResponse(500, 'internal_error', 'Internal server error. Please retry in a moment.');
  }
}
