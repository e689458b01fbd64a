import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './bench-result.schema';
import { processCpuSeconds, REPO_ROOT } from './child-server';
import { SequentialClient, decode } from './http-client';
import { round, summarise } from './latency-stats';
import { toQueryString, type MixQuery } from './query-mix';

const WEB_DIR = join(REPO_ROOT, 'web');

/** Builds the web app (vite build) when web/build has no server entry yet. */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  if (existsSync(join(WEB_DIR, 'build', 'index.js'))) return;
  log('  web/build/index.js is missing: building the web app (vite build)...');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build'], {
      cwd: WEB_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output = (output + d).slice(-8_000)));
    child.stderr.on('data', (d) => (output = (output + d).slice(-8_000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}:\n${output}`)),
    );
  });
  log(`  web app built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** `<link rel="modulepreload" href>` and `import("...")` in the page: what the browser loads at once. */
function entryModules(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) out.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+)"[^>]*rel="modulepreload"/g)) out.add(m[1]!);
  for (const script of html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const m of script[1]!.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) out.add(m[1]!);
  }
  return [...out];
}

/** Static imports of a built module (`import{a}from"./x.js"`, `import"./y.js"`), not lazy `import()`s. */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+\.js)["']/g)) {
    out.push(m[1]!);
  }
  return out;
}

/**
 * JS a first visit to the search page downloads: the modules the page references and everything they
 * import statically, summed as the server sends them gzipped (its precompressed .gz copies), or
 * gzipped here when it sends them plain.
 */
async function firstLoadJs(client: SequentialClient, origin: string, pagePath: string) {
  const page = await client.send(pagePath, { headers: { accept: 'text/html' } });
  const pageUrl = new URL(pagePath, origin);
  const queue = entryModules(decode(page).toString('utf8')).map((src) => new URL(src, pageUrl));
  const seen = new Set<string>();
  let gzipBytes = 0;
  let rawBytes = 0;
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (url.origin !== origin || seen.has(url.pathname)) continue;
    seen.add(url.pathname);
    const answer = await client.send(url.pathname, { headers: { 'accept-encoding': 'gzip' } });
    if (answer.status !== 200) throw new Error(`${url.pathname} answered ${answer.status}`);
    const code = decode(answer);
    rawBytes += code.length;
    gzipBytes +=
      answer.headers['content-encoding'] === 'gzip' ? answer.raw.length : gzipSync(code, { level: 9 }).length;
    for (const dep of staticImports(code.toString('utf8'))) queue.push(new URL(dep, url));
  }
  if (seen.size === 0) throw new Error(`the page ${pagePath} references no JS module`);
  return { files: seen.size, gzipBytes, rawBytes };
}

/**
 * Server render time of the search page: GET /search?... on the built web app (which calls the API
 * for the results, the facets and the labels), one request at a time, for searches of the mix that
 * carry text; and the page's first-load JS.
 */
export async function measureWeb(
  webOrigin: string,
  webPid: number,
  engine: string,
  mix: readonly MixQuery[],
  requests: number,
): Promise<BenchResult['web']> {
  const client = new SequentialClient(webOrigin);
  try {
    const texts = mix.filter((m) => m.query.q);
    const paths = Array.from(
      { length: requests },
      (_, i) => `/search?${toQueryString(texts[i % texts.length]!.query)}`,
    );
    for (const path of paths.slice(0, 10)) await client.send(path, { headers: { accept: 'text/html' } });
    const times: number[] = [];
    // CPU of the web server process alone: what rendering costs it, whatever the API and the
    // neighbours take meanwhile (the wall-clock times above include both).
    const cpuBefore = processCpuSeconds(webPid);
    for (const path of paths) {
      const started = performance.now();
      const answer = await client.send(path, { headers: { accept: 'text/html' } });
      times.push(performance.now() - started);
      if (answer.status !== 200) throw new Error(`GET ${path} on the web app answered ${answer.status}`);
    }
    const serverCpuMsPerRequest = round(((processCpuSeconds(webPid) - cpuBefore) * 1000) / paths.length, 2);
    return {
      engine,
      render: summarise(times),
      serverCpuMsPerRequest,
      firstLoadJs: await firstLoadJs(client, webOrigin, '/search?q=nurse'),
    };
  } finally {
    client.close();
  }
}
