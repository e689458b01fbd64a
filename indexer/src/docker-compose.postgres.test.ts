import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * docker-compose.yml's `postgres` profile (issue 20), checked as data since no Docker engine runs here:
 * that its services reach each other by the names and ports they are given, that the proxy's upstreams
 * are the API replicas, and that the SQLite stack without a profile is left as it was.
 */
const REPO = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(REPO, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const inProfile = Object.entries(services).filter(([, s]) => s.profiles?.includes('postgres'));
const replicas = Object.entries(services)
  .filter(([, s]) => s.profiles?.includes('postgres') && s.command?.join(' ') === 'npm run start:api')
  .map(([name]) => name);
const caddyfile = read('deploy/Caddyfile');

/** `${POSTGRES_PASSWORD:?message}` stands for the password in a URL; parse the rest. */
const databaseUrl = (service: Service) =>
  new URL(service.environment!.DATABASE_URL!.replace(/\$\{POSTGRES_PASSWORD:\?[^}]*\}/, 'secret'));
const hostPorts = (service: Service) => (service.ports ?? []).map((p) => p.split(':').at(-2));

describe('docker-compose.yml, postgres profile', () => {
  it('adds PostgreSQL, an indexer, two API replicas, a proxy and a web app, all in the profile', () => {
    expect(inProfile.map(([name]) => name).sort()).toEqual(
      ['api-pg-1', 'api-pg-2', 'api-proxy', 'indexer-pg', 'postgres', 'web-pg'].sort(),
    );
    expect(replicas.sort()).toEqual(['api-pg-1', 'api-pg-2']);
    expect(Object.keys(compose.volumes)).toContain('pg_data');
  });

  it('leaves the default (SQLite) stack as it was: no service of it needs PostgreSQL', () => {
    const always = Object.entries(services).filter(([, s]) => !s.profiles);
    expect(always.map(([name]) => name).sort()).toEqual(['api', 'indexer', 'mailpit', 'meilisearch', 'web']);
    for (const [name, s] of always) {
      expect(s.environment?.DATABASE_URL, name).toBeUndefined();
      for (const dependency of Object.keys(s.depends_on ?? {})) expect(services[dependency]!.profiles).toBeUndefined();
    }
  });

  it('runs the official PostgreSQL image with its data in a volume, a required password and a healthcheck', () => {
    const pg = services.postgres!;
    expect(pg.image).toMatch(/^postgres:\d+(-bookworm)?$/);
    expect(pg.volumes).toEqual(['pg_data:/var/lib/postgresql/data']);
    expect(pg.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(pg.healthcheck?.test).toEqual(
      expect.arrayContaining(['pg_isready', pg.environment!.POSTGRES_USER, pg.environment!.POSTGRES_DB]),
    );
    expect(pg.ports).toBeUndefined();
  });

  it('points the indexer and both replicas at that database and at one Meilisearch index of their own', () => {
    const pg = services.postgres!.environment!;
    for (const name of ['indexer-pg', ...replicas]) {
      const s = services[name]!;
      const url = databaseUrl(s);
      expect(url.protocol, name).toBe('postgres:');
      expect(url.hostname, name).toBe('postgres');
      expect(url.port, name).toBe('5432');
      expect(url.username, name).toBe(pg.POSTGRES_USER);
      expect(url.pathname, name).toBe(`/${pg.POSTGRES_DB}`);
      expect(s.environment!.DATABASE_PATH, name).toBeUndefined();
      expect(s.volumes, name).toEqual([]);
      expect(s.environment!.MEILI_URL, name).toBe('http://meilisearch:7700');
      // the SQLite stack's indexer writes the unprefixed index on the same Meilisearch
      expect(s.environment!.MEILI_INDEX_PREFIX, name).toBe(services['indexer-pg']!.environment!.MEILI_INDEX_PREFIX);
      expect(s.environment!.MEILI_INDEX_PREFIX, name).toBeTruthy();
      expect(s.depends_on?.postgres?.condition, name).toBe('service_healthy');
      expect(s.depends_on?.meilisearch?.condition, name).toBe('service_healthy');
      expect(s.build, name).toBe('.');
    }
    expect(services['indexer-pg']!.command).toEqual(['npm', 'run', 'index']);
  });

  it('starts the replicas once indexing succeeded, each with a health check; scheduled jobs run in one only', () => {
    for (const name of replicas) {
      const s = services[name]!;
      expect(s.depends_on?.['indexer-pg']?.condition, name).toBe('service_completed_successfully');
      expect(s.environment).toMatchObject({ API_HOST: '0.0.0.0', API_PORT: '8080' });
      expect(s.healthcheck?.test.join(' '), name).toContain('http://127.0.0.1:8080/api/v1/health');
      expect(s.ports, name).toBeUndefined(); // reached through the proxy only
    }
    const jobsOff = replicas.filter(
      (name) =>
        services[name]!.environment!.FRESHNESS_REMINDERS_EVERY_HOURS === '0' &&
        services[name]!.environment!.LINK_CHECK_EVERY_HOURS === '0',
    );
    expect(jobsOff).toHaveLength(replicas.length - 1);
  });

  it('balances the replicas round robin in Caddy, with active health checks on the API health route', () => {
    const proxy = services['api-proxy']!;
    expect(proxy.image).toMatch(/^caddy:2\.\d+/);
    expect(proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    const block = /reverse_proxy\s+([^{]+)\{([^}]*)\}/.exec(caddyfile);
    expect(block).not.toBeNull();
    const upstreams = block![1]!.trim().split(/\s+/);
    expect(upstreams.sort()).toEqual(replicas.map((name) => `${name}:${services[name]!.environment!.API_PORT}`).sort());
    const directives = new Map(
      block![2]!
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => [l.split(/\s+/)[0]!, l.split(/\s+/).slice(1).join(' ')]),
    );
    expect(directives.get('lb_policy')).toBe('round_robin');
    expect(directives.get('health_uri')).toBe('/api/v1/health');
    expect(directives.get('health_interval')).toMatch(/^\d+s$/);
    for (const name of replicas) expect(proxy.depends_on?.[name]?.condition).toBe('service_healthy');
    const listen = /^:(\d+)\s*\{/m.exec(caddyfile)![1];
    expect(proxy.ports).toEqual([`8081:${listen}`]);
    expect(proxy.healthcheck?.test.join(' ')).toContain(`http://127.0.0.1:${listen}/api/v1/health`);
  });

  it('serves the web app through the proxy, on host ports the SQLite stack does not use', () => {
    const web = services['web-pg']!;
    const listen = /^:(\d+)\s*\{/m.exec(caddyfile)![1];
    expect(web.environment).toMatchObject({ PORT: '3000', API_URL: `http://api-proxy:${listen}` });
    expect(web.depends_on?.['api-proxy']?.condition).toBe('service_healthy');
    expect(web.command).toEqual(['npm', 'run', 'start:web']);
    const published = Object.values(services).flatMap(hostPorts);
    expect(new Set(published).size).toBe(published.length);
  });
});
