import { afterEach, describe, expect, it } from 'vitest';
import { isPrivateHost } from '../../src/adapters/private-address.ts';
import smart, { discoverFeedCentres } from '../../src/adapters/smart/adapter.ts';
import { feedUrlProblem } from '../../src/adapters/smart/feed-fields.ts';
import { type RecordingServer, startRecordingServer } from '../support/recording-server.ts';
import { manifest, oneLocation, SD, smartContext } from './smart-feed.ts';

// Issue 13, point 2: URLs a SMART feed supplies are fetched only on the configured feed origins and
// never on loopback, link-local or private addresses unless the operator allows it; feed fields
// (booking-phone) are validated like the importer's.

const servers: RecordingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(answer: Parameters<typeof startRecordingServer>[0]): Promise<RecordingServer> {
  const server = await startRecordingServer(answer);
  servers.push(server);
  return server;
}

describe('feed-supplied URLs', () => {
  it('does not fetch a manifest file on another loopback origin (the feed cannot aim the poller)', async () => {
    const target = await serve(() => ({ body: oneLocation() }));
    const feed = await serve(() => ({
      body: manifest([{ type: 'Location', url: `http://localhost:${target.port}/internal/admin` }]),
    }));
    const ctx = smartContext({ base_url: `${feed.url}/smart` });
    await expect(discoverFeedCentres(ctx)).rejects.toMatchObject({ kind: 'bad_response' });
    expect(target.requests).toEqual([]);
  });

  it('refuses cloud metadata, private and foreign origins, and allows the configured ones', () => {
    const ctx = smartContext({
      base_url: 'https://feed.example/smart',
      feed_origins: ['https://cdn.example'],
    });
    const problem = (url: string) => feedUrlProblem(ctx, new URL(url));
    expect(problem('http://169.254.169.254/latest/meta-data/')).toMatch(/not the feed's origin/);
    expect(problem('https://evil.example/l.ndjson')).toMatch(/not the feed's origin/);
    expect(problem('https://feed.example/smart/l.ndjson')).toBeNull();
    expect(problem('https://cdn.example/l.ndjson')).toBeNull();
    // Even listed, a private address needs the operator's explicit allowance.
    const listed = smartContext({
      base_url: 'https://feed.example/smart',
      feed_origins: ['http://10.0.0.7'],
    });
    expect(feedUrlProblem(listed, new URL('http://10.0.0.7/l.ndjson'))).toMatch(/private/);
    const allowed = smartContext({
      base_url: 'https://feed.example/smart',
      feed_origins: ['http://10.0.0.7'],
      allow_private_addresses: true,
    });
    expect(feedUrlProblem(allowed, new URL('http://10.0.0.7/l.ndjson'))).toBeNull();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.1', true],
    ['localhost', true],
    ['api.localhost', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['[::1]', true],
    ['[fe80::1]', true],
    ['[fd00::1]', true],
    ['[::ffff:7f00:1]', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['feed.example', false],
    ['[2001:db8::1]', false],
  ])('classifies %s as private: %s', (host, expected) => {
    expect(isPrivateHost(new URL(`http://${host}/`).hostname)).toBe(expected);
  });
});

describe('feed-supplied fields', () => {
  it('republishes a booking-phone only as a dialable number, never as written', async () => {
    const slot = (id: string, start: string, phone: string) =>
      JSON.stringify({
        resourceType: 'Slot',
        id,
        schedule: { reference: 'Schedule/s1' },
        status: 'free',
        start,
        extension: [{ url: `${SD}booking-phone`, valueString: phone }],
      });
    const files: Record<string, string> = {
      '/smart/$bulk-publish': manifest([
        { type: 'Location', url: 'locations.ndjson' },
        { type: 'Schedule', url: 'schedules.ndjson' },
        { type: 'Slot', url: 'slots.ndjson' },
      ]),
      '/smart/locations.ndjson': oneLocation([{ system: 'phone', value: '<script>alert(1)</script>' }]),
      '/smart/schedules.ndjson': `${JSON.stringify({
        resourceType: 'Schedule',
        id: 's1',
        actor: [{ reference: 'Location/loc-1' }],
      })}\n`,
      '/smart/slots.ndjson': `${slot('a', '2021-04-21T08:00:00Z', 'javascript:alert(1)')}\n`,
    };
    const feed = await serve((path) => ({ body: files[path] ?? '', status: files[path] ? 200 : 404 }));
    const ctx = smartContext({ base_url: `${feed.url}/smart`, allow_private_addresses: false });
    const { centres } = await discoverFeedCentres(ctx);
    const [centre] = centres;
    if (!centre) throw new Error('no feed centre');
    expect(centre.phones).toEqual([]);
    const bad = await smart.fetchAvailability(centre, ctx);
    expect(bad.slot_count).toBe(1);
    expect(bad.booking_phone).toBeNull();

    files['/smart/slots.ndjson'] = `${slot('b', '2021-04-21T08:00:00Z', '01 23 45 67 89')}\n`;
    const fresh = smartContext({ base_url: `${feed.url}/smart` });
    const good = await smart.fetchAvailability(centre, fresh);
    expect(good.booking_phone).toBe('+33123456789');
  });
});
