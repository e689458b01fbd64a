import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/**
 * What the web app's server-side fetch (Node's undici) sends, and so what the API mostly serves: the
 * bench pays for compression as production does.
 */
export const ACCEPT_ENCODING = 'gzip, deflate';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** as received (compressed when the server compressed it) */
  raw: Buffer;
}

/**
 * Requests over ONE keep-alive connection, one at a time: the latency of a request, not of a queue.
 * Built on node:http rather than fetch so the client adds as little as possible to what is measured.
 */
export class SequentialClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string) {
    const url = new URL(origin);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  send(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          path,
          method: options.method ?? 'GET',
          agent: this.agent,
          headers: {
            'accept-encoding': ACCEPT_ENCODING,
            ...(options.body !== undefined && { 'content-type': 'application/json' }),
            ...options.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`no answer to ${path} within 60 s`)));
      req.end(options.body);
    });
  }

  /** Sends and parses a JSON answer, failing with the status and body when it is not `expected`. */
  async json<T = unknown>(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: unknown; expected?: number } = {},
  ): Promise<{ status: number; headers: HttpAnswer['headers']; body: T }> {
    const answer = await this.send(path, {
      ...options,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = decode(answer).toString('utf8');
    const expected = options.expected ?? 200;
    if (answer.status !== expected) {
      throw new Error(
        `${options.method ?? 'GET'} ${path} answered ${answer.status}, not ${expected}: ${text.slice(0, 500)}`,
      );
    }
    return { status: answer.status, headers: answer.headers, body: (text ? JSON.parse(text) : undefined) as T };
  }

  close(): void {
    this.agent.destroy();
  }
}

export function decode(answer: HttpAnswer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'gzip':
      return gunzipSync(answer.raw);
    case 'br':
      return brotliDecompressSync(answer.raw);
    case 'deflate':
      return inflateSync(answer.raw);
    default:
      return answer.raw;
  }
}
