// The check-in API calls of the web app (types mirror server/src/checkin/schemas.ts and assisted-routes.ts):
// venues, posters (PDF blobs), occupancy, flags, and staff-assisted check-ins (sealed here, released sealed).
import { type ApiClient, ApiError } from "../api/client.ts";
import { parseProblem } from "../api/problem.ts";

export interface Venue {
  id: string;
  name: string;
  address: string;
  communeCode: string;
  category: string;
  defaultCheckInMinutes: number;
  startsAt: string | null;
  endsAt: string | null;
  checkInUrl: string;
  locationId: string;
  createdAt: string;
}

export interface VenueRequest {
  name: string;
  address: string;
  communeCode: string;
  category: string;
  defaultCheckInMinutes: number;
  startsAt?: string;
  endsAt?: string;
}

export interface RegisteredVenue {
  venue: Venue;
  tracingCode: string;
  tracingUrl: string;
}

export interface Occupancy {
  venueId: string;
  at: string;
  windowMinutes: number;
  inside: number;
  date: string;
  hours: { hour: string; enters: number; exits: number }[];
}

export interface ReleasedRecords {
  venueId: string;
  windows: { id: number; startsAt: string; endsAt: string }[];
  records: { id: number; hour: string; sealed: string }[];
}

export interface AssistedRequest {
  venueId: string;
  sealed: string;
  arrivedAt: string;
  leftAt?: string;
}

const enc = encodeURIComponent;

export function checkinApi(client: ApiClient, token: () => string | null) {
  return {
    register: (body: VenueRequest) => client.post<RegisteredVenue>("/v1/venues", body, { auth: true }),
    list: async () => (await client.get<{ venues: Venue[] }>("/v1/venues?limit=500", { auth: true })).venues,
    get: (id: string) => client.get<Venue>(`/v1/venues/${enc(id)}`, { auth: true }),
    occupancy: (id: string, date: string) =>
      client.get<Occupancy>(`/v1/venues/${enc(id)}/occupancy?date=${enc(date)}`, { auth: true }),
    flag: (id: string, startsAt: string, endsAt: string) =>
      client.post<{ id: number }>(`/v1/venues/${enc(id)}/flags`, { startsAt, endsAt }, { auth: true }),
    /** GET of a poster or sign PDF as a Blob (the session token is a header, so no plain link). */
    async pdf(id: string, file: "poster.pdf" | "sign.pdf"): Promise<Blob> {
      const t = token();
      const res = await fetch(`/v1/venues/${enc(id)}/${file}`, {
        headers: t ? { authorization: `Bearer ${t}` } : {},
      });
      if (!res.ok) {
        const text = await res.text().catch(() => "");
        throw new ApiError(parseProblem(res.status, res.statusText, res.headers.get("content-type"), text));
      }
      return res.blob();
    },
    publicKey: () => client.get<{ publicKey: string }>("/v1/checkin/assisted/public-key"),
    /** POST /v1/checkin/assisted as the signed-in staff, or with the venue's tracing code. */
    storeAssisted: (body: AssistedRequest, tracingCode?: string) =>
      client.post<{ id: number; hour: string }>(
        "/v1/checkin/assisted",
        body,
        tracingCode ? { headers: { "x-venue-tracing-code": tracingCode } } : { auth: true },
      ),
    release: (venueId: string, from: string, to: string) =>
      client.get<ReleasedRecords>(
        `/v1/checkin/assisted?venueId=${enc(venueId)}&from=${enc(from)}&to=${enc(to)}`,
        { auth: true },
      ),
  };
}

export type CheckinApi = ReturnType<typeof checkinApi>;
