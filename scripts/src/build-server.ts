/**
 * Compiles the Node side of Skillway (the API and the indexer) into plain JavaScript under dist/, so
 * production runs `node`, not tsx: no TypeScript loader in memory and nothing compiled at start-up.
 *
 *   npm run build:server             # always rebuilds (about a second)
 *   tsx scripts/src/build-server.ts --if-stale --quiet   # what `npm start` and `npm run start:api` do
 *
 * esbuild bundles our workspaces (@skillway/*, whose package exports point at .ts sources) into one
 * file per program and leaves every other package external: node_modules is read at run time as
 * usual, native better-sqlite3 included. JSON imported from packages (country names) is inlined.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST_DIR = join(REPO_ROOT, 'dist');
/** What the build wrote: its inputs (to tell whether it is stale) and when. */
const manifestPath = (distDir: string) => join(distDir, 'build-manifest.json');

/**
 * The programs: an entry module each that only runs the program (a module's own "run when executed"
 * check compares import.meta.url with argv[1], which cannot tell a bundle's modules apart).
 */
export const PROGRAMS = {
  /** the API, one process per core (api/src/cluster.ts); its primary loads the API's code lazily */
  api: { out: 'api/main.js', entry: 'api/src/main.ts', splitting: true },
  /** `npm run index` */
  indexer: {
    out: 'indexer/cli.js',
    stdin: `import { main } from './indexer/src/cli.ts';\nprocess.exitCode = await main();\n`,
    splitting: false,
  },
} as const;

export type Program = keyof typeof PROGRAMS;
export const programPath = (program: Program, distDir = DIST_DIR): string => join(distDir, PROGRAMS[program].out);

/**
 * Bundles our own code and leaves packages to node_modules. A source keeps its own import.meta.url
 * (its path in the repository), so a file found relative to a module is found from the bundle too,
 * and a module's "am I the program?" check stays false inside a bundle.
 */
const workspacePlugin: Plugin = {
  name: 'skillway-workspaces',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@skillway/') || args.pluginData === 'resolving') return undefined;
      // A package whose module is a JSON file (stopwords-iso, country names) is inlined: Node would
      // want an import attribute for it. Everything else stays external.
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      if (resolved.path.endsWith('.json')) return undefined;
      return { path: args.path, external: true };
    });
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

interface Manifest {
  builtAt: number;
  inputs: string[];
}

/**
 * Builds every program; returns the seconds it took. `distDir` must be inside the repository (tests
 * build into a folder of their own): the packages left external are found from there in node_modules.
 */
export async function buildServer(distDir = DIST_DIR): Promise<number> {
  const started = performance.now();
  const inputs = new Set<string>([relative(REPO_ROOT, fileURLToPath(import.meta.url))]);
  const written = new Set<string>();
  for (const program of Object.values(PROGRAMS)) {
    const out = join(distDir, program.out);
    const result = await build({
      ...('entry' in program
        ? {
            entryPoints: [{ in: join(REPO_ROOT, program.entry), out: program.out.replace(/\.js$/, '') }],
            outdir: distDir,
          }
        : {
            stdin: { contents: program.stdin, resolveDir: REPO_ROOT, sourcefile: program.out, loader: 'ts' as const },
            outfile: out,
          }),
      splitting: program.splitting,
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Not minified: stack traces keep our function names, and each module is marked with its path.
      sourcemap: 'linked',
      metafile: true,
      // Written below under temporary names and renamed: a server starting meanwhile reads the old
      // files or the new ones, never half of one.
      write: false,
      logLevel: 'warning',
      plugins: [workspacePlugin],
    });
    for (const file of result.outputFiles) {
      written.add(file.path);
      mkdirSync(dirname(file.path), { recursive: true });
      const temporary = `${file.path}.${process.pid}.tmp`;
      writeFileSync(temporary, file.contents);
      renameSync(temporary, file.path);
    }
    for (const input of Object.keys(result.metafile.inputs)) {
      if (input !== program.out && !input.startsWith('<stdin>') && !input.includes('node_modules/')) inputs.add(input);
    }
  }
  // Chunks of earlier builds (their names carry a content hash) would otherwise pile up.
  const chunks = join(distDir, 'chunks');
  for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
    if (!written.has(join(chunks, name))) rmSync(join(chunks, name), { force: true });
  }
  const manifest: Manifest = { builtAt: Date.now(), inputs: [...inputs].sort() };
  mkdirSync(distDir, { recursive: true });
  writeFileSync(manifestPath(distDir), `${JSON.stringify(manifest, null, 1)}\n`);
  return (performance.now() - started) / 1000;
}

/** Why dist/ must be rebuilt, or null when every program is there and newer than all its sources. */
export function staleReason(distDir = DIST_DIR): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(distDir), 'utf8')) as Manifest;
  } catch {
    return 'no build yet';
  }
  for (const program of Object.keys(PROGRAMS) as Program[]) {
    try {
      statSync(programPath(program, distDir));
    } catch {
      return `${relative(REPO_ROOT, programPath(program, distDir))} is missing`;
    }
  }
  for (const input of manifest.inputs) {
    let mtime: number;
    try {
      mtime = statSync(join(REPO_ROOT, input)).mtimeMs;
    } catch {
      return `${input} is gone`;
    }
    if (mtime > manifest.builtAt) return `${input} changed`;
  }
  // A new source file is only reached through a changed one, which the loop above has seen.
  return null;
}

/** Builds when dist/ is missing or older than a source; returns what it did, for a log line. */
export async function ensureServerBuild(distDir = DIST_DIR): Promise<string> {
  const reason = staleReason(distDir);
  if (!reason) return 'the compiled server in dist/ is up to date';
  const seconds = await buildServer(distDir);
  return `compiled the API and the indexer into dist/ in ${seconds.toFixed(1)} s (${reason})`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { 'if-stale': { type: 'boolean' }, quiet: { type: 'boolean' } } });
  if (values['if-stale']) {
    const reason = staleReason();
    // --quiet: a line only when it compiled, so `npm run start:api` logs nothing extra on a fresh build.
    if (reason === null) {
      if (!values.quiet) console.error('the compiled server in dist/ is up to date');
    } else console.error(await ensureServerBuild());
  } else console.error(`compiled the API and the indexer into dist/ in ${(await buildServer()).toFixed(1)} s`);
}
