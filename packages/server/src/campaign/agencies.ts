// Agencies (sở, ban, ngành, schools, enterprises, armed-forces units) under a unit: SQL to create, update and
// list them, and their staff compliance (devices joined with the agency's code / headcount) against a target.
import { type Db, rows, sql } from "../platform/db/database.ts";
import { coverageBasisPoints, formatBasisPoints } from "./coverage.ts";
import { anyText } from "./sql.ts";

export const AGENCY_KINDS = [
  "department",
  "board",
  "sector",
  "school",
  "enterprise",
  "armed_forces",
  "other",
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export interface Agency {
  id: number;
  unitCode: string;
  name: string;
  kind: AgencyKind;
  headcount: number;
  joinCode: string;
  joined: number;
  /** Own compliance target (basis points), or null for the default. */
  targetBp: number | null;
}

export interface AgencyCompliance extends Agency {
  complianceBp: number | null;
  compliance: string;
  /** The target that applies (own or default), basis points. */
  appliedTargetBp: number;
  belowTarget: boolean;
}

/** Compliance of an agency: joined / headcount, truncated like coverage. */
export function complianceOf(agency: Agency, defaultTargetBp: number): AgencyCompliance {
  const complianceBp = coverageBasisPoints(agency.joined, agency.headcount);
  const appliedTargetBp = agency.targetBp ?? defaultTargetBp;
  return {
    ...agency,
    complianceBp,
    compliance: formatBasisPoints(complianceBp),
    appliedTargetBp,
    belowTarget: complianceBp === null || complianceBp < appliedTargetBp,
  };
}

type AgencyRecord = {
  id: number;
  unit_code: string;
  name: string;
  kind: AgencyKind;
  headcount: number;
  join_code: string;
  joined: number;
  target_bp: number | null;
};
const toAgency = (r: AgencyRecord): Agency => ({
  id: Number(r.id),
  unitCode: r.unit_code,
  name: r.name,
  kind: r.kind,
  headcount: r.headcount,
  joinCode: r.join_code,
  joined: r.joined,
  targetBp: r.target_bp,
});
const columns = sql`id::int AS id, unit_code, name, kind, headcount, join_code, joined, target_bp`;

export async function createAgency(db: Db, input: Omit<Agency, "id" | "joined">): Promise<Agency | null> {
  const [row] = await rows<AgencyRecord>(
    db,
    sql`INSERT INTO campaign_agencies (unit_code, name, kind, headcount, join_code, target_bp)
        VALUES (${input.unitCode}, ${input.name}, ${input.kind}, ${input.headcount}, ${input.joinCode}, ${input.targetBp})
        ON CONFLICT (join_code) DO NOTHING RETURNING ${columns}`,
  );
  return row ? toAgency(row) : null;
}

export async function getAgency(db: Db, id: number): Promise<Agency | undefined> {
  const [row] = await rows<AgencyRecord>(db, sql`SELECT ${columns} FROM campaign_agencies WHERE id = ${id}`);
  return row ? toAgency(row) : undefined;
}

export async function updateAgency(
  db: Db,
  id: number,
  change: { name?: string; headcount?: number; targetBp?: number | null },
): Promise<Agency | undefined> {
  const [row] = await rows<AgencyRecord>(
    db,
    sql`UPDATE campaign_agencies SET
          name = coalesce(${change.name ?? null}, name),
          headcount = coalesce(${change.headcount ?? null}::int, headcount),
          target_bp = ${change.targetBp === undefined ? sql`target_bp` : sql`${change.targetBp}::int`}
        WHERE id = ${id} RETURNING ${columns}`,
  );
  return row ? toAgency(row) : undefined;
}

/** Agencies registered under any of `unitCodes` (every agency when null), by name. */
export async function listAgencies(db: Db, unitCodes: readonly string[] | null): Promise<Agency[]> {
  const where = unitCodes === null ? sql`` : sql`WHERE unit_code = ${anyText(unitCodes)}`;
  const found = await rows<AgencyRecord>(
    db,
    sql`SELECT ${columns} FROM campaign_agencies ${where} ORDER BY name, id`,
  );
  return found.map(toAgency);
}

/** The agency with this (normalized) join code: what an agency officer's account is scoped to. */
export async function getAgencyByJoinCode(db: Db, joinCode: string): Promise<Agency | undefined> {
  const [row] = await rows<AgencyRecord>(
    db,
    sql`SELECT ${columns} FROM campaign_agencies WHERE join_code = ${joinCode}`,
  );
  return row ? toAgency(row) : undefined;
}
