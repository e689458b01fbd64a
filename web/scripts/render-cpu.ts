/**
 * CPU the built web server spends per search page (its own utime + stime from /proc, which neighbours
 * on the machine do not inflate), for one or more builds side by side, interleaved.
 *
 *   npx tsx web/scripts/render-cpu.ts --api http://127.0.0.1:8080 [--build web/build] [--build /tmp/old/build]
 *                                     [--pages 200] [--rounds 4] [--warm 3]
 *
 * Each build runs as `node <build>/index.js` on a free loopback port against the given API (start one
 * with `npm run start:api`, API_WORKERS=1 RATE_LIMIT_PER_MINUTE=0). Every round sends the same pages
 * (searches in English and Arabic, a place, filters, a second page) to each build in turn, after `warm`
 * passes that let V8 compile the code: the figure is a long-running server's. The bench's web figure
 * (`npm run bench`, a fresh server, 10 pages of warm-up) includes the compiling as well.
 * Linux only (/proc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    build: { type: 'string', multiple: true },
    pages: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '4' },
    warm: { type: 'string', default: '3' },
  },
});
if (!values.api) throw new Error('--api <url of a running API> is required');
const builds = (values.build ?? ['web/build']).map((b) => resolve(b));

const WORDS = [
  'nurse', 'teacher', 'I was a nurse in Syria', 'recognition of qualifications', 'language courses', 'cook',
  'electrician', 'enfermera', 'infirmier', 'verpleegkundige', 'ápoló', 'učiteľ', 'ممرضة', 'مدرس', 'engineer',
  'job matching', 'diploma', 'mentoring', 'skills assessment', 'career guidance for refugees',
]; // prettier-ignore
const EXTRAS = ['', '&country=IE', '&near=Cork', '&category=language-training', '&page=2', '&country=NL&cost=free'];
const paths = Array.from({ length: Number(values.pages) }, (_, i) => {
  const prefix = i % 3 === 2 ? '/ar' : '';
  return `${prefix}/search?q=${encodeURIComponent(WORDS[i % WORDS.length]!)}${EXTRAS[i % EXTRAS.length]}`;
});

function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
/** GET as a browser asks (gzip), the whole answer read; resolves with the status. */
function get(url: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { agent, headers: { accept: 'text/html', 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end();
  });
}

async function waitUp(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await get(url).catch(() => 0)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within a minute`);
}

const servers: { build: string; child: ChildProcess; url: string; ms: number[] }[] = [];
try {
  for (const build of builds) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // Only what the web server reads: nothing of this shell's environment leaks into the measurement.
    const env = { HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, API_URL: values.api, NODE_ENV: 'production' };
    const child = spawn(process.execPath, [resolve(build, 'index.js')], { env, stdio: 'ignore' });
    servers.push({ build, child, url, ms: [] });
    await waitUp(`${url}/`);
  }
  for (let i = 0; i < Number(values.warm); i++) for (const s of servers) for (const p of paths) await get(s.url + p);
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const s of round % 2 ? [...servers].reverse() : servers) {
      const before = cpuSeconds(s.child.pid!);
      for (const p of paths) {
        const status = await get(s.url + p);
        if (status !== 200) throw new Error(`${s.build}: ${p} answered ${status}`);
      }
      s.ms.push(((cpuSeconds(s.child.pid!) - before) * 1000) / paths.length);
    }
  }
  for (const s of servers) {
    const median = [...s.ms].sort((a, b) => a - b)[Math.floor(s.ms.length / 2)]!;
    console.log(`${s.build}: ${s.ms.map((x) => x.toFixed(2)).join(' ')} ms CPU per page; median ${median.toFixed(2)}`);
  }
  console.log(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
} finally {
  agent.destroy();
  for (const s of servers) s.child.kill();
}
