import { beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../db';
import { runPostgresSuites, sharedPostgresServer, type PostgresServer } from './postgres-server';
import { describeEachDatabase } from './test-databases';

describeEachDatabase('a test database', (database) => {
  it('is migrated, empty, and its own', async () => {
    const [a, b] = await Promise.all([database.openEmpty(), database.openEmpty()]);
    try {
      expect(a.dialect).toBe(database.dialect);
      await a.db.insertInto('meta').values({ key: 'k', value: 'a' }).execute();
      expect(await b.db.selectFrom('meta').selectAll().execute()).toEqual([]);
      expect(await a.db.selectFrom('meta').selectAll().execute()).toEqual([{ key: 'k', value: 'a' }]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});

describe.runIf(runPostgresSuites())('the throwaway PostgreSQL cluster', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await sharedPostgresServer();
  });
  it('listens on loopback only and drops databases it made', async () => {
    expect(server.url()).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const url = await server.createDatabase();
    const store = await openPostgresStore(url, { migrate: false });
    const row = await store.db
      .selectNoFrom((eb) => [eb.fn<string>('current_setting', [eb.val('fsync')]).as('fsync')])
      .executeTakeFirstOrThrow();
    expect(row.fsync).toBe('off');
    await store.close();
    await server.dropDatabase(url);
    await expect(
      openPostgresStore(url, { migrate: false }).then((s) => s.db.selectNoFrom((eb) => eb.lit(1).as('x')).execute()),
    ).rejects.toThrow(/does not exist/);
  });
});
