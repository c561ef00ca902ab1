import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource, SourceError } from '../../../src/registry/import/read-source.ts';

const CSV = 'gid;nom\n1;Centre A\n';

describe('readSource over HTTP', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/r/stable-id') {
        response.writeHead(302, { location: '/files/centres-vaccination.csv' }).end();
      } else if (request.url === '/files/centres-vaccination.csv') {
        response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(CSV);
      } else {
        response.writeHead(404).end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('downloads the file, following a redirect as data.gouv.fr stable links do', async () => {
    expect(new TextDecoder().decode(await readSource(`${base}/r/stable-id`))).toBe(CSV);
  });

  it('fails with the HTTP status when the server answers an error', async () => {
    await expect(readSource(`${base}/missing.csv`)).rejects.toThrow(/HTTP 404/);
  });

  it('fails clearly when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(readSource(`http://127.0.0.1:${port}/x.csv`)).rejects.toThrow(SourceError);
  });

  it('fails clearly on a missing local file', async () => {
    await expect(readSource('/nonexistent/centres.csv')).rejects.toThrow(/ENOENT/);
  });
});
