// PostgreSQL for the tests: SOTTO_TEST_DATABASE_URL names a cluster where the tests may create
// databases (scripts/pg-test-cluster.sh starts a throwaway one and sets it). Without it the
// PostgreSQL tests are skipped with one line saying how to run them; on CI (CI=true) they fail
// instead, so CI never passes without them.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

export const TEST_DATABASE_URL = process.env.SOTTO_TEST_DATABASE_URL || undefined;

const HOW = 'PostgreSQL tests skipped: run them with `scripts/pg-test-cluster.sh run npx vitest run <files>` (needs Debian postgresql)';

/** `describe` when a test cluster is configured; otherwise skipped with one line (failing on CI). */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, body);
    return;
  }
  if (process.env.CI === 'true') throw new Error('CI=true but SOTTO_TEST_DATABASE_URL is unset: .ci/run must start the test cluster');
  process.stdout.write(`${HOW}\n`);
  describe.skip(name, body);
}

/** The test cluster's URL with PostgreSQL `options` added (e.g. `-c search_path=x`). */
export function urlWithOptions(options: string): string {
  const url = new URL(TEST_DATABASE_URL!);
  const before = url.searchParams.get('options');
  url.searchParams.set('options', before ? `${before} ${options}` : options);
  return url.toString();
}

/** A new empty schema on the test cluster, the URL that puts Sotto's tables in it, and a way to
 * drop it (a schema each: creating a database takes seconds). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sotto_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${name}`);
  return { url: urlWithOptions(`-c search_path=${name}`), drop: () => admin(`DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
