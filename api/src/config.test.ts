import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: NodeJS.ProcessEnv) {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults that work on one machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'info',
      corsOrigins: [],
      trustProxy: false,
      rateLimit: { global: 1200, search: 300, write: 30 },
    });
    expect(config.databasePath).toMatch(/var\/skillway\.db$/);
  });

  it('reads the variables, treating empty ones as unset', () => {
    const config = loadConfig({
      API_PORT: '9000',
      API_HOST: '0.0.0.0',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      TRUST_PROXY: 'true',
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      trustProxy: true,
      rateLimit: { global: 0 },
      logLevel: 'info',
    });
  });

  it('names every bad variable and why', () => {
    const problems = problemsOf({ API_PORT: 'eighty', LOG_LEVEL: 'loud', CORS_ORIGINS: 'a.example/path' });
    expect(problems.map((p) => p.field).sort()).toEqual(['API_PORT', 'CORS_ORIGINS', 'LOG_LEVEL']);
    expect(problems.find((p) => p.field === 'API_PORT')?.reason).toBe('must be integer, not a string "eighty"');
    expect(problems.find((p) => p.field === 'LOG_LEVEL')?.reason).toMatch(/"loud" is not one of fatal, error/);
  });

  it('refuses a port out of range and a Meilisearch URL that is not one', () => {
    const problems = problemsOf({ API_PORT: '70000', MEILI_URL: 'localhost:7700' });
    expect(problems).toEqual([
      { field: 'API_PORT', reason: '70000 must be <= 65535' },
      { field: 'MEILI_URL', reason: '"localhost:7700" is not well-formed (expected an http(s) URL)' },
    ]);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(
      /Invalid configuration:\n {2}API_PORT: 70000 must be <= 65535/,
    );
  });
});
