import { describe, expect, it } from "vitest";
import { actOnCase, type CaseState, closedOnTime } from "./case-progress.js";
import { caseRates, measureValue, ratePercent } from "./case-rates.js";
import { CaseTypeDefinition, checkCaseType, hoursToClose } from "./case-type.js";
import { CASE_TYPE_TEMPLATES, caseTypeTemplate } from "./case-type-templates.js";

const CITY = caseTypeTemplate("city").definition;
const HOTLINE = caseTypeTemplate("hotline").definition;

const at = (iso: string) => new Date(iso);
const start: CaseState = { stageIndex: 0, unitId: null, closedAt: null, revisited: null };

function step(
  definition: CaseTypeDefinition,
  state: CaseState,
  action: Parameters<typeof actOnCase>[2],
  now: string,
) {
  const result = actOnCase(definition, state, action, at(now));
  if (!result.ok) throw new Error(result.problem.message);
  return result.step;
}

describe("case types", () => {
  it("accepts the two seed types and sums the hours to the closing stage", () => {
    for (const template of CASE_TYPE_TEMPLATES) {
      expect(CaseTypeDefinition.parse(template.definition)).toEqual(template.definition);
      expect(checkCaseType(template.definition)).toEqual([]);
    }
    // 2 + 1 + 2 + 48 + 24 + 8 = 85; 2 + 4 + 120 + 48 + 24 = 198
    expect(hoursToClose(CITY)).toBe(85);
    expect(hoursToClose(HOTLINE)).toBe(198);
  });

  it("names what is wrong: a unit stage before dispatch, a unit closing, a missing or twice-used code", () => {
    const bad = CaseTypeDefinition.parse({
      stages: [
        { code: "a", name: "接收", hours: 1, actor: "unit" },
        { code: "b", name: "分派", hours: 1, actor: "center" },
        { code: "b", name: "处理", hours: 1, actor: "unit" },
      ],
      dispatchStage: "b",
      closingStage: "b",
      revisitStage: "x",
    });
    expect(checkCaseType(bad)).toEqual([
      { path: "stages.2.code", message: "stage code b is used twice / 环节代码 b 重复" },
      { path: "revisitStage", message: "no stage has the code x / 没有代码为 x 的环节" },
      {
        path: "stages.0.actor",
        message:
          "接收 is a unit's stage before the case is dispatched to a unit / 接收在分派之前，不能由承办单位办理",
      },
      {
        path: "closingStage",
        message: "the case can only close after it is dispatched / 办结环节应在分派环节之后",
      },
    ]);
    const unitCloses = {
      ...CITY,
      stages: CITY.stages.map((s) => (s.code === "close" ? { ...s, actor: "unit" as const } : s)),
    };
    expect(checkCaseType(unitCloses)).toEqual([
      {
        path: "stages.5.actor",
        message: "the center closes cases: the closing stage is the center's / 办结环节应由中心办理",
      },
    ]);
  });
});

