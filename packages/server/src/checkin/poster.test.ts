import { mkdirSync, writeFileSync } from "node:fs";
import {
  buildCheckInUrl,
  checkInUrlDescriptor,
  locationId,
  newTraceLocation,
  parseCheckInUrl,
  TraceLocationType,
} from "@bluezone/protocol";
import { describe, expect, it } from "vitest";
import { hasPdftoppm, renderAndDecode } from "./poster.testutil.ts";
import { PT_PER_CM, QR_SIDE_CM, renderPoster } from "./poster.ts";
import { CROWD_NOTIFIER_PUBLIC_KEY } from "./public-key.ts";

const BASE = "https://bluezone.example.vn/c/";
const payload = newTraceLocation(
  {
    description: "Quán phở Hà Nội – Đặc biệt",
    address: "12 Lê Lợi, Phường Bến Thành",
    type: TraceLocationType.LOCATION_TYPE_PERMANENT_FOOD_SERVICE,
    defaultCheckInLengthInMinutes: 45,
  },
  new Uint8Array(16).fill(7),
  CROWD_NOTIFIER_PUBLIC_KEY,
);
const url = buildCheckInUrl(BASE, payload);
const content = {
  url,
  name: "Quán phở Hà Nội – Đặc biệt",
  address: "12 Lê Lợi, Bến Thành",
  categoryVi: "Nhà hàng",
};
const ARTIFACTS = new URL("../../../../test-artifacts/checkin/", import.meta.url);

describe("renderPoster", () => {
  it("draws the QR at least 15 x 15 cm on A4", () => {
    expect(QR_SIDE_CM.a4).toBeGreaterThanOrEqual(15);
    expect(QR_SIDE_CM.a4 * PT_PER_CM).toBeCloseTo(453.5, 0);
  });

  it("makes one-page A4 and A6 PDFs with the Vietnamese font embedded", async () => {
    for (const [format, size] of [
      ["a4", "595.28 841.89"],
      ["a6", "297.64 419.53"],
    ] as const) {
      const pdf = Buffer.from(await renderPoster(content, format));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdf.toString("latin1");
      expect(text).toMatch(/\/Type \/Page\b/);
      expect(text).toContain(`/MediaBox [0 0 ${size}]`);
      expect(text).toMatch(/BeVietnamPro/);
    }
  });

  it.skipIf(!hasPdftoppm())("renders to a PNG whose QR decodes to a check-in URL of the venue", async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [format, dpi] of [
      ["a4", 72],
      ["a6", 110],
    ] as const) {
      const { png, text } = renderAndDecode(await renderPoster(content, format), dpi);
      writeFileSync(new URL(`poster-${format}.png`, ARTIFACTS), png);
      expect(text).toBe(url);
      const parsed = parseCheckInUrl(text ?? "", [checkInUrlDescriptor(BASE)]);
      expect(Buffer.from(locationId(parsed.payloadBytes))).toEqual(Buffer.from(locationId(payload)));
      expect(parsed.payload.locationData.description).toBe("Quán phở Hà Nội – Đặc biệt");
      expect(parsed.cwaLocationData.defaultCheckInLengthInMinutes).toBe(45);
    }
  });
});
