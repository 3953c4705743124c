/** Checks one respondent's answers against the questionnaire, naming the question at fault. */
import type { SurveyAnswers, SurveyDefinition } from "./model.js";

export interface AnswerProblem {
  question: string;
  message: string;
}

export function checkAnswers(definition: SurveyDefinition, answers: SurveyAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const code of Object.keys(answers)) {
    if (!definition.questions.some((q) => q.code === code))
      problems.push({ question: code, message: "no such question" });
  }
  for (const q of definition.questions) {
    const given = answers[q.code];
    const empty = given === undefined || given === "" || (Array.isArray(given) && given.length === 0);
    if (empty) {
      if (q.required) problems.push({ question: q.code, message: "this question must be answered" });
      continue;
    }
    if (q.type === "text") {
      if (typeof given !== "string") problems.push({ question: q.code, message: "the answer is text" });
      else if (given.length > q.maxLength)
        problems.push({ question: q.code, message: `at most ${q.maxLength} characters` });
      continue;
    }
    const codes = q.type === "likert" ? q.levels.map((l) => l.code) : q.options.map((o) => o.code);
    if (q.type === "multiple") {
      if (!Array.isArray(given))
        problems.push({ question: q.code, message: "the answer is a list of options" });
      else {
        const unknown = given.filter((c) => !codes.includes(c));
        if (unknown.length > 0)
          problems.push({ question: q.code, message: `no option ${unknown.join(", ")}` });
        else if (new Set(given).size !== given.length)
          problems.push({ question: q.code, message: "an option is chosen twice" });
      }
    } else if (typeof given !== "string" || !codes.includes(given)) {
      problems.push({ question: q.code, message: `choose one of ${codes.join(", ")}` });
    }
  }
  return problems;
}
