import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Listeners, listenShared } from '../../../src/server/listeners.ts';

const opened: Listeners[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => new Promise<void>((resolve) => l.close(resolve))));
});

/** Servers that say which one answered, so the test sees every socket take connections. */
function numbered() {
  let next = 0;
  return () => {
    const id = next++;
    return http.createServer((_req, res) => {
      res.setHeader('connection', 'close');
      res.end(String(id));
    });
  };
}

/** `sockets` numbered servers on a free port of 127.0.0.1, closed after the test. */
async function open(sockets: number): Promise<Listeners> {
  const listeners = await listenShared(numbered(), { port: 0, host: '127.0.0.1', backlog: 511, sockets });
  opened.push(listeners);
  return listeners;
}

async function get(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } });
  return response.text();
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('listenShared', () => {
  it('opens every socket on the one port the first was given, and each takes connections', async () => {
    const listeners = await open(4);
    expect(listeners.count).toBe(4);
    const { port } = listeners.address();
    expect(port).toBeGreaterThan(0);
    // The kernel spreads new connections over the sockets by their source port: 200 connections
    // reach more than one of them (all four in practice; one alone would mean no sharing at all).
    const answered = new Set<string>();
    for (let i = 0; i < 200; i++) answered.add(await get(port));
    expect(answered.size).toBeGreaterThan(1);
    expect([...answered].every((id) => ['0', '1', '2', '3'].includes(id))).toBe(true);
  });

  it('with one socket opens a plain one, as a server on its own would', async () => {
    const listeners = await open(1);
    expect(listeners.count).toBe(1);
    expect(await get(listeners.address().port)).toBe('0');
    // No SO_REUSEPORT on it: another server cannot take the same port.
    const intruder = http.createServer();
    const taken = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      intruder.once('error', resolve);
      intruder.listen({ port: listeners.address().port, host: '127.0.0.1', reusePort: true }, () =>
        resolve(null),
      );
    });
    intruder.close();
    expect(taken?.code).toBe('EADDRINUSE');
  });

  it('close stops every socket: the port refuses connections afterwards', async () => {
    const listeners = await open(3);
    const { port } = listeners.address();
    expect(await refused(port)).toBe(false);
    await new Promise<void>((resolve) => {
      listeners.close(resolve);
      listeners.closeAllConnections();
    });
    expect(await refused(port)).toBe(true);
  });

  it('a port already taken is an error, and no socket is left open', async () => {
    const holder = http.createServer();
    await new Promise<void>((resolve) => holder.listen({ port: 0, host: '127.0.0.1' }, resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      await expect(
        listenShared(numbered(), { port, host: '127.0.0.1', backlog: 511, sockets: 4 }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    expect(await refused(port)).toBe(true);
  });
});
