import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type Store } from '../db';

/** A fresh database on a PostgreSQL server for one suite (TEMPORARY: until the test cluster lands). */
export interface TestPostgres {
  url: string;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

export async function openTestPostgres(): Promise<TestPostgres> {
  // eslint-disable-next-line no-restricted-properties -- temporary, see above
  const server = process.env.PGINST_URL;
  if (!server) throw new Error('PGINST_URL unset');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = server.replace(/\/[^/]*$/, `/${name}`);
  const first = await openPostgresStore(url);
  await first.close();
  return {
    url,
    open: () => openPostgresStore(url, { maxConnections: 4 }),
    dispose: async () => {},
  };
}
