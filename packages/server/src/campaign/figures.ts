// The dashboard's figures of units, composed from the rollup reads: counts, coverage, the target that applies
// with progress and projection, and the traffic-light status. Five indexed queries per call, whatever the size.
import type { Db } from "../platform/db/database.ts";
import { addDays, coverageBasisPoints, formatBasisPoints } from "./coverage.ts";
import { activeOn, phonesGainedSince, targetsOf, totalsOf } from "./figures-store.ts";
import { subscribersOn } from "./subscribers-store.ts";
import {
  effectiveTarget,
  PACE_DAYS,
  type TargetProgress,
  type TargetStatus,
  targetProgress,
  targetStatus,
} from "./targets.ts";
import type { CampaignLevel, CampaignUnits } from "./units.ts";

export interface AppliedTarget {
  /** The unit that set it (this unit or an ancestor). */
  unitCode: string;
  percentBp: number;
  percent: string;
  deadline: string;
  inherited: boolean;
}

export interface UnitFigures {
  code: string;
  name: string;
  level: CampaignLevel;
  parentCode: string | null;
  installs: number;
  withPhone: number;
  /** Devices active today. */
  active: number;
  /** Effective subscribers today; null when none was reported. */
  subscribers: number | null;
  coverageBp: number | null;
  /** As in the letters: truncated to two decimals, "47.59%". */
  coverage: string;
  target: AppliedTarget | null;
  progress: TargetProgress | null;
  progressBp: number | null;
  status: TargetStatus;
}

/** Figures of each unit (known to `units`) on `today`, in the order given. */
export async function figuresOf(
  db: Db,
  units: CampaignUnits,
  codes: readonly string[],
  today: string,
): Promise<UnitFigures[]> {
  const known = codes.filter((c) => units.get(c));
  const lineage = [...new Set(known.flatMap((c) => units.path(c)))];
  const [totals, active, subscribers, gained, targets] = await Promise.all([
    totalsOf(db, known),
    activeOn(db, known, today),
    subscribersOn(db, known, today),
    phonesGainedSince(db, known, addDays(today, -PACE_DAYS)),
    targetsOf(db, lineage),
  ]);
  return known.map((code) => {
    const unit = units.get(code)!;
    const t = totals.get(code) ?? { installs: 0, withPhone: 0 };
    const subs = subscribers.get(code) ?? null;
    const target = effectiveTarget(units.path(code), targets);
    const progress =
      target === null
        ? null
        : targetProgress({
            target,
            today,
            withPhone: t.withPhone,
            subscribers: subs ?? 0,
            withPhonePaceStart: t.withPhone - (gained.get(code) ?? 0),
          });
    const coverageBp = coverageBasisPoints(t.withPhone, subs ?? 0);
    return {
      code,
      name: unit.name,
      level: unit.level,
      parentCode: unit.parentCode,
      installs: t.installs,
      withPhone: t.withPhone,
      active: active.get(code) ?? 0,
      subscribers: subs,
      coverageBp,
      coverage: formatBasisPoints(coverageBp),
      target: target && {
        unitCode: target.unitCode,
        percentBp: target.percentBp,
        percent: formatBasisPoints(target.percentBp),
        deadline: target.deadline,
        inherited: target.inherited,
      },
      progress,
      progressBp: progress?.progressBp ?? null,
      status: targetStatus(progress, (subs ?? 0) > 0),
    };
  });
}
