/** The option type of the dashboard's charts (only the chart kinds and components EChart.tsx registers). */
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, RadarSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import type { I18n } from "../../i18n/i18n.js";

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

export type Translate = I18n["t"];

/** The theme's blue first, then colours that stay apart in print and for common colour blindness. */
export const PALETTE = ["#1f4e96", "#e6862e", "#3a9e6f", "#b3261e", "#7a5cb8", "#8c8c8c"];
