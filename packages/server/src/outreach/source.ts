// Outreach sources (pure): the `src` of the install page and the app's install registration - which measure
// (Wi-Fi portal, bus station, airport, poster, SMS, Zalo, e-mail, arrival message) and which place or campaign
// brought an install. The web app imports this file too (via @bluezone/server/api), so both accept the same forms.

/** The measures of the ministry's outreach that carry a source, in the order the dashboard lists them. */
export const MEASURES = ["wifi", "bus", "airport", "poster", "sms", "zalo", "email", "arrival"] as const;
export type Measure = (typeof MEASURES)[number];

/** A valid source: `<measure>-<place>`, lower case; the place is [a-z0-9._-], starts with a letter or digit. */
export const SOURCE_PATTERN = `^(${MEASURES.join("|")})-[a-z0-9][a-z0-9._-]{0,55}$`;
const SOURCE = new RegExp(SOURCE_PATTERN);

export interface OutreachSource {
  /** As stored and counted (what campaign's normalizeSource keeps unchanged). */
  source: string;
  measure: Measure;
  /** The part after the first dash: a place (hanoi-station, han), a poster id or a campaign. */
  place: string;
}

/** Parses a `src` query value (trimmed, case-insensitive); null when it is not one of the allowed forms. */
export function parseSource(raw: string | null | undefined): OutreachSource | null {
  if (typeof raw !== "string") return null;
  const source = raw.trim().toLowerCase();
  if (!SOURCE.test(source)) return null;
  const dash = source.indexOf("-");
  return { source, measure: source.slice(0, dash) as Measure, place: source.slice(dash + 1) };
}

export interface SourceCount {
  source: string;
  installs: number;
}

export interface Attribution {
  /** Installs per measure (every measure listed, 0 when none), then `direct` and `other`. */
  measures: { measure: Measure | "direct" | "other"; installs: number }[];
  /** Installs per place of a measure, largest first. */
  places: { measure: Measure; place: string; source: string; installs: number }[];
  total: number;
}

/** Groups installs per stored source into measures and places; unknown forms count as "other". */
export function attributeSources(counts: readonly SourceCount[], maxPlaces = 50): Attribution {
  const byMeasure = new Map<string, number>();
  const places: Attribution["places"] = [];
  let total = 0;
  for (const { source, installs } of counts) {
    total += installs;
    const parsed = parseSource(source);
    const key = parsed ? parsed.measure : source === "direct" ? "direct" : "other";
    byMeasure.set(key, (byMeasure.get(key) ?? 0) + installs);
    if (parsed) places.push({ measure: parsed.measure, place: parsed.place, source, installs });
  }
  places.sort((a, b) => b.installs - a.installs || a.source.localeCompare(b.source));
  const measures = [...MEASURES, "direct", "other"] as const;
  return {
    measures: measures.map((measure) => ({ measure, installs: byMeasure.get(measure) ?? 0 })),
    places: places.slice(0, maxPlaces),
    total,
  };
}

/** The landing page URL a poster, SMS or portal links to: `${base}${path}?src=<source>`. */
export function landingUrl(publicBaseUrl: string, path: string, source: string | null): string {
  const base = `${publicBaseUrl.replace(/\/+$/, "")}${path}`;
  return source ? `${base}?src=${encodeURIComponent(source)}` : base;
}
