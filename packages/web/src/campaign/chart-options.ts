// Pure ECharts options of the console: the province map coloured by status against the target, the coverage
// trend with the target line, and the commune tiles (sized by subscribers, coloured by status).
import type { EChartsCoreOption } from "echarts/core";
import { formatCoverage, formatDay, STATUS_COLORS } from "./format.ts";
import type { Trend, UnitFigures } from "./types.ts";

export const MAP_NAME = "vn-provinces";

interface GeoFeature {
  id?: string | number;
  properties?: Record<string, unknown> | null;
}

/** The server's GeoJSON with each feature's code copied into properties.code (ECharts matches by a property). */
export function withCodes<T extends { features: GeoFeature[] }>(geojson: T): T {
  return {
    ...geojson,
    features: geojson.features.map((f) => ({
      ...f,
      properties: { ...(f.properties ?? {}), code: String(f.id ?? "") },
    })),
  };
}

export interface ChartLabels {
  coverage: string;
  target: string;
  noData: string;
}

/** Provinces coloured by status; provinces the official cannot see stay grey. */
export function mapOption(
  provinces: readonly UnitFigures[],
  language: string,
  labels: ChartLabels,
): EChartsCoreOption {
  return {
    tooltip: {
      trigger: "item",
      formatter: (p: { data?: { label?: string } }) => p.data?.label ?? labels.noData,
    },
    series: [
      {
        type: "map",
        map: MAP_NAME,
        nameProperty: "code",
        roam: true,
        selectedMode: false,
        itemStyle: { areaColor: STATUS_COLORS.no_data, borderColor: "#ffffff", borderWidth: 0.6 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#1f5fa8" } },
        data: provinces.map((p) => ({
          name: p.code,
          value: p.coverageBp ?? 0,
          itemStyle: { areaColor: STATUS_COLORS[p.status] },
          label: `${p.name}<br/>${labels.coverage}: ${formatCoverage(p.coverageBp, language)}${
            p.target ? `<br/>${labels.target}: ${formatCoverage(p.target.percentBp, language)}` : ""
          }`,
        })),
      },
    ],
  };
}

/** Coverage per day (percent) with the target as a dashed line. */
export function trendOption(trend: Trend, language: string, labels: ChartLabels): EChartsCoreOption {
  const values = trend.points.map((p) => (p.coverageBp === null ? null : p.coverageBp / 100));
  const known = values.filter((v): v is number => v !== null);
  const target = trend.target ? trend.target.percentBp / 100 : null;
  const low = Math.max(0, Math.floor((Math.min(...known, target ?? 100) - 5) / 5) * 5);
  return {
    grid: { left: 44, right: 16, top: 24, bottom: 28 },
    tooltip: {
      trigger: "axis",
      formatter: (params: { dataIndex: number }[]) => {
        const point = trend.points[params[0]?.dataIndex ?? 0];
        return point
          ? `${formatDay(point.day, language)}<br/>${labels.coverage}: ${formatCoverage(point.coverageBp, language)}`
          : "";
      },
    },
    xAxis: {
      type: "category",
      data: trend.points.map((p) => formatDay(p.day, language).slice(0, language === "vi" ? 5 : -5)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: "value", min: low, axisLabel: { formatter: "{value}%" } },
    series: [
      {
        type: "line",
        name: labels.coverage,
        data: values,
        showSymbol: false,
        lineStyle: { width: 2.5, color: "#1f5fa8" },
        areaStyle: { color: "rgba(31, 95, 168, 0.08)" },
        markLine:
          target === null
            ? undefined
            : {
                symbol: "none",
                lineStyle: { type: "dashed", color: "#c0392b" },
                label: {
                  formatter: `${labels.target} ${formatCoverage(trend.target!.percentBp, language)}`,
                  position: "insideEndTop",
                },
                data: [{ yAxis: target }],
              },
      },
    ],
  };
}

/** Communes as tiles: area = subscribers, colour = status, label = name and coverage. */
export function tilesOption(
  communes: readonly UnitFigures[],
  language: string,
  labels: ChartLabels,
): EChartsCoreOption {
  return {
    tooltip: { formatter: (p: { data?: { label?: string } }) => p.data?.label ?? "" },
    series: [
      {
        type: "treemap",
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        left: 0,
        top: 0,
        right: 0,
        bottom: 0,
        label: {
          show: true,
          formatter: "{b}",
          fontSize: 10,
          color: "#1b1f24",
          overflow: "truncate",
          ellipsis: "…",
        },
        itemStyle: { borderColor: "#ffffff", borderWidth: 1, gapWidth: 1 },
        data: communes.map((c) => ({
          // One short line per tile (the name is in the tooltip and the table): small tiles stay readable.
          name: formatCoverage(c.coverageBp, language),
          value: Math.max(1, c.subscribers ?? 1),
          itemStyle: { color: STATUS_COLORS[c.status] },
          label: `${c.name}<br/>${labels.coverage}: ${formatCoverage(c.coverageBp, language)}`,
        })),
      },
    ],
  };
}
