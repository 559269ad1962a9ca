import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, sessions } from "../../auth/tables.ts";
import { jobs } from "../tables.ts";
import { type Database, openDatabase, rows, sql, transaction } from "./database.ts";
import { MIGRATIONS_DIR, migrate, migrationsSchemaFor } from "./migrate.ts";
import { createTestDb, openSecondHandle, testDatabaseUrl } from "./test-db.ts";

const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as {
  entries: unknown[];
};

describe(`database on ${testDatabaseUrl() ? "PostgreSQL" : "PGlite"}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database.close();
  });

  it("runs raw SQL through the escape hatch", async () => {
    const result = await rows<{ x: number; s: string }>(
      database.db,
      sql`SELECT 1::int AS x, ${"hi"}::text AS s`,
    );
    expect(result).toEqual([{ x: 1, s: "hi" }]);
  });

  it("creates the migrated tables in the database's own schema", async () => {
    const tables = await rows<{ table_name: string }>(
      database.db,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = ${database.schema} ORDER BY 1`,
    );
    const names = tables.map((t) => t.table_name);
    expect(names).toEqual(expect.arrayContaining(["accounts", "jobs", "sessions"]));
    const recorded = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(migrationsSchemaFor(database.schema))}.__drizzle_migrations`,
    );
    expect(recorded[0]?.n).toBe(journal.entries.length);
  });

  it("is idempotent: migrating again applies nothing new", async () => {
    await migrate(database);
    const recorded = await rows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM ${sql.identifier(migrationsSchemaFor(database.schema))}.__drizzle_migrations`,
    );
    expect(recorded[0]?.n).toBe(journal.entries.length);
  });

  it("commits a transaction and rolls one back when it throws", async () => {
    await transaction(database.db, async (tx) => {
      await tx.insert(jobs).values({ name: "tx.commit" });
    });
    await expect(
      transaction(database.db, async (tx) => {
        await tx.insert(jobs).values({ name: "tx.rollback" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const names = (await database.db.select({ name: jobs.name }).from(jobs)).map((r) => r.name);
    expect(names).toContain("tx.commit");
    expect(names).not.toContain("tx.rollback");
  });

  it("keeps foreign keys working inside the schema (cascade delete)", async () => {
    const [account] = await database.db
      .insert(accounts)
      .values({ username: "fk-test", passwordHash: "x", role: "national" })
      .returning();
    expect(account).toBeDefined();
    await database.db
      .insert(sessions)
      .values({ tokenHash: "h1", accountId: account!.id, expiresAt: new Date(Date.now() + 60_000) });
    await database.db.delete(accounts).where(eq(accounts.id, account!.id));
    expect(await database.db.select().from(sessions).where(eq(sessions.tokenHash, "h1"))).toEqual([]);
  });
});

describe.runIf(testDatabaseUrl())("migrations on PostgreSQL", () => {
  it("keep the test schema separate from public and migrate safely from several processes at once", async () => {
    const fresh = await createTestDb({ migrate: false });
    const others = await Promise.all([
      openSecondHandle(fresh),
      openSecondHandle(fresh),
      openSecondHandle(fresh),
    ]);
    try {
      expect(fresh.schema).toMatch(/^t_[0-9a-f]{12}$/);
      await Promise.all([fresh, ...others].map((d) => migrate(d!)));
      const recorded = await rows<{ n: number }>(
        fresh.db,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(fresh.schema)}.__drizzle_migrations`,
      );
      expect(recorded[0]?.n).toBe(journal.entries.length);
      const jobsTables = await rows<{ table_schema: string }>(
        fresh.db,
        sql`SELECT table_schema FROM information_schema.tables WHERE table_name = 'jobs' AND table_schema = ${fresh.schema}`,
      );
      expect(jobsTables).toHaveLength(1);
      const searchPath = await rows<{ search_path: string }>(fresh.db, sql`SHOW search_path`);
      expect(searchPath[0]?.search_path).toBe(fresh.schema);
    } finally {
      await Promise.all(others.map((d) => d?.close()));
      await fresh.close();
    }
  });
});

describe("PGlite on disk", () => {
  it("keeps data across close and reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bz-pglite-"));
    try {
      const first = await openDatabase({ kind: "pglite", dataDir: join(dir, "pglite") });
      await migrate(first);
      await first.db.insert(jobs).values({ name: "persisted" });
      await first.close();
      const second = await openDatabase({ kind: "pglite", dataDir: join(dir, "pglite") });
      await migrate(second);
      const names = (await second.db.select({ name: jobs.name }).from(jobs)).map((r) => r.name);
      await second.close();
      expect(names).toEqual(["persisted"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
