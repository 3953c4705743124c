import { InputError, type Problem } from "../errors.js";

/**
 * A draw that cannot be made: a bad parameter (path `seed`, `fraction`, `by`, `minimumPerStratum`) or a bad
 * row (path `population[i].field`, `unit` the row's code). All problems found are reported together.
 */
export class SamplingInputError extends InputError {
  constructor(problems: Problem[]) {
    super(problems);
    this.name = "SamplingInputError";
  }
}
