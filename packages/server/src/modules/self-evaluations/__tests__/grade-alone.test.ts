import { readFileSync } from "node:fs";
import { parseScheme } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { gradeAlone } from "../read-self-evaluation.js";

const scheme = (file: string) => {
  const load = parseScheme(
    readFileSync(new URL(`../../../../../../schemes/${file}`, import.meta.url), "utf8"),
  );
  if (!load.ok) throw new Error(`${file} does not compile`);
  return load.scheme;
};

describe("the grade of a draft scored alone", () => {
  const s4 = scheme("s04-trade-union/scheme.yaml");

  it("shows the pool grade for a quota grade (S4: 优秀 and 先进 are drawn from 达标单位)", () => {
    expect(gradeAlone(s4, "YX")).toEqual({ grade: "DB", gradeName: "达标单位" });
    expect(gradeAlone(s4, "XJ")).toEqual({ grade: "DB", gradeName: "达标单位" });
  });

  it("shows a grade that does not depend on the others as it is", () => {
    expect(gradeAlone(s4, "DB")).toEqual({ grade: "DB", gradeName: "达标单位" });
    expect(gradeAlone(s4, "WDB")).toEqual({ grade: "WDB", gradeName: "未达标" });
    expect(gradeAlone(s4, null)).toEqual({ grade: null, gradeName: null });
  });
});
