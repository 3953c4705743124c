import type { PathSegment } from "./source-positions.js";

/** A problem found while compiling, before it is given a file position. */
export interface PendingProblem {
  path: PathSegment[];
  /** The offending key, for an unknown field. */
  key?: string;
  indicator?: string;
  message: string;
}

/** Collects every problem of a scheme so that all are reported at once. */
export class ProblemList {
  readonly items: PendingProblem[] = [];

  add(path: PathSegment[], message: string, indicator?: string, key?: string): void {
    this.items.push({
      path,
      message,
      ...(indicator === undefined ? {} : { indicator }),
      ...(key === undefined ? {} : { key }),
    });
  }
}
