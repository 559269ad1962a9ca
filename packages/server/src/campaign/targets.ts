// Pure target arithmetic: the effective target of a unit (its own or the nearest ancestor's), progress,
// the projected day the target is reached at the last 7 days' pace, and the daily gain needed by the deadline.
import { addDays, coverageBasisPoints, daysBetween } from "./coverage.ts";

export interface Target {
  unitCode: string;
  /** 6000 = 60%. */
  percentBp: number;
  /** Last day (inclusive) to reach it, "YYYY-MM-DD". */
  deadline: string;
}

/** Days of history the pace is measured over. */
export const PACE_DAYS = 7;

/** The target that applies to a unit: its own, else the nearest ancestor's (path: root first, unit last). */
export function effectiveTarget(
  path: readonly string[],
  targets: ReadonlyMap<string, Target>,
): (Target & { inherited: boolean }) | null {
  for (let i = path.length - 1; i >= 0; i--) {
    const target = targets.get(path[i]!);
    if (target) return { ...target, inherited: i !== path.length - 1 };
  }
  return null;
}

export interface ProgressInput {
  target: Pick<Target, "percentBp" | "deadline">;
  today: string;
  withPhone: number;
  subscribers: number;
  /** Installs with phone PACE_DAYS days ago (end of that day), for the pace. */
  withPhonePaceStart: number;
}

export interface TargetProgress {
  percentBp: number;
  deadline: string;
  coverageBp: number | null;
  /** Coverage as a share of the target, basis points (10000 = reached). */
  progressBp: number | null;
  reached: boolean;
  /** Installs with phone the target needs: ceil(target x subscribers). */
  targetPhones: number;
  /** Still missing (0 when reached). */
  remainingPhones: number;
  /** Days from today to the deadline, counting the deadline; 0 when it has passed. */
  daysLeft: number;
  /** Installs with phone needed per day to meet the deadline; null once the deadline has passed. */
  neededPerDay: number | null;
  /** The same in coverage basis points per day. */
  neededBpPerDay: number | null;
  /** Installs with phone gained per day over the last PACE_DAYS days. */
  pacePerDay: number;
  /** The same in coverage basis points per day (truncated to 2 decimals of a percent point). */
  paceBpPerDay: number | null;
  /** Day the target is reached at that pace; today when reached; null when the pace is not positive. */
  projectedDay: string | null;
  /** Whether the projection is on or before the deadline. */
  onTrack: boolean;
}

/** Progress of a unit toward its target (no subscribers: coverage and per-day figures are null/0). */
export function targetProgress(input: ProgressInput): TargetProgress {
  const { target, today, withPhone, subscribers } = input;
  const coverageBp = coverageBasisPoints(withPhone, subscribers);
  const targetPhones = Math.ceil((target.percentBp * Math.max(0, subscribers)) / 10_000);
  const reached = subscribers > 0 && withPhone >= targetPhones;
  const remainingPhones = reached ? 0 : Math.max(0, targetPhones - withPhone);
  const daysLeft = Math.max(0, daysBetween(today, target.deadline) + 1);
  const pacePerDay = (withPhone - input.withPhonePaceStart) / PACE_DAYS;
  const neededPerDay = reached ? 0 : daysLeft > 0 ? Math.ceil(remainingPhones / daysLeft) : null;
  let projectedDay: string | null = null;
  if (reached) projectedDay = today;
  else if (pacePerDay > 0 && subscribers > 0) {
    projectedDay = addDays(today, Math.ceil(remainingPhones / pacePerDay));
  }
  const perDayBp = (phones: number | null) =>
    phones === null || !(subscribers > 0) ? null : Math.floor((phones * 10_000) / subscribers);
  return {
    percentBp: target.percentBp,
    deadline: target.deadline,
    coverageBp,
    progressBp:
      coverageBp === null || target.percentBp === 0
        ? null
        : Math.floor((coverageBp * 10_000) / target.percentBp),
    reached,
    targetPhones,
    remainingPhones,
    daysLeft,
    neededPerDay,
    neededBpPerDay: perDayBp(neededPerDay),
    pacePerDay: Math.round(pacePerDay * 100) / 100,
    paceBpPerDay: pacePerDay > 0 ? perDayBp(pacePerDay) : pacePerDay === 0 ? 0 : perDayBp(pacePerDay),
    projectedDay,
    onTrack: projectedDay !== null && projectedDay <= target.deadline,
  };
}

/** Traffic-light status of a unit against its target, for maps and rankings. */
export type TargetStatus = "reached" | "on_track" | "behind" | "no_target" | "no_data";

export function targetStatus(progress: TargetProgress | null, hasSubscribers: boolean): TargetStatus {
  if (!hasSubscribers) return "no_data";
  if (!progress) return "no_target";
  if (progress.reached) return "reached";
  return progress.onTrack ? "on_track" : "behind";
}
