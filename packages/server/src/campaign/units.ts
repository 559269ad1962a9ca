// The administrative units as campaign monitoring sees them (pure, in memory): "VN" above the 34 provinces
// and 3,321 communes of the v2025 hierarchy, paths for rollups, and which units an official may see.
import type { AuthenticatedAccount } from "../auth/model.ts";
import type { UnitIndex } from "../units/unit-index.ts";
import { NATIONAL_CODE } from "./coverage.ts";
import type { Place } from "./rollup.ts";

export type CampaignLevel = "national" | "province" | "commune";

export interface CampaignUnit {
  code: string;
  name: string;
  level: CampaignLevel;
  parentCode: string | null;
}

export interface CampaignUnits {
  get(code: string): CampaignUnit | undefined;
  /** Where a device registered in this commune is counted; undefined when not a current commune. */
  place(communeCode: string): Place | undefined;
  /** "VN" first, the unit last; empty when unknown. */
  path(code: string): string[];
  /** Units directly below (provinces under "VN", communes under a province), by code. */
  children(code: string): CampaignUnit[];
  /** Whether `code` is `ancestor` or lies below it. */
  isWithin(code: string, ancestor: string): boolean;
  /** Every unit: "VN", provinces, communes. */
  all(): CampaignUnit[];
}

const NATIONAL: CampaignUnit = { code: NATIONAL_CODE, name: "Việt Nam", level: "national", parentCode: null };

export function campaignUnits(index: UnitIndex): CampaignUnits {
  const provinces = index
    .provinces("v2025")
    .map((p): CampaignUnit => ({ code: p.code, name: p.name, level: "province", parentCode: NATIONAL_CODE }));
  const byCode = new Map<string, CampaignUnit>([[NATIONAL_CODE, NATIONAL]]);
  const childrenOf = new Map<string, CampaignUnit[]>([[NATIONAL_CODE, provinces]]);
  for (const p of provinces) {
    byCode.set(p.code, p);
    const communes = index
      .children(p.code, "v2025")
      .filter((c) => c.level === "commune")
      .map((c): CampaignUnit => ({ code: c.code, name: c.name, level: "commune", parentCode: p.code }))
      .sort((a, b) => a.code.localeCompare(b.code));
    childrenOf.set(p.code, communes);
    for (const c of communes) byCode.set(c.code, c);
  }
  const path = (code: string): string[] => {
    const out: string[] = [];
    let unit = byCode.get(code);
    while (unit) {
      out.unshift(unit.code);
      unit = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
    }
    return out;
  };
  return {
    get: (code) => byCode.get(code),
    place(communeCode) {
      const unit = byCode.get(communeCode);
      return unit?.level === "commune" && unit.parentCode
        ? { communeCode, provinceCode: unit.parentCode }
        : undefined;
    },
    path,
    children: (code) => [...(childrenOf.get(code) ?? [])],
    isWithin: (code, ancestor) => path(code).includes(ancestor),
    all: () => [...byCode.values()],
  };
}

/** Roles that read campaign figures: national sees everything, the others their unit and below. */
export const VIEWER_ROLES = ["national", "province", "commune"] as const;

/** The unit an official's view starts at ("VN" for national); null for roles without a view. */
export function viewerRoot(account: Pick<AuthenticatedAccount, "role" | "unitCode">): string | null {
  if (account.role === "national") return NATIONAL_CODE;
  if ((account.role === "province" || account.role === "commune") && account.unitCode)
    return account.unitCode;
  return null;
}

/** Whether the official may read (and, for their role, manage) the figures of `code`. */
export function canView(
  units: CampaignUnits,
  account: Pick<AuthenticatedAccount, "role" | "unitCode">,
  code: string,
): boolean {
  const root = viewerRoot(account);
  return root !== null && units.get(code) !== undefined && units.isWithin(code, root);
}
