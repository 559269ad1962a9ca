// Drizzle table of the install landing page: anonymous visits per outreach source and local day. Keep free of
// local imports: drizzle-kit loads this file on its own (listed in drizzle.config.ts beside src/*/tables.ts).
import { bigint, date, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** Visits of /cai-dat (and the captive-portal page) per source and Asia/Ho_Chi_Minh day: a count, nothing else. */
export const landingVisits = pgTable(
  "outreach_landing_visits",
  {
    day: date("day", { mode: "string" }).notNull(),
    /** A valid source (outreach/source.ts) or "direct". */
    source: text("source").notNull(),
    visits: bigint("visits", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "outreach_landing_visits_pk", columns: [t.day, t.source] })],
);
