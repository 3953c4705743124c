import { describe, expect, it } from "vitest";
import type { UnitRadar } from "./dashboard-api.js";
import { radarOption, radarRows } from "./radar.js";
import { zhT } from "./test-figures.js";

const indicator = (code: string, rate: string | null, averageRate: string) => ({
  code,
  name: `指标${code}`,
  max: "20.00",
  score: rate === null ? null : String(Number(rate) / 5),
  applicableMax: rate === null ? null : "20.00",
  rate,
  average: String(Number(averageRate) / 5),
  averageRate,
});

const radar = (indicators: UnitRadar["indicators"]): UnitRadar => ({
  runId: "r",
  campaignId: "c",
  organisationId: "o",
  unit: "T01",
  name: "城关镇工会工作委员会",
  total: "94.85",
  grade: "YX",
  gradeName: "优秀单位",
  rank: 1,
  indicators,
});

describe("radarOption", () => {
  it("draws the unit's rates against the average on 0–100 axes, leaving a not applicable indicator out", () => {
    const rows = radarRows(
      radar([
        indicator("A", "90.00", "80.00"),
        indicator("B", null, "70.00"),
        indicator("C", "100.00", "95.50"),
      ]),
    );
    const option = radarOption(rows, "城关镇", zhT);
    expect(option.radar).toMatchObject({
      indicator: [
        { name: "指标A", max: 100 },
        { name: "指标B", max: 100 },
        { name: "指标C", max: 100 },
      ],
    });
    expect(option.series).toMatchObject([
      {
        type: "radar",
        data: [
          { name: "城关镇", value: [90, "-", 100] },
          { name: "全部单位平均", value: [80, 70, 95.5] },
        ],
      },
    ]);
  });

  it("compares fewer than three indicators as grouped bars", () => {
    const rows = radarRows(radar([indicator("A", "87.50", "87.75"), indicator("B", "100.00", "97.00")]));
    const option = radarOption(rows, "城关镇", zhT);
    expect(option.radar).toBeUndefined();
    expect(option.xAxis).toMatchObject({ data: ["指标A", "指标B"] });
    expect(option.series).toMatchObject([
      { type: "bar", name: "城关镇", data: [87.5, 100] },
      { type: "bar", name: "全部单位平均", data: [87.75, 97] },
    ]);
  });
});
