/**
 * CPU time of other processes on this machine (Linux /proc), so a bench that spans several processes (load
 * generator, server child, PostgreSQL) can report CPU per operation for each. Elsewhere it reports nothing.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process in milliseconds (all its threads), or undefined if it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name (which may contain spaces): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Per-pid CPU milliseconds of every process whose command name is `comm` (e.g. "postgres"). */
export function cpuByCommand(comm: string): Map<number, number> {
  const out = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== comm) continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(Number(entry));
    if (ms !== undefined) out.set(Number(entry), ms);
  }
  return out;
}

/** CPU milliseconds the `comm` processes used between two cpuByCommand snapshots (new pids count in full). */
export function cpuDeltaMs(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
