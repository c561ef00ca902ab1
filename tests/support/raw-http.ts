import net from 'node:net';

/**
 * The status line exactly as the server writes it (`HTTP/1.1 404 Not Found`): fetch and undici
 * expose the code, and a reason phrase only as the server sent it, so this reads the bytes.
 */
export function statusLine(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<string> {
  const { hostname, port } = new URL(url);
  const head = [
    `${options.method ?? 'GET'} ${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => socket.write(head));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(received.slice(0, end));
      }
    });
    socket.once('error', reject);
    socket.once('end', () => reject(new Error(`connection closed before a status line: ${received}`)));
  });
}
