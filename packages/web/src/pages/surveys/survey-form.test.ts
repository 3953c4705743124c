import { describe, expect, it } from "vitest";
import { newSurveyForm, type SurveyForm, surveyUnits, toDefinition, toForm } from "./survey-form.js";

const units: SurveyForm["units"] = [
  { organisationId: "u1", label: "X01 城关镇第一小学", included: true, population: 523_456 },
  { organisationId: "u2", label: "X02 城关镇第二小学", included: true, population: null },
  { organisationId: "u3", label: "X03 城关镇第一中学", included: false, population: 8_000 },
];

describe("the population of a survey's units", () => {
  it("is typed per unit by default: the included units with what was typed", () => {
    const form = newSurveyForm(units);
    expect(toDefinition(form).sample).toEqual({ minimum: 600, perMille: "1.5", populationField: null });
    // u3 is not included, so its 8,000 is not sent.
    expect(surveyUnits(form)).toEqual([
      { organisationId: "u1", population: 523_456 },
      { organisationId: "u2", population: null },
    ]);
  });

  it("names the scheme's field when one is chosen, and sends no typed population then", () => {
    const form = { ...newSurveyForm(units), populationField: "resident_population" };
    expect(toDefinition(form).sample.populationField).toBe("resident_population");
    // The 523,456 typed before the field was chosen is hidden in the form and must not be stored.
    expect(surveyUnits(form)).toEqual([
      { organisationId: "u1", population: null },
      { organisationId: "u2", population: null },
    ]);
  });

  it("reads the field back from a stored survey, and typed per unit when it names none", () => {
    const stored = toDefinition({ ...newSurveyForm(units), populationField: "students" });
    expect(toForm(stored, units).populationField).toBe("students");
    const typed = toDefinition(newSurveyForm(units));
    expect(toForm(typed, units).populationField).toBeNull();
  });
});
