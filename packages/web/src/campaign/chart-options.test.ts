import { describe, expect, it } from "vitest";
import { mapOption, tilesOption, trendOption, withCodes } from "./chart-options.ts";
import { STATUS_COLORS } from "./format.ts";
import type { UnitFigures } from "./types.ts";

const labels = { coverage: "Tỷ lệ phủ", target: "Chỉ tiêu", noData: "Không có số liệu" };
const province = (code: string, status: UnitFigures["status"], coverageBp: number | null) =>
  ({
    code,
    name: `Tỉnh ${code}`,
    status,
    coverageBp,
    subscribers: 100,
    target: { percentBp: 6000 },
  }) as UnitFigures;

describe("chart options", () => {
  it("colours provinces by status and labels them with truncated coverage", () => {
    const option = mapOption(
      [province("01", "reached", 6012), province("79", "behind", 4759)],
      "vi",
      labels,
    ) as {
      series: { data: { name: string; itemStyle: { areaColor: string }; label: string }[] }[];
    };
    const data = option.series[0]!.data;
    expect(data.map((d) => [d.name, d.itemStyle.areaColor])).toEqual([
      ["01", STATUS_COLORS.reached],
      ["79", STATUS_COLORS.behind],
    ]);
    expect(data[1]!.label).toBe("Tỉnh 79<br/>Tỷ lệ phủ: 47,59%<br/>Chỉ tiêu: 60,00%");
  });

  it("copies feature ids into properties.code", () => {
    const geo = withCodes({
      type: "FeatureCollection",
      features: [{ id: "01", properties: { name: "Hà Nội" } }],
    });
    expect(geo.features[0]!.properties).toEqual({ name: "Hà Nội", code: "01" });
  });

  it("draws coverage in percent with the target line", () => {
    const option = trendOption(
      {
        unitCode: "01",
        target: { percentBp: 6000, deadline: "2025-08-31" },
        points: [
          { day: "2025-08-01", installs: 1, withPhone: 1, active: 1, subscribers: 2, coverageBp: 4759 },
          { day: "2025-08-02", installs: 1, withPhone: 1, active: 1, subscribers: 0, coverageBp: null },
        ],
      },
      "vi",
      labels,
    ) as {
      series: { data: (number | null)[]; markLine: { data: { yAxis: number }[] } }[];
      xAxis: { data: string[] };
    };
    expect(option.series[0]!.data).toEqual([47.59, null]);
    expect(option.series[0]!.markLine.data).toEqual([{ yAxis: 60 }]);
    expect(option.xAxis.data).toEqual(["01/08", "02/08"]);
  });

  it("sizes commune tiles by subscribers", () => {
    const option = tilesOption(
      [{ ...province("00004", "on_track", 5000), name: "Phường Ba Đình", subscribers: 7000 }],
      "en",
      labels,
    ) as {
      series: { data: { name: string; value: number }[] }[];
    };
    expect(option.series[0]!.data[0]).toMatchObject({ name: "50.00%", value: 7000 });
  });
});
