// The database handle: Drizzle over embedded PGlite (default) or a node-postgres Pool (DATABASE_URL), one `Db`
// type for both, a raw-SQL escape hatch (`rows`) and a `transaction` helper. Store functions take a `Db`.
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransactionConfig } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";

export { sql } from "drizzle-orm";

/** Drizzle's PostgreSQL database, whichever driver is underneath; a transaction is also a Db. */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseOptions =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string; poolSize?: number; schema?: string };

/** An open database: the Drizzle `db`, the driver in use, and lifecycle. */
export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  /** Schema the tables live in ("public" except for test schemas); search_path points at it. */
  readonly schema: string;
  /** How to reach the database again from a second connection (the migrator's advisory lock uses it). */
  readonly options: DatabaseOptions;
  /** The node-postgres pool when kind is "postgres" (for LISTEN/NOTIFY or COPY); undefined on PGlite. */
  readonly pool: pg.Pool | undefined;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PGlite (a directory, or in memory for "memory://") or a PostgreSQL pool. Does not migrate. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "pglite") {
    const inMemory = options.dataDir === "memory://" || options.dataDir === "";
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
    const client = inMemory ? new PGlite() : new PGlite(options.dataDir);
    await client.waitReady;
    const db = drizzlePglite({ client }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      schema: "public",
      options,
      pool: undefined,
      close: async () => {
        if (!client.closed) await client.close();
      },
    };
  }
  const schema = options.schema ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(schema === "public" ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client's error (server restart, network) must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzlePg({ client: pool }) as unknown as Db;
  let closed = false;
  return {
    kind: "postgres",
    db,
    schema,
    options,
    pool,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Raw SQL escape hatch: runs a drizzle `sql` template on `db` (or a transaction) and returns its rows.
 * Types in rows differ between drivers for int8/numeric (string vs number): cast in SQL (`::int`, `::text`).
 */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Runs `fn` in a transaction (a savepoint when `db` already is one); commits on return, rolls back on throw. */
export function transaction<T>(db: Db, fn: (tx: Db) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db), config);
}
