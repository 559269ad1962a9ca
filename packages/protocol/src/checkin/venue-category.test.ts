import { describe, expect, it } from "vitest";
import {
  isTemporaryTraceLocationType,
  isTraceLocationType,
  TraceLocationType,
  traceLocationTypeFromName,
  traceLocationTypeName,
} from "./location-type.ts";
import {
  traceLocationTypeForCategory,
  VENUE_CATEGORIES,
  type VenueCategoryId,
  venueCategory,
  venueCategoryForType,
} from "./venue-category.ts";

const T = TraceLocationType;

describe("Vietnamese venue categories", () => {
  it("map each category the brief names to the closest CWA type", () => {
    const expected: [VenueCategoryId, string, TraceLocationType][] = [
      ["office", "Cơ quan", T.LOCATION_TYPE_PERMANENT_WORKPLACE],
      ["market", "Chợ", T.LOCATION_TYPE_PERMANENT_RETAIL],
      ["shop", "Cửa hàng", T.LOCATION_TYPE_PERMANENT_RETAIL],
      ["restaurant", "Nhà hàng, quán ăn", T.LOCATION_TYPE_PERMANENT_FOOD_SERVICE],
      ["school", "Trường học", T.LOCATION_TYPE_PERMANENT_EDUCATIONAL_INSTITUTION],
      ["industrial_park", "Khu công nghiệp", T.LOCATION_TYPE_PERMANENT_WORKPLACE],
      ["transport_hub", "Bến xe, nhà ga, sân bay", T.LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING],
      ["health_facility", "Cơ sở y tế", T.LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING],
      ["event", "Sự kiện", T.LOCATION_TYPE_TEMPORARY_CULTURAL_EVENT],
      ["other_place", "Địa điểm khác", T.LOCATION_TYPE_PERMANENT_OTHER],
    ];
    for (const [id, vi, type] of expected) {
      const c = venueCategory(id)!;
      expect(c.vi.startsWith(vi)).toBe(true);
      expect(c.traceLocationType).toBe(type);
      expect(traceLocationTypeForCategory(id)).toBe(type);
    }
  });

  it("have unique ids, NFC-normalised Vietnamese labels and English labels", () => {
    expect(new Set(VENUE_CATEGORIES.map((c) => c.id)).size).toBe(VENUE_CATEGORIES.length);
    for (const c of VENUE_CATEGORIES) {
      expect(c.vi.normalize("NFC")).toBe(c.vi);
      expect(c.vi.length).toBeGreaterThan(0);
      expect(c.en).toMatch(/^[A-Z][\x20-\x7e]+$/);
      expect(isTraceLocationType(c.traceLocationType)).toBe(true);
      expect(c.traceLocationType).not.toBe(T.LOCATION_TYPE_UNSPECIFIED);
    }
  });

  it("every CWA type read off the wire shows as a category of that type (UNSPECIFIED as other place)", () => {
    for (let type = 0; type <= 12; type++) {
      const c = venueCategoryForType(type as TraceLocationType);
      expect(c.traceLocationType).toBe(type === 0 ? T.LOCATION_TYPE_PERMANENT_OTHER : type);
    }
    expect(venueCategory("nope")).toBeUndefined();
  });
});

describe("TraceLocationType", () => {
  it("has the 13 values of trace_location.proto with their names", () => {
    expect(Object.values(T)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(traceLocationTypeName(T.LOCATION_TYPE_PERMANENT_CRAFT)).toBe("LOCATION_TYPE_PERMANENT_CRAFT");
    expect(traceLocationTypeFromName("LOCATION_TYPE_TEMPORARY_WORSHIP_SERVICE")).toBe(12);
    expect(traceLocationTypeFromName("toString")).toBeUndefined();
    expect([-1, 13, 1.5, "1"].some(isTraceLocationType)).toBe(false);
  });

  it("tells temporary from permanent types", () => {
    const temporary = Object.values(T).filter((t) => isTemporaryTraceLocationType(t));
    expect(temporary).toEqual([2, 9, 10, 11, 12]);
  });
});
