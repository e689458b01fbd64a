import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import {
  createAjv,
  formatAjvErrors,
  MeilisearchEnvSchema,
  meilisearchSettings,
  StringEnum,
  type MeilisearchSettings,
} from '@skillway/core';
import { DEFAULT_DATABASE_PATH } from '@skillway/store';

/**
 * The API's environment, checked once at start-up so a typo stops the process with a message that
 * names the variable, instead of surfacing later as a confusing runtime failure. This module is the
 * only one in the API that reads environment variables; everything else gets ApiConfig.
 */
const IPV4 = '(?:\\d{1,3}\\.){3}\\d{1,3}(?:/\\d{1,2})?';
const IPV6 = '[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/\\d{1,3})?';
const PROXY = `(?:loopback|linklocal|uniquelocal|${IPV4}|${IPV6})`;
/** `false`, `true`, or a comma list of proxy addresses (checked again with node:net below). */
const TRUST_PROXY_PATTERN = `^\\s*(?:false|true|${PROXY}(?:\\s*,\\s*${PROXY})*)\\s*$`;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PerMinute = (fallback: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 1_000_000, default: fallback, description });

export const ApiEnvSchema = Type.Object({
  API_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  API_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: DEFAULT_DATABASE_PATH }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://[^\\s]+$',
      description: 'postgres://user:pass@host:5432/skillway selects PostgreSQL (unset: SQLite at DATABASE_PATH)',
    }),
  ),
  ...MeilisearchEnvSchema.properties,
  CORS_ORIGINS: Type.String({
    default: '',
    pattern: '^\\s*(https?://[^\\s,/]+\\s*(,\\s*https?://[^\\s,/]+\\s*)*)?$',
    description: 'comma-separated origins such as https://skillway.example (scheme and host, no path)',
  }),
  LOG_LEVEL: StringEnum(LOG_LEVELS, { default: 'info' }),
  TRUST_PROXY: Type.String({
    default: 'false',
    pattern: TRUST_PROXY_PATTERN,
    description:
      "`false` (X-Forwarded-For is ignored) or a comma list of the proxies' " +
      'addresses: IPs, CIDRs, `loopback`, `linklocal`, `uniquelocal`; `true` believes anyone',
  }),
  RATE_LIMIT_PER_MINUTE: PerMinute(1200, 'requests per client per minute on any route; 0 turns rate limits off'),
  SEARCH_RATE_LIMIT_PER_MINUTE: PerMinute(300, 'per client per minute on /search and /match'),
  WRITE_RATE_LIMIT_PER_MINUTE: PerMinute(30, 'per client per minute on routes that change data'),
  AUTH_RATE_LIMIT_PER_MINUTE: PerMinute(10, 'sign-in, sign-up and password attempts per client address per minute'),
  SUBMIT_RATE_LIMIT_PER_MINUTE: PerMinute(20, 'submissions and edits per account per minute'),
  OUTBOX_RETRY_MS: Type.Integer({ minimum: 10, maximum: 999_999_999, default: 1000 }),
  OUTBOX_MAX_RETRY_MS: Type.Integer({ minimum: 10, maximum: 999_999_999, default: 300_000 }),
  FRESHNESS_REMINDERS_EVERY_HOURS: Type.Integer({ minimum: 0, maximum: 99_999, default: 0, description: '0: off' }),
  LINK_CHECK_EVERY_HOURS: Type.Integer({ minimum: 0, maximum: 99_999, default: 0, description: '0: off' }),
  SEARCH_TIMEOUT_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 2000 }),
  SEARCH_RETRY_MS: Type.Integer({ minimum: 10, maximum: 600_000, default: 2000 }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://[^\\s]+$',
      description: 'where mail is sent, e.g. smtp://user:pass@mail.example.org:587 (unset: mail is off)',
    }),
  ),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Skillway <no-reply@skillway.invalid>' }),
  PUBLIC_WEB_URL: Type.String({
    pattern: '^https?://[^\\s/]+(/[^\\s]*)?$',
    default: 'http://localhost:3000',
    description: 'the web app as readers reach it; links in e-mail start with it',
  }),
});
type ApiEnv = Static<typeof ApiEnvSchema>;

