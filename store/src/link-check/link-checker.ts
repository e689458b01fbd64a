import type { LinkField } from '../database';

export const USER_AGENT =
  'SkillwayLinkChecker/1.0 (+https://github.com/skillway; checks that directory links still answer)';

export interface LinkToCheck {
  listing_id: string;
  field: LinkField;
  url: string;
}

export interface LinkResult extends LinkToCheck {
  status: number | null;
  location: string | null;
  error: string | null;
  broken: boolean;
}

export interface LinkCheckOptions {
  /** per request (robots.txt included); default 10 s */
  timeoutMs?: number;
  /** pause between two requests to the same host; default 1 s */
  delayMs?: number;
  /** hosts checked at once (each host still gets one request at a time); default 6 */
  hosts?: number;
  fetch?: typeof fetch;
  /** called after each link, for progress output */
  onResult?: (result: LinkResult) => void;
}

/** The Disallow rules that apply to us (our agent's group, else `*`), as path prefixes. */
export function parseRobots(text: string, agent = 'skillwaylinkchecker'): string[] {
  const groups: { agents: string[]; disallow: string[] }[] = [];
  let current: { agents: string[]; disallow: string[] } | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!match) continue;
    const key = match[1]!.toLowerCase();
    const value = match[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], disallow: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else {
      lastWasAgent = false;
      if (key === 'disallow' && current && value) current.disallow.push(value);
    }
  }
  const ours = groups.find((g) => g.agents.some((a) => a !== '*' && agent.includes(a)));
  return (ours ?? groups.find((g) => g.agents.includes('*')))?.disallow ?? [];
}

function allowed(url: URL, disallow: string[]): boolean {
  const path = url.pathname + url.search;
  return !disallow.some((prefix) => path.startsWith(prefix.replace(/\*$/, '')));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timed out';
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}

/**
 * Asks every link for its HTTP status, politely: one request at a time per host with a pause between
 * them, a timeout on each, robots.txt read once per host and obeyed, HEAD first (GET when a server does
 * not take HEAD), redirects recorded, not followed. A link is broken when it does not answer or
 * answers 4xx/5xx; a redirect is not broken (moderators see where it goes).
 */
export async function checkLinks(links: LinkToCheck[], options: LinkCheckOptions = {}): Promise<LinkResult[]> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const delayMs = options.delayMs ?? 1000;
  const doFetch = options.fetch ?? fetch;
  const byHost = new Map<string, { link: LinkToCheck; url: URL }[]>();
  const results: LinkResult[] = [];
  const record = (result: LinkResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      record({ ...link, status: null, location: null, error: 'not a valid http(s) address', broken: true });
      continue;
    }
    const list = byHost.get(url.host) ?? [];
    list.push({ link, url });
    byHost.set(url.host, list);
  }
  const request = (url: URL, method: string) =>
    doFetch(url, {
      method,
      redirect: 'manual',
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,*/*;q=0.5' },
      signal: AbortSignal.timeout(timeoutMs),
    });

  async function checkHost(items: { link: LinkToCheck; url: URL }[]): Promise<void> {
    let disallow: string[] = [];
    try {
      const robots = await request(new URL('/robots.txt', items[0]!.url), 'GET');
      if (robots.ok) disallow = parseRobots(await robots.text());
      else await robots.body?.cancel();
    } catch {
      // No robots.txt answer: nothing is disallowed.
    }
    for (const { link, url } of items) {
      await sleep(delayMs); // robots.txt was a request too
      if (!allowed(url, disallow)) {
        record({ ...link, status: null, location: null, error: 'robots.txt asks us not to check it', broken: false });
        continue;
      }
      try {
        let res = await request(url, 'HEAD');
        if (res.status === 405 || res.status === 501) {
          await res.body?.cancel();
          res = await request(url, 'GET');
        }
        await res.body?.cancel();
        const location = res.headers.get('location');
        record({
          ...link,
          status: res.status,
          location: location ? new URL(location, url).href : null,
          error: null,
          broken: res.status >= 400,
        });
      } catch (error) {
        record({ ...link, status: null, location: null, error: describe(error), broken: true });
      }
    }
  }

  const queue = [...byHost.values()];
  const workers = Array.from({ length: Math.min(options.hosts ?? 6, queue.length) }, async () => {
    for (let items = queue.shift(); items; items = queue.shift()) await checkHost(items);
  });
  await Promise.all(workers);
  return results;
}
