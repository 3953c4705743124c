import { InputError, type Problem } from "../errors.js";

/**
 * School data or weighted pairs that cannot enter a 差异系数 calculation. Every problem names the school (as
 * `unit`) and the field (as `path`); all problems found are reported together.
 */
export class StatisticsInputError extends InputError {
  constructor(problems: Problem[]) {
    super(problems);
    this.name = "StatisticsInputError";
  }
}
