import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors.js";
import {
  fieldErrorsOf,
  guessCategory,
  resumeStep,
  type StageRow,
  stageProblem,
  stagesBody,
  stepOfError,
  weightSum,
} from "./wizard-model.js";

const row = (
  stage: StageRow["stage"],
  deadline: string | null,
  enabled = true,
  startsAt: string | null = null,
) => ({
  stage,
  enabled,
  startsAt: startsAt === null ? null : dayjs(startsAt),
  deadline: deadline === null ? null : dayjs(deadline),
});

describe("the campaign wizard's rules", () => {
  it("checks deadlines in stage order, skipping unused stages", () => {
    const rows = [
      row("deploy", "2027-03-10"),
      row("self_evaluation", "2027-03-01"),
      row("preliminary", null, false),
    ];
    expect(stageProblem(rows, 0, "deadline")).toBeNull();
    expect(stageProblem(rows, 1, "deadline")).toBe("wizard.stages.deadlineOrder");
    expect(stageProblem(rows, 2, "deadline")).toBeNull();
    expect(stageProblem([row("deploy", null)], 0, "deadline")).toBe("wizard.stages.deadlineRequired");
    expect(stageProblem([row("deploy", "2027-03-01", true, "2027-03-02")], 0, "startsAt")).toBe(
      "wizard.stages.startAfterDeadline",
    );
  });

  it("sends only the used stages and remembers which row each came from", () => {
    const body = stagesBody([row("deploy", "2027-03-10", false), row("self_evaluation", "2027-11-30")]);
    expect(body.stages.map((s) => s.stage)).toEqual(["self_evaluation"]);
    expect(body.rowOf).toEqual([1]);
    expect(dayjs(body.stages[0]!.deadline!).format("YYYY-MM-DD HH:mm")).toBe("2027-11-30 23:59");
  });

  it("guesses a unit's category from its organisation's", () => {
    const categories = [
      { code: "TOWN", name: "乡(镇)工会工作委员会" },
      { code: "DEPT", name: "县直工会工作委员会" },
    ];
    expect(guessCategory("乡镇", categories)).toBe("TOWN");
    expect(guessCategory("县直", categories)).toBe("DEPT");
    expect(guessCategory("DEPT", categories)).toBe("DEPT");
    expect(guessCategory("学校", categories)).toBeNull();
    expect(guessCategory(null, categories)).toBeNull();
  });

  it("adds decimal weights exactly", () => {
    expect(weightSum(["0.4", "0.3", "0.3"])).toBe("1");
    expect(weightSum(["0.1", "0.2"])).toBe("0.3");
    expect(weightSum(["0.5", "0.25"])).toBe("0.75");
  });

  it("puts server errors at the step and field they name", () => {
    const error = new ApiError("validation", 400, { zh: "输入有误", en: "Invalid" }, [
      { path: "body.units.1.category", message: "须指定单位类别" },
      { path: "body.units", message: "其他" },
    ]);
    expect(stepOfError(error, "review")).toBe("units");
    const { fields, rest } = fieldErrorsOf(error, (s) =>
      s[0] === "units" && typeof s[1] === "number" ? ["units", s[1], "category"] : null,
    );
    expect(fields).toEqual([{ name: ["units", 1, "category"], errors: ["须指定单位类别"] }]);
    expect(rest).toEqual(["其他"]);
  });

  it("reopens a draft at the first step still missing something", () => {
    const stages = [{ deadline: "2027-01-01" }];
    expect(resumeStep({ unitCount: 0, stages, raterGroups: [] })).toBe("units");
    expect(resumeStep({ unitCount: 2, stages: [{ deadline: null }], raterGroups: [] })).toBe("stages");
    expect(resumeStep({ unitCount: 2, stages, raterGroups: [{ members: [] }] })).toBe("raters");
    expect(resumeStep({ unitCount: 2, stages, raterGroups: [{ members: [1] }] })).toBe("review");
  });
});
