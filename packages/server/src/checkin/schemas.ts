// TypeBox schemas of the venue check-in API: venue registration, venue views, presence ticks and occupancy.

import { VENUE_CATEGORIES } from "@bluezone/protocol";
import { Type } from "@fastify/type-provider-typebox";

const PublicId = Type.String({ pattern: "^[A-Za-z0-9_-]{22}$", description: "The venue's public id." });

export const VenueParams = Type.Object({ id: PublicId }, { additionalProperties: false });

export const VenueBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "Venue name (on the poster and the phone).",
    }),
    address: Type.String({ minLength: 1, maxLength: 100, description: "Street address." }),
    communeCode: Type.String({ pattern: "^[0-9]{5}$", description: "v2025 commune code (GSO)." }),
    category: Type.String({
      enum: VENUE_CATEGORIES.map((c) => c.id),
      description: `Venue category: ${VENUE_CATEGORIES.map((c) => `\`${c.id}\` (${c.vi})`).join(", ")}.`,
    }),
    defaultCheckInMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      description: "How long a visit lasts when the visitor does not check out (minutes).",
    }),
    startsAt: Type.Optional(Type.String({ format: "date-time", description: "Start of a temporary event." })),
    endsAt: Type.Optional(Type.String({ format: "date-time", description: "End of a temporary event." })),
  },
  { additionalProperties: false },
);

export const VenueView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  communeCode: Type.String(),
  category: Type.String(),
  defaultCheckInMinutes: Type.Integer(),
  startsAt: Type.Union([Type.String(), Type.Null()]),
  endsAt: Type.Union([Type.String(), Type.Null()]),
  checkInUrl: Type.String({ description: "The URL in the QR code (payload in the fragment)." }),
  locationId: Type.String({ description: "SHA-256 locationId of the payload (base64)." }),
  createdAt: Type.String(),
});

export const RegisteredVenue = Type.Object({
  venue: VenueView,
  tracingCode: Type.String({ description: "The owner's private tracing code: shown once, stored hashed." }),
  tracingUrl: Type.String({
    description: "Link (and QR) of the owner's occupancy page, code in the fragment.",
  }),
});

export const VenueList = Type.Object({ venues: Type.Array(VenueView) });

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const PresenceBody = Type.Object(
  {
    venueId: Type.String({
      pattern: "^(?:[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})$",
      description:
        "The venue's public id, or its locationId (base64url, 43 characters) as a phone computes it from the QR code.",
    }),
    kind: Type.Union([Type.Literal("enter"), Type.Literal("exit")]),
  },
  { additionalProperties: false },
);

export const OccupancyQuery = Type.Object(
  { date: Type.Optional(Type.String({ format: "date", description: "Viet Nam day (default today)." })) },
  { additionalProperties: false },
);

export const Occupancy = Type.Object({
  venueId: Type.String(),
  at: Type.String(),
  windowMinutes: Type.Integer(),
  inside: Type.Integer({ minimum: 0, description: "Enters - exits over the last default visit length." }),
  date: Type.String(),
  hours: Type.Array(Type.Object({ hour: Type.String(), enters: Type.Integer(), exits: Type.Integer() })),
});

export const TRACING_CODE_HEADER = "x-venue-tracing-code";

export const FlagBody = Type.Object(
  {
    startsAt: Type.String({ format: "date-time", description: "Start of the window the case was there." }),
    endsAt: Type.String({
      format: "date-time",
      description: "End of the window (at most 24 h after the start).",
    }),
    transmissionRiskLevel: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 8, default: 8, description: "CWA transmission risk level (1-8)." }),
    ),
  },
  { additionalProperties: false },
);

export const FlagView = Type.Object({
  id: Type.Integer(),
  venueId: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  transmissionRiskLevel: Type.Integer(),
});
