// SQL helpers shared by the campaign stores: JSON record sets as one parameter, and `= ANY(text[])` lists
// (an array parameter keeps index scans; a JSON set function hides the row count from the planner).
import { type SQL, sql } from "drizzle-orm";

/** A JSON document as one parameter, for json_to_recordset. */
export const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::json`;

/** PostgreSQL array literal of strings: {"a","b"} (quotes and backslashes escaped). */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/** `ANY($1::text[])`: use as `column = ${anyText(values)}`. */
export const anyText = (values: readonly string[]): SQL => sql`ANY(${textArrayLiteral(values)}::text[])`;
