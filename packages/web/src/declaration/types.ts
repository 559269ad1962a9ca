// The health declaration API as the web app uses it: the closed lists and the request/response shapes come
// from the server (packages/server/src/api.ts: catalog.ts and types derived from its TypeBox schemas), so
// the form and the server cannot drift apart. Only the web's own helper types are defined here.
import type { DeclarationView, StatsView } from "@bluezone/server/api";

export type {
  AdminUnitView,
  DeclarationRequest,
  DeclarationView,
  FollowUpRequest,
  FollowUpView,
  StatsQuery,
  StatsView,
  SubmitResponse,
  UnitDetailView,
} from "@bluezone/server/api";
export {
  CONDITIONS,
  type Condition,
  DECLARATION_KINDS,
  type DeclarationKind,
  EXPOSURES,
  type Exposure,
  GENDERS,
  type Gender,
  NATIONALITIES,
  SYMPTOMS,
  type Symptom,
  TRANSPORTS,
  type Transport,
} from "@bluezone/server/api";

export interface UnitRef {
  provinceCode: string;
  communeCode: string;
}

export type NamedUnit = DeclarationView["address"]["province"];

/** A count shown to officials; null when between 1 and minCount - 1 (suppressed). */
export type ShownCount = number | null;

export type Counts = StatsView["total"];
