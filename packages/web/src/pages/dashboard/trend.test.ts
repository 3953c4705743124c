import { describe, expect, it } from "vitest";
import { zhT } from "./test-figures.js";
import { trendOption, trendRows } from "./trend.js";

const point = (
  year: number,
  campaignName: string,
  total: string,
  gradeName: string | null,
  average: string,
) => ({
  year,
  campaignId: `${year}-${campaignName}`,
  campaignName,
  schemeCode: "s04-trade-union",
  total,
  grade: gradeName === null ? null : "G",
  gradeName,
  rank: 1,
  average,
  units: 14,
});

describe("trendOption", () => {
  it("gives a point a year with the total, its grade as label and the year's average", () => {
    const rows = trendRows({
      organisationId: "o",
      schemeCode: "s04-trade-union",
      points: [
        point(2025, "考评", "84.50", "达标单位", "87.25"),
        point(2026, "考评", "88.05", "先进单位", "85.52"),
      ],
    });
    const option = trendOption(rows, "卫健工会", zhT);
    expect(option.xAxis).toMatchObject({ data: ["2025年", "2026年"] });
    const [unit, average] = option.series as Array<{
      data: number[];
      label?: { formatter: (p: { dataIndex: number }) => string };
    }>;
    expect(unit!.data).toEqual([84.5, 88.05]);
    expect(unit!.label!.formatter({ dataIndex: 1 })).toBe("88.05\n先进单位");
    expect(average!.data).toEqual([87.25, 85.52]);
  });

  it("tells two campaigns of one year apart by name", () => {
    const rows = trendRows({
      organisationId: "o",
      schemeCode: null,
      points: [point(2026, "上半年", "80.00", null, "80.00"), point(2026, "下半年", "82.00", null, "81.00")],
    });
    expect(trendOption(rows, "x", zhT).xAxis).toMatchObject({ data: ["2026\n上半年", "2026\n下半年"] });
  });
});
