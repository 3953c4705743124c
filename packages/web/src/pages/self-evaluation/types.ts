/** The self-evaluation read and the parts of it the form works with. */
import type { SelfEvaluation } from "../../api/types.js";

export type { SelfEvaluation };
export type Item = SelfEvaluation["items"][number];
export type Evidence = Item["evidence"][number];
export type TableView = SelfEvaluation["tables"][number];
export type Violation = SelfEvaluation["violations"][number];
export type Assignment = SelfEvaluation["assignments"][number];

export interface Field {
  code: string;
  name: string;
  type?: "number" | "integer" | "boolean" | "text" | "grade";
  unit?: string;
  description?: string;
  optional?: boolean;
  from?: { table: string; row?: string; column: string };
}

export interface Column {
  code: string;
  name: string;
  type?: "integer" | "number" | "text";
  unit?: string;
  min?: number | string;
  max?: number | string;
  required?: boolean;
}
