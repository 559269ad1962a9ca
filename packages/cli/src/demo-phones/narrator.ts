/**
 * Narrator: the demo's output stream. Knows the scene time, starts a new day header when the Vietnam-local
 * date changes, and prints narrated events, export results and the final summary.
 */
import type { ExposureLevel, LocalizedText } from "@bluezone/device";
import { dayHeader, eventLines, vnDate, vnDayNumber } from "./printer.ts";
import type { StatusChange } from "./watcher.ts";

export class Narrator {
  #nowMs = 0;
  #day: number | undefined;
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** Scene time of the next lines. */
  at(ms: number): this {
    this.#nowMs = ms;
    return this;
  }

  get nowMs(): number {
    return this.#nowMs;
  }

  /** Writes a line, preceded by a day header when the local date changed. */
  readonly line = (text: string): void => {
    const day = vnDayNumber(this.#nowMs);
    if (day !== this.#day) {
      if (this.#day !== undefined) this.#write("");
      this.#write(dayHeader(this.#nowMs));
      this.#day = day;
    }
    this.#write(text);
  };

  /** Lines without a day header (title, notes, summary). */
  plain(text: string): void {
    this.#write(text);
  }

  event(text: LocalizedText): void {
    for (const l of eventLines(this.#nowMs, text)) this.line(l);
  }
}

const LEVEL_TEXT: Record<ExposureLevel, LocalizedText> = {
  not_exposed: { vi: "không phát hiện tiếp xúc gần", en: "no close contact detected" },
  F0: { vi: "F0 (đã chia sẻ kết quả dương tính)", en: "F0 (shared a positive result)" },
  F1: { vi: "F1 (tiếp xúc gần với F0)", en: "F1 (close contact of an F0)" },
  F2: { vi: "F2 (tiếp xúc gần với F1)", en: "F2 (close contact of an F1)" },
};

/** "B: F1 (tiếp xúc gần với F0), ngày 02/11/2026" per phone, from the watcher's last change. */
export function summaryLines(phones: readonly string[], changes: readonly StatusChange[]): string[] {
  const out = ["Kết quả / Result:"];
  for (const id of phones) {
    const last = [...changes].reverse().find((c) => c.phone === id);
    const level = last?.to ?? "not_exposed";
    const date = last?.exposureDateMs !== undefined && level !== "F0" ? vnDate(last.exposureDateMs) : "";
    const t = LEVEL_TEXT[level];
    out.push(`  ${id}  ${t.vi}${date ? `, ngày ${date}` : ""} / ${t.en}${date ? `, on ${date}` : ""}`);
  }
  return out;
}
