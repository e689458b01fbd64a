import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { apiHttp, ApiTimeoutError } from './api-http';

/** A real HTTP server on a free loopback port, answering with `handler`. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const get = { method: 'GET', headers: { accept: 'application/json' }, timeoutMs: 5_000 };

describe('apiHttp', () => {
  it('sends the method, headers and body, and returns status, headers and the whole text', async () => {
    const big = 'é'.repeat(100_000); // several chunks on the wire, and a multi-byte character across them
    const url = await serve((req, res, body) => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.end(
        JSON.stringify({ method: req.method, url: req.url, forwarded: req.headers['x-forwarded-for'], body, big }),
      );
    });
    const answer = await apiHttp(`${url}/api/v1/x?q=nurse`, {
      method: 'POST',
      headers: { 'x-forwarded-for': '203.0.113.7', 'content-type': 'application/json' },
      body: '{"ü":1}',
      timeoutMs: 5_000,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(JSON.parse(answer.text)).toEqual({
      method: 'POST',
      url: '/api/v1/x?q=nurse',
      forwarded: '203.0.113.7',
      body: '{"ü":1}',
      big,
    });
  });

  it('keeps the connection for the next request', async () => {
    const ports = new Set<number>();
    const url = await serve((req, res) => {
      ports.add(req.socket.remotePort!);
      res.end('{}');
    });
    for (let i = 0; i < 5; i++) await apiHttp(url, get);
    expect(ports.size).toBe(1);
  });

  it('returns an error status with its body (the caller reads the problem)', async () => {
    const url = await serve((_req, res) => {
      res.statusCode = 404;
      res.end('{"title":"Not Found"}');
    });
    const answer = await apiHttp(url, get);
    expect(answer.status).toBe(404);
    expect(answer.text).toBe('{"title":"Not Found"}');
  });

  it('fails when nothing listens', async () => {
    const url = await serve(() => {});
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    await expect(apiHttp(url, get)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('fails after the timeout when the answer does not come', async () => {
    const url = await serve(() => {}); // never answers
    await expect(apiHttp(url, { ...get, timeoutMs: 50 })).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it('fails when the answer is cut short', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('content-length', '100');
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await expect(apiHttp(url, get)).rejects.toThrow();
  });

  it('sends a GET again when the API closed a kept-alive connection while it was idle', async () => {
    let requests = 0;
    const url = await serve((req, res) => {
      requests += 1;
      // The second request arrives on the kept socket: close it unanswered, as a server does whose
      // keep-alive timeout ran out just then. The retry comes on a new connection.
      if (requests === 2) return req.socket.destroy();
      res.end(`{"n":${requests}}`);
    });
    expect((await apiHttp(url, get)).text).toBe('{"n":1}');
    expect((await apiHttp(url, get)).text).toBe('{"n":3}');
  });
});
