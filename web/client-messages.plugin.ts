import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Which message code reaches the browser.
 *
 * Paraglide puts every language of a message into the browser bundle, and even one language's whole
 * module (~410 messages, ~11 KB gzip in Arabic) is mostly texts the page cannot show: the search page
 * paid for the provider, moderation, account and claims messages. In the browser build this plugin
 * gives each route node (a SvelteKit `+page`, `+layout` or `+error`, with the components and modules it
 * imports) its own small message module per language, holding only the messages its client code names:
 *
 * - Every import of `$lib/paraglide/messages` (and of `$lib/i18n/client-messages`) in browser code
 *   resolves to one small runtime module: `m.key(inputs)` answers from the messages loaded so far for the
 *   page's language, and `loadMessages(locale)` (called by routes/+layout.ts) loads them for a language.
 * - Each node file gets an import of its node's module prepended, which fetches that node's messages in
 *   the page's language with a top-level await. The node's code therefore never runs before its
 *   messages are there, on the first load as on client-side navigation; no route file has to do anything.
 * - A node's messages are found by reading its source and the sources it imports (`$lib/...`, relative
 *   paths), following imports, and collecting every `m.<key>` they name. The root layout's messages are
 *   left out of the other nodes (the root layout is always loaded). A module that uses `m` other than as
 *   `m.<key>` (e.g. `m[key]`) gets the node every message, with a warning.
 * - After bundling, the same collection is checked against the bundler's own module graph: if a module
 *   that a node's code really imports names a message that is not in that node's module, the build fails
 *   and says which. A new page or message can therefore not go missing silently.
 *
 * The server build keeps Paraglide's own modules (every language, every message). `vite dev` gives each
 * node the page language's whole module (no scanning, so nothing gets stale while files change).
 *
 * It relies on `outputStructure: 'locale-modules'` (one module per language) in paraglide.options.ts.
 */

const BASE = '\0skillway:client-messages';
const NODE_PREFIX = '\0skillway:client-messages/node/';
const TABLE_PREFIX = '\0skillway:client-messages/table/';
/** The group of the root layout: always loaded, so the other nodes need not carry its messages. */
export const ROOT_LAYOUT = 'layout';

const NODE_FILE = /^\+(page|layout|error)(?:\.svelte|\.ts|\.js)$/;
const SOURCE_EXTENSIONS = ['.svelte', '.ts', '.js'];

const posix = (p: string) => p.replaceAll('\\', '/');

/** Files that never reach the browser (SvelteKit refuses to bundle them for it). */
export function isServerOnly(file: string): boolean {
  const p = posix(file);
  return (
    /\.server\.[jt]s$/.test(p) || p.includes('/lib/server/') || /\/\+server\.[jt]s$/.test(p) || /\.test\.[jt]s$/.test(p)
  );
}

export interface MessageUse {
  /** message keys named as `m.<key>` */
  keys: Set<string>;
  /** true when the module imports the messages and uses them in a way that names no key (`m[key]`, `{ a } = m`, …) */
  dynamic: boolean;
}

const MESSAGES_IMPORT =
  /\bimport\s*(\{[^}]*\}|\*\s*as\s+[\w$]+)\s*from\s*['"][^'"]*paraglide\/messages(?:\.js)?['"]\s*;?/g;

/** The message keys a module's source (Svelte or TypeScript) names, or null when it does not import the messages. */
export function messageUse(source: string): MessageUse | null {
  const imports = [...source.matchAll(MESSAGES_IMPORT)];
  if (imports.length === 0) return null;
  const keys = new Set<string>();
  let dynamic = false;
  const names: string[] = [];
  for (const [, clause] of imports) {
    const named = /^\{([^}]*)\}$/.exec((clause ?? '').trim());
    if (!named) {
      dynamic = true; // import * as …
      continue;
    }
    for (const part of (named[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const alias = /^m(?:\s+as\s+([\w$]+))?$/.exec(part);
      if (alias) names.push(alias[1] ?? 'm');
      else dynamic = true; // a message imported by name: not something the browser module offers
    }
  }
  const rest = source.replace(MESSAGES_IMPORT, '');
  for (const name of names) {
    const escaped = name.replace(/\$/g, '\\$');
    for (const [, key] of rest.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)`, 'g')))
      if (key) keys.add(key);
    // Any other use of the name (m[key], passing m on, destructuring) names no key we can see.
    const other = new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])(?!\\s*\\??\\.\\s*[A-Za-z_$])`, 'g');
    if (other.test(rest)) dynamic = true;
  }
  return { keys, dynamic };
}

