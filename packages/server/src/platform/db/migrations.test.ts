import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { unqualifyPublicSchema } from "./generate.ts";
import { MIGRATIONS_DIR } from "./migrate.ts";

describe("migration files", () => {
  it("drops drizzle-kit's public. qualifier so migrations apply in any schema", () => {
    const generated =
      'ALTER TABLE "sessions" ADD CONSTRAINT "fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id");';
    expect(unqualifyPublicSchema(generated)).toBe(
      'ALTER TABLE "sessions" ADD CONSTRAINT "fk" FOREIGN KEY ("account_id") REFERENCES "accounts"("id");',
    );
    expect(unqualifyPublicSchema('SELECT "public_note" FROM "t"')).toBe('SELECT "public_note" FROM "t"');
  });

  it('contain no "public". qualifier (generate with `npm run db:generate -w @bluezone/server`)', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(join(MIGRATIONS_DIR, file), "utf8"), file).not.toContain('"public".');
    }
  });

  it("are all listed in the journal, in order", () => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as {
      entries: { tag: string; when: number }[];
    };
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .map((f) => f.replace(/\.sql$/, ""))
      .sort();
    expect(journal.entries.map((e) => e.tag)).toEqual(files);
    const whens = journal.entries.map((e) => e.when);
    expect([...whens].sort((a, b) => a - b)).toEqual(whens);
  });
});
