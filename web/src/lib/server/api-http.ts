import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One HTTP request from this server to the API, over node:http with kept-alive connections.
 *
 * Not `fetch`: Node's fetch (undici behind WHATWG Request, Response, Headers, AbortSignal and web
 * streams) cost ~1.4 ms of CPU per call for an 8 KB search answer on loopback, this ~0.5 ms; a search
 * page makes one or two such calls, against a 5 ms budget for the whole render (issue 15).
 */

export interface ApiHttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** the whole exchange, connection to last byte */
  timeoutMs: number;
}

export interface ApiHttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** the body as text (UTF-8) */
  text: string;
}

// The API's own keep-alive timeout is longer than the agent's idle time for a free socket, so a socket
// is rarely reused just as the API closes it; when it is, an idempotent request is sent once more.
const AGENT_OPTIONS = { keepAlive: true, timeout: 30_000, scheduling: 'lifo' } as const;
const agents = { http: new HttpAgent(AGENT_OPTIONS), https: new HttpsAgent(AGENT_OPTIONS) };

export class ApiTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = 'ApiTimeoutError';
  }
}

export function apiHttp(url: string, init: ApiHttpRequest): Promise<ApiHttpAnswer> {
  return once(url, init).catch((error: unknown) => {
    // A kept-alive socket the API closed while it was idle: the request never reached it.
    if (init.method === 'GET' && (error as { reusedSocket?: boolean }).reusedSocket) return once(url, init);
    throw error;
  });
}

function once(url: string, init: ApiHttpRequest): Promise<ApiHttpAnswer> {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const req = (https ? httpsRequest : httpRequest)(
      target,
      { method: init.method, headers, agent: https ? agents.https : agents.http },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('close', () => {
          if (!res.complete) fail(new Error('the API closed the connection before the whole answer'));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body.toString('utf8') });
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new ApiTimeoutError(init.timeoutMs)), init.timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      const reset = (error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.reusedSocket;
      reject(reset ? Object.assign(error, { reusedSocket: true }) : error);
    }
    req.on('error', fail);
    req.end(init.body);
  });
}
