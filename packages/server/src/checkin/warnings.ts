// Hourly TraceWarningPackages: flags become server-made protected reports, and every closed hour's reports are
// published as a signed blob (package + ECDSA P-256 signature with the export key) listed in an index.
import { sign } from "node:crypto";
import {
  type CheckInProtectedReport,
  checkInRecordFromTimes,
  encodeTraceWarningPackage,
  encryptCheckInRecord,
  traceWarningIntervalNumber,
} from "@bluezone/protocol";
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { exportSigningKey } from "../export/index.ts";
import type { KeysConfig } from "../keys/index.ts";
import type { BlobStore } from "../platform/blob/index.ts";
import { type Db, transaction } from "../platform/db/database.ts";
import type { Clock, RandomBytes } from "../platform/feature.ts";
import { hourStart } from "./model.ts";
import { checkInReports, venueFlags } from "./tables.ts";

/** Blob folder of the packages: `<interval>.bin`, `<interval>.sig` and `index.json`. */
export const WARNINGS_PREFIX = "checkin/warnings";
export const WARNING_REGION = "VN";

/** The index the phones read: intervals (hours since the epoch) with a package, oldest first. */
export interface WarningIndex {
  region: string;
  keyId: string;
  intervals: number[];
}

/** The protected report a flag publishes: the venue's window encrypted to its locationId under a fresh IV. */
export function flagReport(
  venueLocationId: Uint8Array,
  startsAt: Date,
  endsAt: Date,
  transmissionRiskLevel: number,
  iv: Uint8Array,
): CheckInProtectedReport {
  const record = checkInRecordFromTimes(startsAt.getTime(), endsAt.getTime(), transmissionRiskLevel);
  return encryptCheckInRecord(record, venueLocationId, iv);
}

/** Stores a flag and its report in one transaction. */
export async function storeFlag(
  db: Db,
  flag: {
    venueId: number;
    locationId: Uint8Array;
    startsAt: Date;
    endsAt: Date;
    transmissionRiskLevel: number;
  },
  by: number,
  deps: { clock: Clock; random: RandomBytes },
): Promise<{ id: number }> {
  const now = deps.clock();
  const report = flagReport(
    flag.locationId,
    flag.startsAt,
    flag.endsAt,
    flag.transmissionRiskLevel,
    deps.random(16),
  );
  return transaction(db, async (tx) => {
    const [row] = await tx
      .insert(venueFlags)
      .values({
        venueId: flag.venueId,
        startsAt: flag.startsAt,
        endsAt: flag.endsAt,
        transmissionRiskLevel: flag.transmissionRiskLevel,
        flaggedBy: by,
        createdAt: now,
      })
      .returning({ id: venueFlags.id });
    await tx.insert(checkInReports).values({ hour: hourStart(now), source: "flag", ...report });
    if (!row) throw new Error("flag insert returned nothing");
    return row;
  });
}

export interface PublishDeps {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  keys: KeysConfig;
}

/** Rows marked published per statement (bind parameters stay far below PostgreSQL's 65,535). */
const MARK_CHUNK = 10_000;

/**
 * Publishes every closed hour with unpublished reports: writes `<interval>.bin` and `.sig`, marks the rows
 * published and rewrites index.json. Idempotent: a rerun after a crash rewrites the same files from the same rows.
 */
export async function publishWarningPackages(deps: PublishDeps): Promise<number[]> {
  const signer = await exportSigningKey(deps);
  const current = hourStart(deps.clock());
  const hours = await deps.db
    .selectDistinct({ hour: checkInReports.hour })
    .from(checkInReports)
    .where(and(isNull(checkInReports.publishedAt), lt(checkInReports.hour, current)))
    .orderBy(asc(checkInReports.hour));
  const published: number[] = [];
  for (const { hour } of hours) {
    const reports = await deps.db
      .select()
      .from(checkInReports)
      .where(eq(checkInReports.hour, hour))
      .orderBy(asc(checkInReports.id));
    const interval = traceWarningIntervalNumber(hour.getTime());
    const bytes = encodeTraceWarningPackage({
      intervalNumber: interval,
      region: WARNING_REGION,
      checkInProtectedReports: reports.map((r) => ({
        locationIdHash: r.locationIdHash,
        iv: r.iv,
        encryptedCheckInRecord: r.encryptedCheckInRecord,
        mac: r.mac,
      })),
    });
    const signature = sign("sha256", bytes, { key: signer.privateKey, dsaEncoding: "der" });
    const cache = { cacheControl: "public, max-age=86400" };
    await deps.blobs.put(`${WARNINGS_PREFIX}/${interval}.bin`, bytes, {
      contentType: "application/x-protobuf",
      ...cache,
    });
    await deps.blobs.put(`${WARNINGS_PREFIX}/${interval}.sig`, new Uint8Array(signature), {
      contentType: "application/octet-stream",
      ...cache,
    });
    // Mark exactly the rows in the package: a report committed late for this hour (after the select) stays
    // unpublished, so the next run rewrites the package with it instead of losing it.
    // (ids, not an id bound: ids are taken at insert, so a lower id can commit after a higher one.)
    const ids = reports.map((r) => r.id);
    for (let i = 0; i < ids.length; i += MARK_CHUNK) {
      await deps.db
        .update(checkInReports)
        .set({ publishedAt: deps.clock() })
        .where(inArray(checkInReports.id, ids.slice(i, i + MARK_CHUNK)));
    }
    published.push(interval);
  }
  const all = await deps.db
    .selectDistinct({ hour: checkInReports.hour })
    .from(checkInReports)
    .where(sql`${checkInReports.publishedAt} IS NOT NULL`)
    .orderBy(asc(checkInReports.hour));
  const index: WarningIndex = {
    region: WARNING_REGION,
    keyId: signer.kid,
    intervals: all.map((r) => traceWarningIntervalNumber(r.hour.getTime())),
  };
  await deps.blobs.put(`${WARNINGS_PREFIX}/index.json`, new TextEncoder().encode(JSON.stringify(index)), {
    contentType: "application/json",
    cacheControl: "public, max-age=300",
  });
  return published;
}