/** Import specifiers of a module's source: static, re-exports, side-effect and dynamic imports. */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const [, spec] of source.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"\n]+)['"]/g)) if (spec) found.add(spec);
  return [...found];
}

/** The source file an import names, or null for packages and what is not on disk. */
export function resolveSource(spec: string, from: string, srcDir: string): string | null {
  let base: string;
  if (spec === '$lib' || spec.startsWith('$lib/')) base = join(srcDir, 'lib', spec.slice(5));
  else if (spec.startsWith('./') || spec.startsWith('../')) base = resolve(dirname(from), spec);
  else if (spec.startsWith('/')) base = spec;
  else return null;
  const candidates = [base, ...SOURCE_EXTENSIONS.map((e) => base + e)];
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'));
  candidates.push(...SOURCE_EXTENSIONS.map((e) => join(base, `index${e}`)));
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** The group a route node file belongs to: its directory under routes/ and its kind ("search/page", "layout"). */
export function nodeGroup(file: string, routesDir: string): string | null {
  const name = posix(file).split('/').pop() ?? '';
  const kind = NODE_FILE.exec(name)?.[1];
  if (!kind) return null;
  const dir = posix(relative(routesDir, dirname(file)));
  if (dir.startsWith('..')) return null;
  return dir ? `${dir}/${kind}` : kind;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

export interface ClientMessagePlan {
  /** route node group → its node files */
  nodes: Map<string, string[]>;
  /** route node group → the message keys its module carries (the root layout's left out of the others) */
  keys: Map<string, Set<string>>;
  /** route node group → every key its client code names (root layout's included) */
  used: Map<string, Set<string>>;
  /** modules whose use of the messages names no key, and the groups that therefore carry every message */
  dynamic: Map<string, string[]>;
}

/**
 * For every route node under `srcDir/routes`: the modules its browser code imports (followed through
 * `$lib` and relative imports, server-only modules left out) and the message keys they name.
 * `allKeys` is every message key (for nodes with a module that uses the messages dynamically).
 */
export function planClientMessages(
  srcDir: string,
  allKeys: readonly string[],
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): ClientMessagePlan {
  const routesDir = join(srcDir, 'routes');
  const sources = new Map<string, string>();
  const source = (f: string) => {
    let s = sources.get(f);
    if (s === undefined) sources.set(f, (s = read(f)));
    return s;
  };
  const nodes = new Map<string, string[]>();
  for (const file of walk(routesDir)) {
    const group = nodeGroup(file, routesDir);
    if (group) nodes.set(group, [...(nodes.get(group) ?? []), file]);
  }
  const uses = new Map<string, MessageUse | null>();
  const use = (f: string) => {
    if (!uses.has(f)) uses.set(f, /\.(svelte|[jt]s)$/.test(f) ? messageUse(source(f)) : null);
    return uses.get(f) ?? null;
  };
  const used = new Map<string, Set<string>>();
  const dynamic = new Map<string, string[]>();
  for (const [group, files] of nodes) {
    const keys = new Set<string>();
    const seen = new Set<string>();
    const stack = files.filter((f) => !isServerOnly(f));
    while (stack.length) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!/\.(svelte|[jt]s)$/.test(file)) continue;
      const u = use(file);
      if (u) {
        for (const k of u.keys) keys.add(k);
        if (u.dynamic) {
          dynamic.set(file, [...(dynamic.get(file) ?? []), group]);
          for (const k of allKeys) keys.add(k);
        }
      }
      for (const spec of importSpecifiers(source(file))) {
        const target = resolveSource(spec, file, srcDir);
        if (target && !isServerOnly(target) && !seen.has(target)) stack.push(target);
      }
    }
    used.set(group, keys);
  }
  const root = used.get(ROOT_LAYOUT) ?? new Set<string>();
  const keys = new Map<string, Set<string>>();
  for (const [group, k] of used)
    keys.set(group, group === ROOT_LAYOUT ? k : new Set([...k].filter((x) => !root.has(x))));
  return { nodes, keys, used, dynamic };
}

