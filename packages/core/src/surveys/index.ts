export { type AnswerProblem, checkAnswers } from "./check-answers.js";
export {
  checkIndicatorLink,
  type IndicatorAnswers,
  type LinkProblem,
  levelsFromIndicator,
} from "./indicator-link.js";
export { type IndicatorScore, satisfactionScore } from "./indicator-score.js";
export {
  DEFAULT_LIKERT_LEVELS,
  LikertLevel,
  Question,
  type QuestionInput,
  RespondentGroup,
  SampleRule,
  SurveyAnswers,
  SurveyDefinition,
  type SurveyDefinitionInput,
  SurveyOption,
} from "./model.js";
export { allocateTokens, sampleSize } from "./sample-size.js";
export {
  type GroupCounts,
  type GroupResult,
  indicatorAnswers,
  type QuestionResult,
  questionResult,
  surveyUnitResult,
  type UnitSurveyResult,
} from "./tally.js";
