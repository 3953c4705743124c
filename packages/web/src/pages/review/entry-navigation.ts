/**
 * Keyboard entry through a score sheet: Tab moves as the browser does, Enter moves to the next input of the
 * sheet in order (the last one goes to the save button). A select whose list is open keeps its Enter.
 */
export interface KeyTarget {
  tagName: string;
  type?: string;
  role?: string | null;
  expanded?: string | null;
}

/** Whether Enter on `target` should move on (text and number boxes, checkboxes, closed selects; not text areas). */
export function enterMovesOn(target: KeyTarget): boolean {
  if (target.tagName !== "INPUT") return false;
  if (target.role === "combobox") return target.expanded !== "true";
  return true;
}

/** The element after `current` in `order`, or undefined after the last (or when `current` is not in it). */
export function nextInOrder<T>(order: readonly T[], current: T): T | undefined {
  const at = order.indexOf(current);
  return at < 0 ? undefined : order[at + 1];
}