describe("a case through its stages", () => {
  it("sets each stage's deadline from when it is entered, names the unit at 分派 and closes at 结案", () => {
    let s = step(CITY, start, { kind: "complete" }, "2026-03-02T01:00:00Z");
    // entered 受理 at 01:00, 1 hour allowed
    expect(s).toMatchObject({ stageIndex: 1, from: "discover", to: "accept" });
    expect(s.stageDueAt).toEqual(at("2026-03-02T02:00:00Z"));
    s = step(CITY, s, { kind: "complete" }, "2026-03-02T01:30:00Z");
    s = step(CITY, s, { kind: "complete", unitId: "U1" }, "2026-03-02T02:00:00Z");
    // 处理 entered at 02:00 with 48 hours
    expect(s).toMatchObject({ stageIndex: 3, unitId: "U1", to: "handle" });
    expect(s.stageDueAt).toEqual(at("2026-03-04T02:00:00Z"));
    s = step(CITY, s, { kind: "complete" }, "2026-03-03T10:00:00Z");
    s = step(CITY, s, { kind: "complete" }, "2026-03-03T12:00:00Z");
    expect(s.closedAt).toBeNull();
    s = step(CITY, s, { kind: "complete" }, "2026-03-03T13:00:00Z");
    expect(s).toMatchObject({ stageIndex: 6, to: null, stageDueAt: null });
    expect(s.closedAt).toEqual(at("2026-03-03T13:00:00Z"));
    expect(s.finishedAt).toEqual(at("2026-03-03T13:00:00Z"));
    expect(actOnCase(CITY, s, { kind: "complete" }, at("2026-03-04T00:00:00Z"))).toEqual({
      ok: false,
      problem: { path: "stage", message: "every stage of this case is done / 该案件各环节均已办理完毕" },
    });
  });

  it("requires the unit at 分派 only, and the 回访 outcome at 回访 only", () => {
    const atDispatch: CaseState = { ...start, stageIndex: 2 };
    expect(actOnCase(CITY, atDispatch, { kind: "complete" }, at("2026-01-01T00:00:00Z"))).toMatchObject({
      ok: false,
      problem: { path: "unitId" },
    });
    expect(
      actOnCase(CITY, start, { kind: "complete", unitId: "U1" }, at("2026-01-01T00:00:00Z")),
    ).toMatchObject({
      ok: false,
      problem: { path: "unitId" },
    });
    const atRevisit: CaseState = { stageIndex: 3, unitId: "U1", closedAt: null, revisited: null };
    expect(actOnCase(HOTLINE, atRevisit, { kind: "complete" }, at("2026-01-01T00:00:00Z"))).toMatchObject({
      ok: false,
      problem: { path: "revisited" },
    });
    const done = step(HOTLINE, atRevisit, { kind: "complete", revisited: false }, "2026-01-01T00:00:00Z");
    expect(done).toMatchObject({ revisited: false, closedAt: null, to: "reply" });
  });

  it("sends a case back from the center's 核查 to the unit's 处理, with a fresh deadline", () => {
    const atCheck: CaseState = { stageIndex: 4, unitId: "U1", closedAt: null, revisited: null };
    const back = step(CITY, atCheck, { kind: "return" }, "2026-03-05T00:00:00Z");
    expect(back).toMatchObject({ stageIndex: 3, unitId: "U1", from: "check", to: "handle" });
    expect(back.stageDueAt).toEqual(at("2026-03-07T00:00:00Z"));
    const atHandle: CaseState = { ...atCheck, stageIndex: 3 };
    expect(actOnCase(CITY, atHandle, { kind: "return" }, at("2026-03-05T00:00:00Z"))).toMatchObject({
      ok: false,
    });
    expect(actOnCase(CITY, start, { kind: "return" }, at("2026-03-05T00:00:00Z"))).toMatchObject({
      ok: false,
    });
  });

  it("is on time when closed at the deadline itself, late a second after", () => {
    expect(closedOnTime(at("2026-03-05T13:00:00Z"), at("2026-03-05T13:00:00Z"))).toBe(true);
    expect(closedOnTime(at("2026-03-05T13:00:01Z"), at("2026-03-05T13:00:00Z"))).toBe(false);
  });
});

describe("case rates", () => {
  it("divides exactly and prints half-up percentages", () => {
    // 39903 received, 39860 closed: 39860/39903 = 0.998922386787960805… → 99.89%
    const seed = caseRates({ received: 39903, closed: 39860, closedOnTime: 39800, revisited: 0 });
    expect(ratePercent(seed.closeRate)).toBe("99.89");
    // 8 received, 7 closed, 6 on time, 5 revisited: 0.875, 0.75, 5/7 = 0.714285… → 71.43%
    const small = caseRates({ received: 8, closed: 7, closedOnTime: 6, revisited: 5 });
    expect(small.closeRate).toBe("0.875");
    expect(small.onTimeRate).toBe("0.75");
    expect(small.revisitRate?.startsWith("0.7142857142857142857")).toBe(true);
    expect(ratePercent(small.revisitRate)).toBe("71.43");
    // 1/8 = 0.125 → 12.5% exactly; 0.00125 → 0.125% → half-up 0.13
    expect(ratePercent("0.00125")).toBe("0.13");
  });

  it("has no rate when there is nothing to divide by", () => {
    expect(caseRates({ received: 0, closed: 0, closedOnTime: 0, revisited: 0 })).toEqual({
      closeRate: null,
      onTimeRate: null,
      revisitRate: null,
    });
    // received but nothing closed: 处结率 0, 回访率 none
    expect(caseRates({ received: 3, closed: 0, closedOnTime: 0, revisited: 0 })).toEqual({
      closeRate: "0",
      onTimeRate: "0",
      revisitRate: null,
    });
    expect(measureValue({ received: 0, closed: 0, closedOnTime: 0, revisited: 0 }, "received")).toBe(0);
    expect(measureValue({ received: 4, closed: 2, closedOnTime: 1, revisited: 1 }, "on_time_rate")).toBe(
      "0.25",
    );
  });
});
