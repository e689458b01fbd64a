import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many prepared statements a connection keeps (the API runs a few dozen distinct texts). */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * The better-sqlite3 connection as Kysely's SQLite driver sees it, with its prepared statements kept
 * by SQL text (least recently used go first). Kysely's driver prepares every query anew: on an
 * uncached search that is BEGIN, COMMIT and the `meta` reads of every request, each parsed and planned
 * by SQLite again. A statement is prepared once per text; its parameters are bound on each run.
 *
 * A statement still being iterated (Kysely's `stream()`) cannot run a second time meanwhile, so a busy
 * one is never handed out: that call gets a statement of its own, not kept.
 */
export class CachingSqliteDatabase implements SqliteDatabase {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    readonly sqlite: SQLite.Database,
    private readonly capacity = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sql: string): SqliteStatement {
    const kept = this.statements.get(sql);
    if (kept) {
      if (kept.busy) return this.sqlite.prepare(sql);
      // Most recently used last.
      this.statements.delete(sql);
      this.statements.set(sql, kept);
      return kept;
    }
    const statement = this.sqlite.prepare(sql);
    if (this.capacity > 0) {
      this.statements.set(sql, statement);
      if (this.statements.size > this.capacity) this.statements.delete(this.statements.keys().next().value!);
    }
    return statement;
  }

  /** Statements kept (for tests). */
  get size(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
