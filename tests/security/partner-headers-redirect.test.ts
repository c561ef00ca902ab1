import { lookup } from 'node:dns/promises';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverFeedCentres } from '../../src/adapters/smart/adapter.ts';
import { type RecordingServer, startRecordingServer } from '../support/recording-server.ts';
import { manifest, oneLocation, smartContext } from './smart-feed.ts';

// Issue 13, point 2: the partner's configured headers go to the configured origin only, even when
// the feed answers a redirect to another origin.

// The machine's own name resolves to loopback on most hosts (/etc/hosts): a name, not an address.
const ownName = os.hostname();
const ownNameIsLoopback = await lookup(ownName, { all: true })
  .then((found) => found.length > 0 && found.every(({ address }) => /^127\.|^::1$/.test(address)))
  .catch(() => false);

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function elsewhere(): Promise<RecordingServer> {
  const server = await startRecordingServer((path) =>
    path.endsWith('$bulk-publish')
      ? { body: manifest([{ type: 'Location', url: 'locations.ndjson' }]) }
      : { body: oneLocation() },
  );
  servers.push(server);
  return server;
}

async function feedRedirectingTo(target: string): Promise<RecordingServer> {
  const server = await startRecordingServer((path) =>
    path.endsWith('$bulk-publish')
      ? { status: 302, headers: { location: `${target}/smart/$bulk-publish` } }
      : { body: oneLocation() },
  );
  servers.push(server);
  return server;
}

describe('partner headers and redirects', () => {
  it('does not send the partner key to another origin the feed redirects to', async () => {
    const other = await elsewhere();
    // `localhost` and `127.0.0.1` are two origins; loopback is allowed here so the redirect is followed.
    const feed = await feedRedirectingTo(`http://localhost:${other.port}`);
    const ctx = smartContext({
      base_url: `${feed.url}/smart`,
      headers: { 'x-api-key': 'partner-secret' },
      allow_private_addresses: true,
    });
    const { centres } = await discoverFeedCentres(ctx);
    expect(centres.map((c) => c.name)).toEqual(['Centre du test']);
    expect(other.requests.map((r) => r.path)).toEqual(['/smart/$bulk-publish']);
    expect(other.requests[0]?.headers['x-api-key']).toBeUndefined();
    // The configured origin still gets it, for the manifest and for the files it lists.
    expect(feed.requests.map((r) => [r.path, r.headers['x-api-key']])).toEqual([
      ['/smart/$bulk-publish', 'partner-secret'],
      ['/smart/locations.ndjson', 'partner-secret'],
    ]);
  });

  it('refuses a redirect to a loopback host other than the configured one', async () => {
    const other = await elsewhere();
    const feed = await feedRedirectingTo(`http://localhost:${other.port}`);
    const ctx = smartContext({ base_url: `${feed.url}/smart`, headers: { 'x-api-key': 'partner-secret' } });
    await expect(discoverFeedCentres(ctx)).rejects.toMatchObject({ kind: 'bad_response' });
    expect(other.requests).toEqual([]);
  });

  it.skipIf(!ownNameIsLoopback)('refuses a redirect to a host name that resolves to loopback', async () => {
    const other = await elsewhere();
    const feed = await feedRedirectingTo(`http://${ownName}:${other.port}`);
    const ctx = smartContext({ base_url: `${feed.url}/smart`, headers: { 'x-api-key': 'partner-secret' } });
    await expect(discoverFeedCentres(ctx)).rejects.toMatchObject({ kind: 'bad_response' });
    expect(other.requests).toEqual([]);
  });

  it('refuses a redirect from https to http and to a scheme other than http(s)', async () => {
    const { redirectProblem } = await import('../../src/adapters/http.ts');
    const ctx = smartContext({ base_url: 'https://feed.example/smart' });
    const from = new URL('https://feed.example/smart/$bulk-publish');
    expect(redirectProblem(ctx, from, new URL('http://feed.example/x'))).toMatch(/downgraded/);
    expect(redirectProblem(ctx, from, new URL('file:///etc/passwd'))).toMatch(/not http/);
    expect(redirectProblem(ctx, from, new URL('https://169.254.169.254/latest'))).toMatch(/private/);
    expect(redirectProblem(ctx, from, new URL('https://cdn.example/x'))).toBeNull();
  });
});
