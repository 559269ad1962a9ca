// TypeBox schemas of the landing routes: the install page's data, the anonymous visit counter, the visit
// figures for officials and the install-poster query.
import { Type } from "@fastify/type-provider-typebox";
import { INSTALL_POSTER_SIZES } from "./poster-install.ts";
import { MEASURES, SOURCE_PATTERN } from "./source.ts";

const Source = Type.String({
  pattern: SOURCE_PATTERN,
  description: "wifi-<place>, bus-<station>, airport-<code>, poster-<id>, sms-<campaign> or zalo-<campaign>.",
});

export const LandingQuery = Type.Object({
  src: Type.Optional(
    Type.String({ maxLength: 200, description: "Outreach source; an unknown form is ignored (direct)." }),
  ),
});

export const LandingInfo = Type.Object({
  source: Type.Union([
    Type.Object({ source: Type.String(), measure: Type.Enum(MEASURES), place: Type.String() }),
    Type.Null(),
  ]),
  iosUrl: Type.String(),
  androidUrl: Type.String({ description: "Google Play link with the source as Install Referrer." }),
  pageUrl: Type.String({ description: "This page's public URL with the source (the QR code's target)." }),
});

export const VisitBody = Type.Object(
  { src: Type.Optional(Source) },
  { additionalProperties: false, description: "No src: a direct visit." },
);

const Day = Type.String({ format: "date" });
export const VisitsQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) });
export const VisitsResponse = Type.Object({
  from: Day,
  to: Day,
  visits: Type.Array(Type.Object({ day: Day, source: Type.String(), visits: Type.Integer() })),
});

export const PosterQuery = Type.Object({
  size: Type.Optional(Type.Enum(INSTALL_POSTER_SIZES, { default: "A4" })),
  src: Type.Optional(Source),
});
