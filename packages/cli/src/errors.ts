/**
 * The two ways a command fails on purpose. Anything else that escapes a command is a bug in Kaoping and is
 * reported with its stack.
 */

/** Bad input (a file that is missing, unreadable or wrong): each line names the file and the place. Exit 1. */
export class CliInputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "CliInputError";
  }
}

/** A command used wrongly (a missing or contradictory option, an unknown file type). Exit 2. */
export class CliUsageError extends Error {
  override name = "CliUsageError";
}

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;
/** EX_SOFTWARE of sysexits.h: an internal error. */
export const EXIT_BUG = 70;
