// The province map served at /v1/units/map: the committed TopoJSON (v2025 `provinces` and
// `legacyProvinces`), its ETag, and GeoJSON conversions of either object, built once on first request.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { MAP_FILE, UNITS_DATA_DIR } from "./dataset.ts";
import type { Hierarchy } from "./model.ts";

/** TopoJSON object names per hierarchy. */
export const MAP_OBJECTS: Record<Hierarchy, string> = { v2025: "provinces", legacy: "legacyProvinces" };

export interface MapDocument {
  body: Buffer;
  /** Strong ETag (quoted) of the body. */
  etag: string;
}

export interface ProvinceMap {
  topojson: MapDocument;
  geojson(hierarchy: Hierarchy): MapDocument;
}

const documentOf = (body: Buffer): MapDocument => ({
  body,
  etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
});

/** Reads the map file; GeoJSON versions are derived on demand and kept. */
export function loadProvinceMap(path = join(UNITS_DATA_DIR, MAP_FILE)): ProvinceMap {
  const body = readFileSync(path);
  const topology = JSON.parse(body.toString("utf8")) as Topology;
  const converted = new Map<Hierarchy, MapDocument>();
  return {
    topojson: documentOf(body),
    geojson(hierarchy) {
      let doc = converted.get(hierarchy);
      if (!doc) {
        const object = topology.objects[MAP_OBJECTS[hierarchy]] as GeometryCollection | undefined;
        if (!object) throw new Error(`map has no object ${MAP_OBJECTS[hierarchy]}`);
        doc = documentOf(Buffer.from(JSON.stringify(feature(topology, object))));
        converted.set(hierarchy, doc);
      }
      return doc;
    },
  };
}
