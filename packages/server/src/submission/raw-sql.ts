// Raw parameterised SQL ($1, $2, ...) in one transaction on the driver under a Db (node-postgres pool or
// PGlite), skipping Drizzle's query building on the publish hot path; other Db values go through Drizzle.
import type { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
import { type Db, rows, transaction } from "../platform/db/database.ts";

/** A transaction running raw SQL text with positional parameters. */
export interface RawTx {
  query<T>(text: string, params: readonly unknown[]): Promise<T[]>;
}

function isPglite(client: unknown): client is PGlite {
  return (
    typeof client === "object" &&
    client !== null &&
    typeof (client as PGlite).transaction === "function" &&
    typeof (client as PGlite).query === "function" &&
    "waitReady" in client
  );
}

/** Splits "$n" placeholders into a Drizzle SQL with the same parameters (fallback driver). */
function toDrizzle(text: string, params: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else chunks.push(sql`${params[Number(part) - 1]}`);
  });
  return sql.join(chunks);
}

/** Runs `fn` in a transaction on `db`'s driver; commits on return, rolls back on throw. */
export async function rawTransaction<T>(db: Db, fn: (tx: RawTx) => Promise<T>): Promise<T> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const connection = await client.connect();
    let broken: Error | undefined;
    try {
      await connection.query("BEGIN");
      const result = await fn({
        query: async <R>(text: string, params: readonly unknown[]) =>
          (await connection.query(text, params as unknown[])).rows as R[],
      });
      await connection.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await connection.query("ROLLBACK");
      } catch (rollbackError) {
        broken = rollbackError as Error;
      }
      throw error;
    } finally {
      connection.release(broken);
    }
  }
  if (isPglite(client)) {
    return client.transaction((tx) =>
      fn({
        query: async <R>(text: string, params: readonly unknown[]) =>
          (await tx.query<R>(text, params as unknown[])).rows,
      }),
    );
  }
  return transaction(db, (tx) =>
    fn({ query: <R>(text: string, params: readonly unknown[]) => rows<R>(tx, toDrizzle(text, params)) }),
  );
}
