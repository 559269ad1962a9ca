/**
 * The scripted scene of the demo and the end-to-end test: phones A, B, C, D, where they are and when,
 * in Vietnam time (UTC+7) on UTC days chosen so a local date is also the key's UTC date.
 */
import {
  type ExposureSourceConfig,
  type Http,
  PhoneSimulation,
  type SimulatedClock,
  type SimulatedPhoneSpec,
  visitPath,
  type Waypoint,
} from "@bluezone/device";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const VN_OFFSET_MS = 7 * HOUR_MS;
/** Metres: out of radio range of everybody. */
export const FAR_M = 2_000;

/** Unix ms of hh:mm Vietnam time on scene day `day` (0 = `dayA`, the UTC midnight of A and B's meeting). */
export function vnTime(dayA: number, day: number, h: number, m = 0): number {
  return dayA + day * DAY_MS + (h * 60 + m) * MINUTE_MS - VN_OFFSET_MS;
}

/** UTC midnight of the day holding `ms`. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** "2026-11-02": the Vietnam-local date of `ms` (what an officer types). */
export function vnDateIso(ms: number): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export interface Interval {
  fromMs: number;
  toMs: number;
}

/** When things happen. All meetings are between 07:00 and 24:00 Vietnam time, so local date = UTC date. */
export interface SceneTimes {
  /** UTC midnight of day 0. */
  dayA: number;
  /** Phones switch on: 07:00 on day 0. */
  startMs: number;
  /** A and B sit 1.5 m apart: 09:00-09:20 on day 0. */
  aMeetsB: Interval;
  /** D walks past A at 10 m: 09:05-09:07 on day 0. */
  dPassesA: Interval;
  /** B and C sit 1.5 m apart: 08:00-08:20 on day 1 (before B learns anything). */
  bMeetsC: Interval;
}

export function sceneTimes(dayA: number): SceneTimes {
  if (dayA % DAY_MS !== 0) throw new RangeError("dayA must be a UTC midnight");
  return {
    dayA,
    startMs: vnTime(dayA, 0, 7),
    aMeetsB: { fromMs: vnTime(dayA, 0, 9), toMs: vnTime(dayA, 0, 9, 20) },
    dPassesA: { fromMs: vnTime(dayA, 0, 9, 5), toMs: vnTime(dayA, 0, 9, 7) },
    bMeetsC: { fromMs: vnTime(dayA, 1, 8), toMs: vnTime(dayA, 1, 8, 20) },
  };
}

/** Away at (FAR_M + offset, 0), at `place` during `when`, away again. */
function visit(place: { x: number; y: number }, when: Interval, offset: number): Waypoint[] {
  return visitPath(place, when.fromMs, when.toMs, { x: FAR_M + offset, y: 0 });
}

/**
 * The phones. B stays at home (the origin) throughout; A visits 1.5 m from B; D passes 10 m from A's seat;
 * C visits 1.5 m from B the next day. Away, every phone is kilometres from the others.
 */
export function scenePhones(t: SceneTimes): SimulatedPhoneSpec[] {
  return [
    { id: "A", path: visit({ x: 1.5, y: 0 }, t.aMeetsB, 0) },
    { id: "B", path: [{ tMs: 0, x: 0, y: 0 }] },
    { id: "C", path: visit({ x: 0, y: 1.5 }, t.bMeetsC, 1_000) },
    { id: "D", path: visit({ x: 1.5, y: 10 }, t.dPassesA, 500) },
  ];
}

/** The scene's phones on a VirtualRadio, configured for one server, started at `times.startMs`. */
export async function startScene(options: {
  times: SceneTimes;
  seed: number;
  http: Http;
  /** Must read times.startMs; the server may share it. */
  clock: SimulatedClock;
  exposureSource: ExposureSourceConfig;
  keyServer: { baseUrl: string; healthAuthorityID: string };
}): Promise<PhoneSimulation> {
  const { times, seed, http, clock, exposureSource, keyServer } = options;
  const sim = new PhoneSimulation({
    startMs: times.startMs,
    seed,
    http,
    clock,
    config: { exposureSource, keyServer },
  });
  for (const spec of scenePhones(times)) await sim.addPhone(spec);
  return sim;
}
