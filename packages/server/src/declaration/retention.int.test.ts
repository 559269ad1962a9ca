// Retention of declarations on a real database with an injected clock: the job deletes declarations older than
// DECLARATION_RETENTION with their follow-ups, then idle declarant keys; the anonymous counts stay.
import { afterEach, describe, expect, it } from "vitest";
import { rows, sql } from "../platform/db/database.ts";
import {
  createDeclarationHarness,
  type DeclarationHarness,
  declarationState,
  healthBody,
} from "./declaration.testutil.ts";
import { DECLARATION_RETENTION_JOB, runDeclarationRetention } from "./index.ts";
import { deleteExpired } from "./store.ts";

const DAY = 86_400_000;
let h: DeclarationHarness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tableSizes = async (x: DeclarationHarness) => {
  const [row] = await rows<{ declarants: number; declarations: number; follow_ups: number; counts: number }>(
    x.t.db,
    sql`SELECT (SELECT count(*)::int FROM declarants) AS declarants,
               (SELECT count(*)::int FROM declarations) AS declarations,
               (SELECT count(*)::int FROM declaration_follow_ups) AS follow_ups,
               (SELECT coalesce(sum(count), 0)::int FROM declaration_counts WHERE metric = 'declarations') AS counts`,
  );
  return row;
};

const runJob = async (x: DeclarationHarness) => {
  await x.t.jobs.enqueue(DECLARATION_RETENTION_JOB, {});
  expect(await x.t.worker.drain()).toBe(1);
};

describe("declaration retention", () => {
  it("deletes declarations and follow-ups after 28 days, then idle keys; keeps the counts", async () => {
    h = await createDeclarationHarness({ start: new Date("2026-03-01T03:00:00Z"), captureLogs: true });
    const x = h;
    const old = await x.declare(healthBody({ fullName: "Hoàng Văn Cũ" }));
    await x.asDeclarant(old.key, "PUT", `/v1/declarations/${old.id}/follow-ups/2026-03-01`, {
      symptoms: ["fever"],
    });
    const gone = await x.declare(); // a key that never declares again
    x.advance(DAY);
    await x.asDeclarant(old.key, "PUT", `/v1/declarations/${old.id}/follow-ups/2026-03-02`, { symptoms: [] });
    x.advance(19 * DAY);
    const recent = await x.declare(healthBody(), old.key); // day 20, same key
    expect(await tableSizes(x)).toEqual({ declarants: 2, declarations: 3, follow_ups: 2, counts: 3 });

    // Day 27: nothing is old enough yet.
    x.advance(7 * DAY);
    await runJob(x);
    expect(await tableSizes(x)).toEqual({ declarants: 2, declarations: 3, follow_ups: 2, counts: 3 });

    // 28 days and 1 hour after the first declarations.
    x.clock.now = new Date(Date.parse("2026-03-29T04:00:00Z"));
    x.t.logs.length = 0;
    await runJob(x);
    expect(await tableSizes(x)).toEqual({ declarants: 1, declarations: 1, follow_ups: 0, counts: 3 });
    const list = (await x.asDeclarant(old.key, "GET", "/v1/declarations")).json().declarations;
    expect(list.map((d: { id: string }) => d.id)).toEqual([recent.id]);
    expect((await x.asDeclarant(old.key, "GET", `/v1/declarations/${old.id}`)).statusCode).toBe(404);
    expect((await x.asDeclarant(gone.key, "GET", "/v1/declarations")).statusCode).toBe(401);
    const line = x.t.logs.map((l) => JSON.parse(l)).find((l) => l.msg?.startsWith("declaration retention"));
    expect(line).toMatchObject({ declarations: 2, followUps: 2, declarants: 1 });
    expect(x.t.logs.join("\n")).not.toContain("Hoàng");

    // Idempotent: a second run finds nothing.
    const before = await declarationState(x.t);
    await runJob(x);
    expect(await declarationState(x.t)).toBe(before);
  });

  it("keeps a key that declares again, even when all its earlier declarations expire", async () => {
    h = await createDeclarationHarness({ start: new Date("2026-03-01T03:00:00Z") });
    const first = await h.declare();
    h.advance(29 * DAY);
    const again = await h.declare(healthBody(), first.key);
    const result = await runDeclarationRetention({
      db: h.t.db,
      clock: () => h!.clock.now,
      retentionMs: 28 * DAY,
    });
    expect(result).toEqual({ declarations: 1, followUps: 0, declarants: 0 });
    const list = (await h.asDeclarant(first.key, "GET", "/v1/declarations")).json().declarations;
    expect(list.map((d: { id: string }) => d.id)).toEqual([again.id]);
  });

  it("follows DECLARATION_RETENTION", async () => {
    h = await createDeclarationHarness({
      start: new Date("2026-03-01T03:00:00Z"),
      env: { DECLARATION_RETENTION: "7d" },
    });
    await h.declare();
    h.advance(6 * DAY);
    const kept = await h.declare();
    h.advance(DAY + 60_000);
    await runJob(h);
    expect(await tableSizes(h)).toEqual({ declarants: 1, declarations: 1, follow_ups: 0, counts: 2 });
    expect((await h.asDeclarant(kept.key, "GET", "/v1/declarations")).statusCode).toBe(200);
  });

  it("deletes in batches until nothing old is left", async () => {
    h = await createDeclarationHarness({ start: new Date("2026-03-01T03:00:00Z") });
    const { key } = await h.declare();
    for (let i = 0; i < 6; i++) await h.declare(healthBody(), key);
    h.advance(29 * DAY);
    const result = await deleteExpired(h.t.db, new Date(h.clock.now.getTime() - 28 * DAY), 2);
    expect(result).toEqual({ declarations: 7, followUps: 0, declarants: 1 });
    expect(await tableSizes(h)).toEqual({ declarants: 0, declarations: 0, follow_ups: 0, counts: 7 });
  });
});
