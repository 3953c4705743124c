/**
 * One ECharts chart in a div that follows its container's size. Only the chart kinds and components the dashboard
 * uses are registered (echarts/core), so the library stays small and in the dashboard's lazily loaded chunk.
 */
import { BarChart, LineChart, PieChart, RadarChart } from "echarts/charts";
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from "echarts/components";
import { type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { ChartOption } from "./chart-option.js";
import { PALETTE } from "./chart-option.js";

use([
  BarChart,
  LineChart,
  PieChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

interface Props {
  option: ChartOption;
  /** What the chart shows, for screen readers (the figures themselves are in the card's data table). */
  label: string;
  height?: number;
}

export function EChart({ option, label, height = 300 }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const div = element.current;
    if (div === null) return;
    const instance = init(div);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(div);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const div = element.current;
    // The canvas draws its own text: give it the page's font so Chinese renders as in the rest of the app.
    const fontFamily = div === null ? undefined : getComputedStyle(div).fontFamily;
    chart.current?.setOption(
      { color: PALETTE, textStyle: { fontFamily }, animationDuration: 400, ...option },
      { notMerge: true },
    );
  }, [option]);

  return <div ref={element} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