export interface ApiConfig {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at databasePath (issue 20) */
  databaseUrl?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  corsOrigins: string[];
  trustProxy: TrustProxy;
  rateLimit: { global: number; search: number; write: number; auth: number; submit: number };
  /** unset: the embedded SQLite engine only */
  meilisearch: MeilisearchSettings | undefined;
  /** backoff of the worker that applies approved listings to the search engines */
  outbox: { retryMs: number; maxRetryMs: number };
  /** how often the scheduled jobs run, in hours; 0 is off */
  jobs: { freshnessRemindersEveryHours: number; linkCheckEveryHours: number };
  search: {
    /** how long a Meilisearch search may take before the embedded engine answers instead */
    timeoutMs: number;
    /** first wait before a failed Meilisearch is asked again (doubles up to 30 s while it stays down) */
    retryMs: number;
  };
  mail: {
    /** unset: mail is off (the API says so at start-up) */
    smtpUrl: string | undefined;
    from: string;
    /** where links in mail point, without a trailing slash */
    webUrl: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: { field: string; reason: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const validateEnv = createAjv({ coerceTypes: true }).compile<ApiEnv>(ApiEnvSchema);

/**
 * Whose X-Forwarded-For the API believes (see the README's "Trusted proxies"). The default, `false`,
 * takes the address of the connection itself, so nobody can choose their own rate-limit bucket; set
 * the proxies' addresses when the API sits behind the web app or a reverse proxy. There is no hop-count
 * mode: Fastify (5.12) cannot check the nearest peer with one and believes nobody.
 */
export type TrustProxy = boolean | string[];

function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === 'true') return true;
  if (text === 'false' || text === '') return false;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function badProxyEntries(trustProxy: TrustProxy): string[] {
  if (!Array.isArray(trustProxy)) return [];
  return trustProxy.filter((entry) => {
    if (NAMED_RANGES.has(entry)) return false;
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address ?? '');
    if (version === 0 || rest.length > 0) return true;
    if (bits === undefined) return false;
    const n = Number(bits);
    return !/^\d+$/.test(bits) || n > (version === 4 ? 32 : 128);
  });
}

/** The environment for a child process this API's tools start (the OpenAPI lint): this process's, plus `extra`. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Reads and checks the API's variables; throws ConfigError listing every bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const known = Object.keys(ApiEnvSchema.properties);
  // Empty variables count as unset, as in most shells' `VAR= cmd` habit.
  const input: Record<string, string> = {};
  for (const key of known) if (env[key] !== undefined && env[key] !== '') input[key] = env[key]!;
  if (!validateEnv(input)) throw new ConfigError(formatAjvErrors(validateEnv.errors));
  const checked = input as unknown as ApiEnv;
  const trustProxy = parseTrustProxy(checked.TRUST_PROXY);
  const bad = badProxyEntries(trustProxy);
  if (bad.length > 0) {
    throw new ConfigError([
      { field: 'TRUST_PROXY', reason: `${bad.map((b) => JSON.stringify(b)).join(', ')} is not an IP address or CIDR` },
    ]);
  }
  return {
    port: checked.API_PORT,
    host: checked.API_HOST,
    databasePath: resolve(checked.DATABASE_PATH),
    databaseUrl: checked.DATABASE_URL,
    logLevel: checked.LOG_LEVEL,
    corsOrigins: checked.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy,
    rateLimit: {
      global: checked.RATE_LIMIT_PER_MINUTE,
      search: checked.SEARCH_RATE_LIMIT_PER_MINUTE,
      write: checked.WRITE_RATE_LIMIT_PER_MINUTE,
      auth: checked.AUTH_RATE_LIMIT_PER_MINUTE,
      submit: checked.SUBMIT_RATE_LIMIT_PER_MINUTE,
    },
    meilisearch: meilisearchSettings(checked),
    outbox: { retryMs: checked.OUTBOX_RETRY_MS, maxRetryMs: checked.OUTBOX_MAX_RETRY_MS },
    jobs: {
      freshnessRemindersEveryHours: checked.FRESHNESS_REMINDERS_EVERY_HOURS,
      linkCheckEveryHours: checked.LINK_CHECK_EVERY_HOURS,
    },
    search: { timeoutMs: checked.SEARCH_TIMEOUT_MS, retryMs: checked.SEARCH_RETRY_MS },
    mail: { smtpUrl: checked.SMTP_URL, from: checked.MAIL_FROM, webUrl: checked.PUBLIC_WEB_URL.replace(/\/+$/, '') },
  };
}
