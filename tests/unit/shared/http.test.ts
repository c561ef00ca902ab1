import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  acceptedEncoding,
  createResponseMemo,
  csvResponse,
  etagMatches,
  handleApi,
  isSecure,
  preparedJson,
} from '../../../src/shared/http.ts';

describe('csvResponse', () => {
  it('is a download with an ASCII file name and the accented one in RFC 5987 form', () => {
    const response = csvResponse('x', 'centres-Élancourt.csv', 'no-store');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toContain('attachment; filename="centres-Elancourt.csv"');
    expect(disposition).toContain("filename*=UTF-8''centres-%C3%89lancourt.csv");
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('prepared responses', () => {
  it('builds once per version and answers 304 to a client holding the same ETag', async () => {
    let builds = 0;
    const memo = createResponseMemo({ now: () => 0 });
    const build = () => ({ built: ++builds });
    const first = memo.get('k', 'v1', build);
    expect(memo.get('k', 'v1', build)).toBe(first);
    expect(builds).toBe(1);
    const revalidated = preparedJson(
      new Request('http://x/', { headers: { 'if-none-match': `W/${first.etag}` } }),
      first,
      'no-cache',
    );
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(memo.get('k', 'v2', build).etag).not.toBe(first.etag);
  });

  it('keeps within its byte budget, the least recently built out first, however few the entries', () => {
    const memo = createResponseMemo({ now: () => 0, maxBytes: 250_000 });
    let builds = 0;
    const body = (key: string) => () => {
      builds += 1;
      return { key, filler: 'x'.repeat(100_000) };
    };
    for (const key of ['a', 'b', 'c']) memo.get(key, 'v1', body(key));
    // 3 × 100 kB does not fit in 250 kB: `a`, built first, gave way; `b` and `c` are kept.
    expect(memo.size).toBe(2);
    memo.get('c', 'v1', body('c'));
    memo.get('b', 'v1', body('b'));
    expect(builds).toBe(3);
    memo.get('a', 'v1', body('a'));
    expect(builds).toBe(4);
    // One answer above the whole budget is still answered, and kept alone.
    const huge = memo.get('huge', 'v1', () => ({ filler: 'y'.repeat(300_000) }));
    expect(huge.body.byteLength).toBeGreaterThan(300_000);
    expect(memo.size).toBe(1);
  });

  it('matches an ETag in a list, weak or strong, and `*`', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    expect(etagMatches(null, '"b"')).toBe(false);
  });
});

describe('acceptedEncoding', () => {
  it('prefers Brotli, then gzip, else sends the bytes as they are', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('br');
    expect(acceptedEncoding('gzip')).toBe('gzip');
    expect(acceptedEncoding('identity')).toBeNull();
    expect(acceptedEncoding(undefined)).toBeNull();
  });
});

describe('isSecure', () => {
  it('trusts the first X-Forwarded-Proto, else the request URL’s scheme', () => {
    expect(isSecure(new Request('http://x/', { headers: { 'x-forwarded-proto': 'https, http' } }))).toBe(
      true,
    );
    expect(isSecure(new Request('https://x/', { headers: { 'x-forwarded-proto': 'HTTP' } }))).toBe(false);
    expect(isSecure(new Request('https://x/'))).toBe(true);
  });

  it('reads Node requests the same way, the socket deciding when no proxy says', () => {
    const node = (headers: Record<string, string>, encrypted: boolean) =>
      ({ headers, socket: encrypted ? { encrypted } : {} }) as unknown as IncomingMessage;
    expect(isSecure(node({ 'x-forwarded-proto': 'https' }, false))).toBe(true);
    expect(isSecure(node({}, true))).toBe(true);
    expect(isSecure(node({}, false))).toBe(false);
  });
});

describe('handleApi', () => {
  it('turns an ApiError into its status and the error shape, never caching it', async () => {
    const response = await handleApi(() => {
      throw new ApiError(404, 'No such thing.');
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such thing.' } });
  });

  it('answers anything unexpected with a 500 that shows no stack trace', async () => {
    const response = await handleApi(() => {
      throw new Error('secret detail');
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret detail');
  });
});
