/**
 * TraceLocationType of CWA trace_location.proto (values 0-12): the venue kind that travels on the wire
 * inside CWALocationData, with the permanent/temporary split the CWA apps use.
 */

/** CWA TraceLocationType enum, value for value as in trace_location.proto. */
export const TraceLocationType = {
  LOCATION_TYPE_UNSPECIFIED: 0,
  LOCATION_TYPE_PERMANENT_OTHER: 1,
  LOCATION_TYPE_TEMPORARY_OTHER: 2,
  LOCATION_TYPE_PERMANENT_RETAIL: 3,
  LOCATION_TYPE_PERMANENT_FOOD_SERVICE: 4,
  LOCATION_TYPE_PERMANENT_CRAFT: 5,
  LOCATION_TYPE_PERMANENT_WORKPLACE: 6,
  LOCATION_TYPE_PERMANENT_EDUCATIONAL_INSTITUTION: 7,
  LOCATION_TYPE_PERMANENT_PUBLIC_BUILDING: 8,
  LOCATION_TYPE_TEMPORARY_CULTURAL_EVENT: 9,
  LOCATION_TYPE_TEMPORARY_CLUB_ACTIVITY: 10,
  LOCATION_TYPE_TEMPORARY_PRIVATE_EVENT: 11,
  LOCATION_TYPE_TEMPORARY_WORSHIP_SERVICE: 12,
} as const;
export type TraceLocationType = (typeof TraceLocationType)[keyof typeof TraceLocationType];
export type TraceLocationTypeName = keyof typeof TraceLocationType;

const NAMES = Object.keys(TraceLocationType) as TraceLocationTypeName[];

/** True for the integers 0-12 that TraceLocationType defines. */
export function isTraceLocationType(value: unknown): value is TraceLocationType {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < NAMES.length;
}

/** The proto name of a type ("LOCATION_TYPE_PERMANENT_RETAIL", ...). */
export function traceLocationTypeName(type: TraceLocationType): TraceLocationTypeName {
  return NAMES[type] ?? "LOCATION_TYPE_UNSPECIFIED";
}

/** The type with the given proto name, or undefined for an unknown name. */
export function traceLocationTypeFromName(name: string): TraceLocationType | undefined {
  return Object.hasOwn(TraceLocationType, name)
    ? TraceLocationType[name as TraceLocationTypeName]
    : undefined;
}

/** True for the TEMPORARY_* types (events with a start and an end), false for PERMANENT_* and UNSPECIFIED. */
export function isTemporaryTraceLocationType(type: TraceLocationType): boolean {
  return traceLocationTypeName(type).startsWith("LOCATION_TYPE_TEMPORARY_");
}
