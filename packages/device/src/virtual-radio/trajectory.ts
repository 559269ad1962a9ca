/**
 * Positions over time in the VirtualRadio's 2-D world (metres): a phone's path is a list of timed waypoints,
 * linearly interpolated between them and held still before the first and after the last.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Waypoint extends Point {
  /** Time (Unix ms) the phone is at (x, y). */
  tMs: number;
}

/** A phone's path: waypoints (sorted by time here) or any function of time. */
export type Path = readonly Waypoint[] | ((tMs: number) => Point);

/** Where a phone on `path` is at time `tMs`. */
export function positionAt(path: Path, tMs: number): Point {
  if (typeof path === "function") return path(tMs);
  if (path.length === 0) throw new RangeError("a path needs at least one waypoint");
  const first = path[0]!;
  if (tMs <= first.tMs) return { x: first.x, y: first.y };
  for (let i = 1; i < path.length; i++) {
    const b = path[i]!;
    if (tMs <= b.tMs) {
      const a = path[i - 1]!;
      const f = b.tMs === a.tMs ? 1 : (tMs - a.tMs) / (b.tMs - a.tMs);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
  }
  const last = path[path.length - 1]!;
  return { x: last.x, y: last.y };
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Sorts waypoints by time (copy). */
export function normalizePath(path: Path): Path {
  return typeof path === "function" ? path : [...path].sort((a, b) => a.tMs - b.tMs);
}

/** A path that stays at `p` forever. */
export function stayAt(p: Point): Path {
  return [{ tMs: 0, x: p.x, y: p.y }];
}

/**
 * A path that waits at `away` (out of radio range), is at `place` from `fromMs` to `toMs`, then leaves:
 * the building block of scripted scenes ("A sits 1.5 m from B from 09:00 to 09:20").
 */
export function visitPath(place: Point, fromMs: number, toMs: number, away: Point): Waypoint[] {
  return [
    { tMs: fromMs - 1, ...away },
    { tMs: fromMs, ...place },
    { tMs: toMs, ...place },
    { tMs: toMs + 1, ...away },
  ];
}
