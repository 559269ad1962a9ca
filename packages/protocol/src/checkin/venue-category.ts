/**
 * Vietnamese venue categories shown in the console and on posters (vi first, en), each mapped to the
 * closest CWA TraceLocationType. Only the CWA type goes on the wire; the category is derived back from it.
 */
import { TraceLocationType } from "./location-type.ts";

/** One venue category: stable id, labels, and the CWA type written into the QR payload. */
export interface VenueCategory {
  id: VenueCategoryId;
  vi: string;
  en: string;
  traceLocationType: TraceLocationType;
}

export type VenueCategoryId =
  | "office"
  | "market"
  | "shop"
  | "restaurant"
  | "school"
  | "industrial_park"
  | "transport_hub"
  | "health_facility"
  | "public_building"
  | "personal_service"
  | "event"
  | "club_activity"
  | "private_event"
  | "worship_service"
  | "other_place"
  | "other_event";

const T = TraceLocationType;

/** All categories, in the order the console lists them. */
export const VENUE_CATEGORIES: readonly VenueCategory[] = Object.freeze([
  {
    id: "office",
    vi: "Cơ quan, công sở",
    en: "Office / workplace",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_WORKPLACE,
  },
  { id: "market", vi: "Chợ", en: "Market", traceLocationType: T.LOCATION_TYPE_PERMANENT_RETAIL },
  {
    id: "shop",
    vi: "Cửa hàng, siêu thị",
    en: "Shop / retail",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_RETAIL,
  },
  {
    id: "restaurant",
    vi: "Nhà hàng, quán ăn",
    en: "Restaurant / food service",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_FOOD_SERVICE,
  },
  {
    id: "school",
    vi: "Trường học",
    en: "School / education",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_EDUCATIONAL_INSTITUTION,
  },
  {
    id: "industrial_park",
    vi: "Khu công nghiệp, nhà máy",
    en: "Industrial park / factory",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_WORKPLACE,
  },
  {
    id: "transport_hub",
    vi: "Bến xe, nhà ga, sân bay",
    en: "Transport hub (bus station, railway station, airport)",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING,
  },
  {
    id: "health_facility",
    vi: "Cơ sở y tế",
    en: "Health facility",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING,
  },
  {
    id: "public_building",
    vi: "Công trình công cộng",
    en: "Public building",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING,
  },
  {
    id: "personal_service",
    vi: "Dịch vụ cá nhân, cơ sở thủ công",
    en: "Personal service / craft business",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_CRAFT,
  },
  { id: "event", vi: "Sự kiện", en: "Event", traceLocationType: T.LOCATION_TYPE_TEMPORARY_CULTURAL_EVENT },
  {
    id: "club_activity",
    vi: "Hoạt động câu lạc bộ",
    en: "Club activity",
    traceLocationType: T.LOCATION_TYPE_TEMPORARY_CLUB_ACTIVITY,
  },
  {
    id: "private_event",
    vi: "Tiệc, đám cưới, sự kiện riêng",
    en: "Private event (party, wedding)",
    traceLocationType: T.LOCATION_TYPE_TEMPORARY_PRIVATE_EVENT,
  },
  {
    id: "worship_service",
    vi: "Lễ tôn giáo",
    en: "Religious service",
    traceLocationType: T.LOCATION_TYPE_TEMPORARY_WORSHIP_SERVICE,
  },
  {
    id: "other_place",
    vi: "Địa điểm khác",
    en: "Other place",
    traceLocationType: T.LOCATION_TYPE_PERMANENT_OTHER,
  },
  {
    id: "other_event",
    vi: "Sự kiện khác",
    en: "Other event",
    traceLocationType: T.LOCATION_TYPE_TEMPORARY_OTHER,
  },
] satisfies VenueCategory[]);

const BY_ID = new Map(VENUE_CATEGORIES.map((c) => [c.id, c]));

/** The category with this id, or undefined. */
export function venueCategory(id: string): VenueCategory | undefined {
  return BY_ID.get(id as VenueCategoryId);
}

/** The CWA type to write for a category. */
export function traceLocationTypeForCategory(id: VenueCategoryId): TraceLocationType {
  return BY_ID.get(id)?.traceLocationType ?? T.LOCATION_TYPE_PERMANENT_OTHER;
}

/** The category shown for a CWA type read off the wire (types several categories share map to the general one). */
const FOR_TYPE: Record<TraceLocationType, VenueCategoryId> = {
  0: "other_place",
  1: "other_place",
  2: "other_event",
  3: "shop",
  4: "restaurant",
  5: "personal_service",
  6: "office",
  7: "school",
  8: "public_building",
  9: "event",
  10: "club_activity",
  11: "private_event",
  12: "worship_service",
};

/** The category to display for a CWA type, e.g. for a poster printed by CWA tooling. */
export function venueCategoryForType(type: TraceLocationType): VenueCategory {
  return BY_ID.get(FOR_TYPE[type] ?? "other_place")!;
}
