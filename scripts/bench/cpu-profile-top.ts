/**
 * The top self-time functions of a V8 CPU profile (node --cpu-prof, or `npm run bench -- --cpu-prof`),
 * and the same time summed per package, to see where a process spends its CPU. A process started with
 * `--import tsx` writes two profiles: the main thread's (the larger, `.0.001`) and tsx's loader thread.
 *
 *   npx tsx scripts/bench/cpu-profile-top.ts <file.cpuprofile> [--top 25] [--inclusive]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  share: number;
}

/** Where a script lives, as a package name or a workspace folder: `fastify`, `api/src`, `(native)`. */
function packageOf(url: string): string {
  if (!url) return '(native, GC, idle)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node (built-in)';
  const workspace = /\/(core|store|indexer|api|web|scripts)\/(\w+)\//.exec(url);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

/** Self time per function and per package; shares are of the busy time (idle samples left out). */
export function selfTimes(profile: CpuProfile): {
  functions: SelfTime[];
  packages: SelfTime[];
  busyMs: number;
  idleMs: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const perNode = new Map<number, number>();
  profile.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let busyMs = 0;
  let idleMs = 0;
  for (const [id, ms] of perNode) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|work\/main)\//, '');
    const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + ms);
    packages.set(packageOf(url), (packages.get(packageOf(url)) ?? 0) + ms);
    busyMs += ms;
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / busyMs) * 1000) / 10 }))
      .sort((a, b) => b.ms - a.ms);
  return {
    functions: sorted(functions),
    packages: sorted(packages),
    busyMs: Math.round(busyMs),
    idleMs: Math.round(idleMs),
  };
}

/**
 * Inclusive time per function (its own and its callees', each sample counted once per function even
 * when it recurses): what a call costs with everything it calls, e.g. the query understanding as a whole.
 */
export function inclusiveTimes(profile: CpuProfile): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const perNode = new Map<number, number>();
  profile.samples.forEach((id, i) => perNode.set(id, (perNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totals = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of perNode) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    busyMs += ms;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      const file = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|work\/main)\//, '');
      const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
      if (seen.has(name)) continue;
      seen.add(name);
      totals.set(name, (totals.get(name) ?? 0) + ms);
    }
  }
  return [...totals]
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / busyMs) * 1000) / 10 }))
    .sort((a, b) => b.ms - a.ms);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '25' }, inclusive: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error('Usage: npx tsx scripts/bench/cpu-profile-top.ts <file.cpuprofile> [--top 25] [--inclusive]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile;
  const { functions, packages, busyMs, idleMs } = selfTimes(profile);
  const top = Number(values.top);
  console.log(
    `${(busyMs / 1000).toFixed(1)} s busy, ${(idleMs / 1000).toFixed(1)} s idle (shares below are of the busy time)\n\nself time by function:`,
  );
  for (const f of functions.slice(0, top))
    console.log(`${f.share.toFixed(1).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.name}`);
  console.log('\nself time by package:');
  for (const p of packages.slice(0, top))
    console.log(`${p.share.toFixed(1).padStart(5)}%  ${String(p.ms).padStart(7)} ms  ${p.name}`);
  if (values.inclusive) {
    console.log('\ninclusive time by function (with its callees):');
    for (const f of inclusiveTimes(profile).slice(0, top))
      console.log(`${f.share.toFixed(1).padStart(5)}%  ${String(f.ms).padStart(7)} ms  ${f.name}`);
  }
}