/** Message keys that Paraglide's module for one language exports. */
export function exportedKeys(localeModule: string): string[] {
  const keys = new Set<string>();
  for (const [, k] of localeModule.matchAll(/^export const ([\w$]+)\s*=/gm)) if (k) keys.add(k);
  for (const [, list] of localeModule.matchAll(/^export \{([^}]*)\} from\s*["'][^"']+["']/gm))
    for (const k of (list ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      keys.add(k);
  return [...keys];
}

/**
 * A copy of Paraglide's module for one language that exports only `keys`: the others become
 * unexported constants, which the bundler drops. Imports point at Paraglide's files (`dir`).
 */
export function tableModule(localeModule: string, dir: string, keys: Iterable<string>): string {
  const exported = new Set(exportedKeys(localeModule));
  const wanted = [...keys].filter((k) => exported.has(k)).sort();
  const code = localeModule
    .replace(/^export const ([\w$]+)\s*=/gm, 'const $1 =')
    .replace(/^export (\{[^}]*\}) from\s*(["'][^"']+["'])/gm, 'import $1 from $2')
    .replace(
      /(\bfrom\s*|\bimport\s*)(["'])(\.{1,2}\/[^"']+)\2/g,
      (_, kw, q, spec) => `${kw}${q}${posix(resolve(dir, spec))}${q}`,
    );
  if (/^export\b/m.test(code))
    throw new Error("client-messages: a form of export in Paraglide's locale module this plugin does not know");
  return `${code}\nexport { ${wanted.join(', ')} };\n`;
}

function runtimeModule(locales: readonly string[], baseLocale: string): string {
  return `
const LOCALES = ${JSON.stringify(locales)};
const BASE_LOCALE = ${JSON.stringify(baseLocale)};
/** every node's loaders seen so far ({ [locale]: () => import(...) }) */
const groups = new Set();
const loading = new Map();
/** language → the messages loaded for it */
const tables = {};
let requested;
let active;

const known = (locale) => (LOCALES.includes(locale) ? locale : BASE_LOCALE);
/** Before the root layout has said which language: the page's (the server writes it into <html lang>). */
const pageLocale = () => known(typeof document === 'undefined' ? BASE_LOCALE : document.documentElement.lang);

function load(group, locale) {
  let byLocale = loading.get(group);
  if (!byLocale) loading.set(group, (byLocale = new Map()));
  let promise = byLocale.get(locale);
  if (!promise) {
    promise = group[locale]().then(
      (module) => {
        Object.assign((tables[locale] ??= {}), module);
      },
      (error) => {
        byLocale.delete(locale);
        throw error;
      },
    );
    byLocale.set(locale, promise);
  }
  return promise;
}

/** Called (top-level await) by each route node before its code runs: loads its messages. */
export async function use(group) {
  groups.add(group);
  const locale = requested ?? pageLocale();
  await load(group, locale);
  active ??= locale;
}

/** Loads the messages of every node seen so far in \`locale\`; called by the root layout's load before hydration. */
export async function loadMessages(locale) {
  requested = known(locale);
  const target = requested;
  await Promise.all([...groups].map((group) => load(group, target)));
  active = target;
}

/** Same calls as Paraglide's m.key(inputs), answered from the loaded messages of the page's language. */
export const m = new Proxy(
  {},
  {
    get: (_, key) => {
      if (typeof key !== 'string') return undefined;
      return (inputs) => {
        const message = tables[active ?? requested ?? pageLocale()]?.[key];
        if (!message)
          throw new Error('Message "' + key + '" is not in the browser messages of this page (' + active + '); see web/client-messages.plugin.ts');
        return message(inputs ?? {});
      };
    },
  },
);
`;
}

export function clientMessagesPerLocale(options: {
  outdir: string;
  locales: readonly string[];
  baseLocale?: string;
  /** the app's src/ (default: src/ beside this file) */
  srcDir?: string;
}): Plugin[] {
  const srcDir = options.srcDir ?? resolve(import.meta.dirname, 'src');
  const routesDir = join(srcDir, 'routes');
  const baseLocale = options.baseLocale ?? 'en';
  const messagesDir = resolve(options.outdir, 'messages');
  const replaced = new Set(
    [
      resolve(options.outdir, 'messages'),
      resolve(options.outdir, 'messages.js'),
      resolve(srcDir, 'lib/i18n/client-messages'),
      resolve(srcDir, 'lib/i18n/client-messages.ts'),
    ].map(posix),
  );
  let dev = false;
  let plan: ClientMessagePlan | undefined;
  const localeModule = (locale: string) => readFileSync(join(messagesDir, `${locale}.js`), 'utf8');
  const getPlan = () => (plan ??= planClientMessages(srcDir, exportedKeys(localeModule(baseLocale))));

  const isClient = (ctx: { environment?: { config: { consumer: string } } }, ssr?: boolean) =>
    ctx.environment ? ctx.environment.config.consumer === 'client' : !ssr;

  const resolver: Plugin = {
    name: 'skillway:client-messages-per-locale',
    enforce: 'pre',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    buildStart() {
      plan = undefined; // read the sources afresh for every build
    },
    async resolveId(id, importer, resolveOptions) {
      if (id === BASE || id.startsWith(NODE_PREFIX) || id.startsWith(TABLE_PREFIX)) return id;
      if (!isClient(this, resolveOptions?.ssr)) return null;
      const resolved =
        id.startsWith('/') || id.startsWith('.') ? resolve(importer ? resolve(importer, '..') : '', id) : id;
      return replaced.has(posix(resolved)) ? BASE : null;
    },
    load(id) {
      if (id === BASE) return runtimeModule(options.locales, baseLocale);
      if (id.startsWith(NODE_PREFIX)) {
        const group = id.slice(NODE_PREFIX.length);
        const loaders = options.locales
          .map((l) => `${JSON.stringify(l)}: () => import(${JSON.stringify(`${TABLE_PREFIX}${group}:${l}`)})`)
          .join(',\n  ');
        return `import { use } from ${JSON.stringify(BASE)};\nawait use({\n  ${loaders}\n});\n`;
      }
      if (id.startsWith(TABLE_PREFIX)) {
        const rest = id.slice(TABLE_PREFIX.length);
        const at = rest.lastIndexOf(':');
        const [group, locale] = [rest.slice(0, at), rest.slice(at + 1)];
        if (dev) return `export * from ${JSON.stringify(posix(join(messagesDir, `${locale}.js`)))};`;
        const keys = getPlan().keys.get(group);
        if (!keys) this.error(`client-messages: no route node "${group}"`);
        return tableModule(localeModule(locale), messagesDir, keys);
      }
      return null;
    },
  };

  const injector: Plugin = {
    name: 'skillway:client-messages-per-node',
    enforce: 'post',
    transform(code, id, transformOptions) {
      if (!isClient(this, transformOptions?.ssr) || id.includes('?') || id.startsWith('\0')) return null;
      const group = nodeGroup(id, routesDir);
      if (!group || isServerOnly(id)) return null;
      if (!dev) {
        const plan = getPlan();
        const carried = plan.keys.get(group);
        if (!carried || (carried.size === 0 && group !== ROOT_LAYOUT)) return null;
        for (const [file, groups] of plan.dynamic)
          if (groups.includes(group))
            this.warn(`${relative(srcDir, file)} uses the messages other than as m.<key>: ${group} gets every message`);
      }
      return { code: `import ${JSON.stringify(NODE_PREFIX + group)};${code}`, map: null };
    },
    generateBundle() {
      if (dev || !isClient(this, false)) return;
      const problems = checkAgainstGraph(getPlan(), routesDir, [...this.getModuleIds()], (id) => {
        const info = this.getModuleInfo(id);
        return info ? [...info.importedIds, ...info.dynamicallyImportedIds] : [];
      });
      if (problems.length) this.error(`client-messages: ${problems.join('\n')}`);
    },
  };
  return [resolver, injector];
}

/**
 * Checks the plan against the bundler's module graph: every module a node's browser code imports must
 * have each message it names in that node's module or the root layout's. Returns what is missing.
 */
export function checkAgainstGraph(
  plan: ClientMessagePlan,
  routesDir: string,
  moduleIds: string[],
  importsOf: (id: string) => string[],
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): string[] {
  const problems: string[] = [];
  const root = plan.keys.get(ROOT_LAYOUT) ?? new Set<string>();
  const cache = new Map<string, MessageUse | null>();
  const use = (id: string) => {
    if (!cache.has(id)) cache.set(id, /\.(svelte|[jt]s)$/.test(id) && existsSync(id) ? messageUse(read(id)) : null);
    return cache.get(id) ?? null;
  };
  const reached = new Set<string>();
  for (const id of moduleIds) {
    const group = id.includes('?') || id.startsWith('\0') ? null : nodeGroup(id, routesDir);
    if (!group) continue;
    const carried = new Set([...(plan.keys.get(group) ?? []), ...root]);
    const seen = new Set<string>();
    const stack = [id];
    while (stack.length) {
      const current = stack.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      reached.add(current);
      const u = current.startsWith('\0') ? null : use(current.split('?')[0] ?? current);
      if (u) {
        const missing = [...u.keys].filter((k) => !carried.has(k));
        if (missing.length)
          problems.push(`${current} (in ${group}) names messages its node does not carry: ${missing.join(', ')}`);
      }
      stack.push(...importsOf(current));
    }
  }
  for (const id of moduleIds) {
    if (id.startsWith('\0') || reached.has(id)) continue;
    const u = use(id.split('?')[0] ?? id);
    if (u && u.keys.size) problems.push(`${id} uses messages but no route node imports it, so none loads them`);
  }
  return problems;
}
