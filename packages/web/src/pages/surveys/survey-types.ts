/**
 * The survey definition as the web app edits and shows it (the API carries it as an object the server checks
 * against the core's SurveyDefinition, which names any problem's field).
 */
export interface LikertLevel {
  code: string;
  name: string;
  points: string | number;
  satisfied: boolean;
}

export type SurveyQuestion =
  | {
      code: string;
      type: "single" | "multiple";
      text: string;
      required: boolean;
      options: Array<{ code: string; text: string }>;
    }
  | { code: string; type: "likert"; text: string; required: boolean; levels: LikertLevel[] }
  | { code: string; type: "text"; text: string; required: boolean; maxLength?: number };

export interface SurveyDefinition {
  title: string;
  intro: string;
  questions: SurveyQuestion[];
  groups: Array<{ code: string; name: string; minShare: string | number }>;
  sample: { minimum: number; perMille: string | number; populationField: string | null };
  minValidRate: string | number;
  keyQuestion: string | null;
  indicatorCode: string | null;
}

/** The five levels a new Likert question starts with (the server's default as well). */
export const DEFAULT_LEVELS: LikertLevel[] = [
  { code: "5", name: "非常满意", points: "5", satisfied: true },
  { code: "4", name: "满意", points: "4", satisfied: true },
  { code: "3", name: "基本满意", points: "3", satisfied: true },
  { code: "2", name: "不满意", points: "2", satisfied: false },
  { code: "1", name: "非常不满意", points: "1", satisfied: false },
];
