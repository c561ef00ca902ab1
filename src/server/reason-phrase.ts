import http from 'node:http';

/**
 * A response whose status line always carries the reason phrase of its status (`404 Not Found`).
 * Astro copies the `statusText` of its page response onto Node's `statusMessage`, and that stays
 * the default "OK" when a page only sets `Astro.response.status`: `/go/<unknown id>` answered
 * `404 OK`. The phrase is derived from the status at the moment the head is written, whoever wrote
 * it (Astro, the fast routes, the static assets), so it cannot disagree.
 */
export class ServerResponseWithReason<
  Request extends http.IncomingMessage = http.IncomingMessage,
> extends http.ServerResponse<Request> {}

Object.defineProperty(ServerResponseWithReason.prototype, 'statusMessage', {
  get(this: http.ServerResponse): string {
    return http.STATUS_CODES[this.statusCode] ?? 'Unknown';
  },
  // Whatever phrase is assigned (Astro's "OK" for a 404), the status decides.
  set(_phrase: string) {},
  configurable: true,
});
