/**
 * The demo's output lines (pure): Vietnam-time stamps, day headers, phone status lines and narrated events,
 * each in Vietnamese then English.
 */
import type { DeviceStatus, ExposureLevel, LocalizedText } from "@bluezone/device";
import { VN_OFFSET_MS } from "./scene.ts";

const WEEKDAYS_VI = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Width of the "HH:MM  X  LVL  " prefix; English lines are indented to it. */
const INDENT = " ".repeat(14);

const local = (ms: number) => new Date(ms + VN_OFFSET_MS);
const pad2 = (n: number) => String(n).padStart(2, "0");

/** "09:20" in Vietnam time. */
export function vnClock(ms: number): string {
  const d = local(ms);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** "02/11/2026" in Vietnam time. */
export function vnDate(ms: number): string {
  const d = local(ms);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Vietnam-local day number (days since 1970-01-01 in UTC+7): a new one starts a new header. */
export function vnDayNumber(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / 86_400_000);
}

/** "── Thứ Hai 02/11/2026 · Monday 2026-11-02 ──" */
export function dayHeader(ms: number): string {
  const d = local(ms);
  const iso = d.toISOString().slice(0, 10);
  return `── ${WEEKDAYS_VI[d.getUTCDay()]} ${vnDate(ms)} · ${WEEKDAYS_EN[d.getUTCDay()]} ${iso} ──`;
}

/** The level as shown in the status column. */
export function levelLabel(level: ExposureLevel): string {
  return level === "not_exposed" ? "--" : level;
}

/** Two lines: "09:20  B  F1  <vi>" and the English text indented under it. */
export function statusLines(ms: number, phoneId: string, status: DeviceStatus): string[] {
  return textLines(ms, phoneId, levelLabel(status.level), status.advice);
}

/** A narrated event: "09:00  ·     <vi>" and the English under it. */
export function eventLines(ms: number, text: LocalizedText, who = "·"): string[] {
  return textLines(ms, who, "", text);
}

function textLines(ms: number, who: string, label: string, text: LocalizedText): string[] {
  return [`${vnClock(ms)}  ${who.padEnd(1)}  ${label.padEnd(2)}  ${text.vi}`, `${INDENT}${text.en}`];
}
