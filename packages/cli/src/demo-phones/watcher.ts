/**
 * StatusWatcher: remembers each phone's last shown exposure level and prints a phone's status only when it
 * changes; after a check it also says when keys matched without reaching the close-contact threshold.
 */
import type { DeviceStatus, ExposureLevel, SimulatedPhone } from "@bluezone/device";
import { eventLines, statusLines } from "./printer.ts";

/** One status change, as printed. */
export interface StatusChange {
  atMs: number;
  phone: string;
  from: ExposureLevel | undefined;
  to: ExposureLevel;
  exposureDateMs: number | undefined;
}

export class StatusWatcher {
  readonly changes: StatusChange[] = [];
  readonly #last = new Map<string, ExposureLevel>();
  readonly #out: (line: string) => void;

  constructor(out: (line: string) => void) {
    this.#out = out;
  }

  level(phone: string): ExposureLevel | undefined {
    return this.#last.get(phone);
  }

  /** Records `status`; prints it if the level changed. Returns whether it changed. */
  show(atMs: number, phone: string, status: DeviceStatus): boolean {
    const from = this.#last.get(phone);
    if (from === status.level) return false;
    this.#last.set(phone, status.level);
    this.changes.push({ atMs, phone, from, to: status.level, exposureDateMs: status.exposureDateMs });
    for (const line of statusLines(atMs, phone, status)) this.#out(line);
    return true;
  }

  /** Every phone checks the published exports; prints changes and below-threshold matches. */
  async checkAll(atMs: number, phones: readonly SimulatedPhone[]): Promise<void> {
    for (const p of phones) {
      const result = await p.engine.checkForExposures();
      const changed = this.show(atMs, p.id, result.status);
      if (!changed && result.newExposures > 0 && result.status.level === "not_exposed") {
        const n = result.newExposures;
        const lines = eventLines(
          atMs,
          {
            vi: `${n} khóa khớp với nhật ký Bluetooth, nhưng chưa đủ 15 phút tiếp xúc gần có trọng số: không phải F1.`,
            en: `${n} key${n === 1 ? "" : "s"} matched the Bluetooth log, but below 15 weighted minutes of close contact: not an F1.`,
          },
          p.id,
        );
        for (const line of lines) this.#out(line);
      }
    }
  }
}
