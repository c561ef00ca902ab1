import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable, Writable } from 'node:stream';

/** The Astro adapter's Node handler (`dist/server/entry.mjs`'s `handler`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** What Astro answered, whole: status, headers as written, body bytes. */
export interface Rendered {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface RenderRequest {
  method: 'GET' | 'OPTIONS' | 'POST';
  /** A POST's body, read and capped by the response path. */
  body?: Buffer;
  /** The visitor's address as Astro's `clientAddress` (per-address limits); default 127.0.0.1. */
  remoteAddress?: string;
  /** Path and query, already normalised: the bytes belong to this URL, not to the visitor's. */
  url: string;
  /** The only headers Astro sees: nothing from the visitor (no cookie, no conditional request). */
  headers: IncomingHttpHeaders;
  /** Whether the public origin is https (Astro builds `Astro.url` from it). */
  secure: boolean;
}

/**
 * Calls Astro's handler with a request made here and collects what it writes, so that the bytes
 * can be kept and served by the one writer (responses/write.ts). Astro writes through `writeHead`,
 * `write` and `end` (astro/app/node's writeResponse), its static handler through `setHeader` and a pipe.
 */
export function renderWithAstro(handler: NodeHandler, request: RenderRequest): Promise<Rendered> {
  return new Promise((resolve, reject) => {
    const socket = {
      encrypted: request.secure,
      remoteAddress: request.remoteAddress ?? '127.0.0.1',
      remotePort: 0,
      destroy() {},
    };
    const req = Object.assign(Readable.from(request.body ? [request.body] : []), {
      url: request.url,
      method: request.method,
      headers: request.headers,
      rawHeaders: Object.entries(request.headers).flatMap(([name, value]) => [name, String(value)]),
      httpVersion: '1.1',
      httpVersionMajor: 1,
      httpVersionMinor: 1,
      socket,
      connection: socket,
      complete: true,
      aborted: false,
    }) as unknown as IncomingMessage;
    const res = new CapturedResponse(req, resolve, reject);
    try {
      const running: unknown = handler(req, res as unknown as ServerResponse);
      // The adapter's handler is async: a rejection is this render's failure, never an unhandled one.
      if (running instanceof Promise) running.catch(reject);
    } catch (error) {
      reject(error);
    }
  });
}

class CapturedResponse extends Writable {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  readonly req: IncomingMessage;
  private readonly headers = new Map<string, string | string[]>();
  private readonly chunks: Buffer[] = [];
  private settled = false;
  private readonly done: (rendered: Rendered) => void;
  private readonly failed: (error: Error) => void;

  constructor(req: IncomingMessage, done: (rendered: Rendered) => void, failed: (error: Error) => void) {
    super();
    this.req = req;
    this.done = done;
    this.failed = failed;
    this.once('finish', () => this.settle());
    this.once('error', (error) => this.fail(error));
    this.once('close', () => {
      if (!this.settled) this.fail(new Error('Astro closed the response before ending it'));
    });
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers.set(
      name.toLowerCase(),
      typeof value === 'number' ? String(value) : (value as string | string[]),
    );
    return this;
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  getHeaders() {
    return Object.fromEntries(this.headers);
  }
  hasHeader(name: string) {
    return this.headers.has(name.toLowerCase());
  }
  removeHeader(name: string) {
    this.headers.delete(name.toLowerCase());
  }
  writeHead(status: number, ...rest: unknown[]): this {
    this.statusCode = status;
    const headers = rest.find((item) => typeof item === 'object' && item !== null) as
      | OutgoingHttpHeaders
      | readonly string[]
      | undefined;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2)
        this.setHeader(String(headers[i]), String(headers[i + 1]));
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined) this.setHeader(name, value as string | string[]);
      }
    }
    this.headersSent = true;
    return this;
  }
  flushHeaders() {}

  override _write(
    chunk: Buffer | string,
    encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ) {
    this.headersSent = true;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    callback();
  }

  private settle() {
    if (this.settled) return;
    this.settled = true;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of this.headers) headers[name] = value;
    this.done({ status: this.statusCode, headers, body: Buffer.concat(this.chunks) });
  }
  private fail(error: Error) {
    if (this.settled) return;
    this.settled = true;
    this.failed(error);
  }
}
