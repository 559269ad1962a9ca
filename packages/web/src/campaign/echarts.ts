// ECharts with only what the console draws (map, line, treemap; canvas), so the lazy chunk stays small.
import { LineChart, MapChart, TreemapChart } from "echarts/charts";
import {
  GeoComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([
  MapChart,
  LineChart,
  TreemapChart,
  GeoComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
