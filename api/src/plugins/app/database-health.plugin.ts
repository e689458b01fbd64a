import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../problems/problem';
import { API_PREFIX } from '../../routes/v1/prefix';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether the database can take writes; /ready answers 503 when it cannot. */
    databaseHealth: DatabaseHealth;
  }
}

/** SQLite result codes that mean the database cannot be written, as opposed to a bad statement. */
const STORAGE_ERROR = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
/** Below this much free space on the database's file system a write may fail half-way: not ready. */
export const MIN_FREE_BYTES = 1024 * 1024;
/** A failed write keeps /ready red this long unless a later write succeeds first. */
export const WRITE_FAILURE_MEMORY_MS = 60_000;

export interface DatabaseHealth {
  /** Called with every error a request ended with; remembers the storage failures. */
  observe(error: unknown): void;
  /** null when the database can write, otherwise why it cannot (with SQLite's code). */
  check(): Promise<string | null>;
}

export function storageErrorCode(error: unknown): string | null {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_ERROR.test(code)) return code;
  }
  return null;
}

/**
 * Disk full, read-only or failing storage: the hostile run filled the disk and /ready stayed green
 * while every write answered 500. /ready now asks (1) how much space the database's file system has
 * left and (2) whether a write failed with a storage error in the last minute with no successful write
 * since; either makes it answer 503 with the cause. The database path ':memory:' skips (1), and so
 * does PostgreSQL, whose disk is the database server's, not this process's.
 */
export default fp(
  async (fastify) => {
    const { store } = fastify;
    const diskPath = store.dialect === 'sqlite' && store.path !== ':memory:' ? store.path : undefined;
    let lastFailure: { code: string; message: string; at: number } | null = null;

    const health: DatabaseHealth = {
      observe(error) {
        const code = storageErrorCode(error);
        if (code) lastFailure = { code, message: (error as Error).message, at: Date.now() };
      },
      async check() {
        if (diskPath) {
          const fs = await statfs(dirname(diskPath)).catch(() => null);
          if (fs && fs.bavail * fs.bsize < MIN_FREE_BYTES) {
            return `the database cannot write: ${fs.bavail * fs.bsize} bytes free on its disk (SQLITE_FULL ahead)`;
          }
        }
        if (lastFailure && Date.now() - lastFailure.at < WRITE_FAILURE_MEMORY_MS) {
          return `the database cannot write: the last write failed with ${lastFailure.code} (${lastFailure.message})`;
        }
        return null;
      },
    };
    fastify.decorate('databaseHealth', health);

    fastify.addHook('onError', async (_request, _reply, error) => {
      health.observe(error);
    });
    // A write that went through proves the database writes again.
    fastify.addHook('onResponse', async (request, reply) => {
      if (lastFailure && request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 300) {
        lastFailure = null;
      }
    });

    // /ready is declared in routes/v1/health; the database's ability to write is checked before it runs.
    fastify.addHook('onRoute', (route) => {
      if (route.url !== `${API_PREFIX}/ready` || ![route.method].flat().some((m) => m === 'GET' || m === 'HEAD'))
        return;
      const existing = route.preHandler ? [route.preHandler].flat() : [];
      route.preHandler = [
        ...existing,
        async (_request, reply) => {
          const reason = await health.check();
          if (reason) {
            reply.header('cache-control', 'no-store');
            throw new HttpProblem(503, 'Not ready: a dependency is down; see errors.', [{ field: 'database', reason }]);
          }
        },
      ];
    });
  },
  { name: 'database-health', dependencies: ['store'] },
);
