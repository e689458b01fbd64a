import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** No Docker engine runs here, so the compose file is checked as data: what users' machines will run. */
const REPO = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
// Compose supports YAML merge keys (`<<: *app`); the yaml package needs to be told.
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const { meilisearch, indexer, api, web } = compose.services as Record<
  'meilisearch' | 'indexer' | 'api' | 'web',
  Service
>;
const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** `db_data:/app/var` -> { volume: 'db_data', target: '/app/var' } */
const mount = (service: Service, volume: string) =>
  service.volumes?.map((v) => v.split(':')).find(([name]) => name === volume)?.[1];
const publishes = (service: Service, port: number) => service.ports?.some((p) => p.endsWith(`:${port}`)) ?? false;

describe('docker-compose.yml', () => {
  it('has the four services, a mail catcher for development, and the two named volumes', () => {
    // Services of a profile (`postgres`: docker-compose.postgres.test.ts) start only when it is asked for.
    const always = Object.entries(compose.services).filter(([, s]) => !(s as { profiles?: string[] }).profiles);
    expect(always.map(([name]) => name).sort()).toEqual(['api', 'indexer', 'mailpit', 'meilisearch', 'web']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['db_data', 'meili_data', 'pg_data']);
  });

  it('sends the API mail to the mail catcher unless SMTP_URL says otherwise, shown on loopback only', () => {
    expect(compose.services.api!.environment?.SMTP_URL).toBe('${SMTP_URL:-smtp://mailpit:1025}');
    expect(compose.services.mailpit!.ports).toEqual(['127.0.0.1:8025:8025']);
  });

  it('runs Meilisearch 1.21 in production mode with a required master key, its data in a volume', () => {
    expect(meilisearch.image).toBe('getmeili/meilisearch:v1.21');
    // `${VAR:?message}` makes compose refuse to start without the key.
    expect(meilisearch.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?.+\}$/);
    expect(meilisearch.environment?.MEILI_ENV).toBe('production');
    expect(mount(meilisearch, 'meili_data')).toBe('/meili_data');
    expect(publishes(meilisearch, 7700)).toBe(true);
    expect(meilisearch.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:7700/health');
  });

  it('builds one image from the Dockerfile and runs the package scripts in it', () => {
    for (const service of [indexer, api, web]) {
      expect(service.build).toBe('.');
      expect(service.image).toBe(indexer.image);
    }
    expect(indexer.command).toEqual(['npm', 'run', 'index']);
    expect(api.command).toEqual(['npm', 'run', 'start:api']);
    expect(web.command).toEqual(['npm', 'run', 'start:web']);
    for (const script of ['index', 'start:api', 'start:web', 'build']) expect(scripts[script]).toBeDefined();
  });

  it('indexes once into the database volume, after Meilisearch is healthy', () => {
    expect(indexer.depends_on?.meilisearch?.condition).toBe('service_healthy');
    expect(indexer.environment).toMatchObject({
      MEILI_URL: 'http://meilisearch:7700',
      DATABASE_PATH: '/app/var/skillway.db',
    });
    expect(indexer.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?/);
    expect(mount(indexer, 'db_data')).toBe('/app/var');
  });

  it('starts the API on 8080 over the same database, once the indexer completed successfully', () => {
    expect(api.depends_on?.indexer?.condition).toBe('service_completed_successfully');
    expect(api.environment).toMatchObject({
      API_PORT: '8080',
      API_HOST: '0.0.0.0',
      DATABASE_PATH: indexer.environment?.DATABASE_PATH,
      MEILI_URL: 'http://meilisearch:7700',
    });
    expect(api.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?/);
    expect(mount(api, 'db_data')).toBe(mount(indexer, 'db_data'));
    expect(publishes(api, 8080)).toBe(true);
    expect(api.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:8080/api/v1/health');
  });

  it('starts the web app on 3000, calling the API by its service name', () => {
    expect(web.environment).toMatchObject({ PORT: '3000', API_URL: 'http://api:8080' });
    expect(web.environment?.ORIGIN).toBeDefined();
    expect(web.depends_on?.api?.condition).toBe('service_healthy');
    expect(publishes(web, 3000)).toBe(true);
    expect(web.volumes).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.match(/^FROM .+$/gm) ?? [];

  it('builds on a supported Node LTS (bookworm-slim) with npm ci and builds the web app', () => {
    expect(stages.length).toBeGreaterThan(0);
    for (const from of stages) expect(from).toMatch(/^FROM node:(22|24)-bookworm-slim\b/);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^ENV DATABASE_PATH=\/app\/var\/skillway\.db$/m);
  });

  it('copies every workspace manifest before npm ci', () => {
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm ci'));
    for (const ws of workspaces) expect(beforeInstall).toContain(`${ws}/package.json`);
    expect(beforeInstall).toContain('scripts/postinstall.mjs');
  });

  it('keeps host node_modules and the local database out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'var']));
  });
});
