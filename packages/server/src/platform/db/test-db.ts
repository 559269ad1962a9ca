// Test helper: a fresh, migrated database per call. In-memory PGlite by default; with
// BLUEZONE_TEST_DATABASE_URL set, a new schema t_<random> on that PostgreSQL, dropped again by close().
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "./database.ts";
import { migrate } from "./migrate.ts";

export const TEST_DATABASE_URL_ENV = "BLUEZONE_TEST_DATABASE_URL";

/** The PostgreSQL URL integration tests run against, or undefined when they run on PGlite. */
export function testDatabaseUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_URL_ENV]?.trim();
  return url ? url : undefined;
}

/** Opens a fresh database for one test file (or test); `migrate: false` leaves it empty. Call close() after. */
export async function createTestDb(
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<Database> {
  const url = testDatabaseUrl();
  if (!url) {
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    if (options.migrate !== false) await migrate(database);
    return database;
  }
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `CREATE SCHEMA "${schema}"`);
  let database: Database;
  try {
    database = await openDatabase({ kind: "postgres", url, schema, poolSize: options.poolSize ?? 5 });
    if (options.migrate !== false) await migrate(database);
  } catch (error) {
    await adminQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    throw error;
  }
  const inner = database;
  return {
    ...inner,
    close: async () => {
      await inner.close();
      await adminQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** Opens a second handle on the same database (same schema), e.g. to act as another server process. */
export async function openSecondHandle(database: Database, poolSize = 5): Promise<Database | undefined> {
  const options = database.options;
  if (options.kind !== "postgres") return undefined;
  return openDatabase({ ...options, poolSize });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
