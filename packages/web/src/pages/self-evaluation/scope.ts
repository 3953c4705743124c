/**
 * What a person sees of a self-evaluation: department staff (责任单位) only the indicators and tables assigned to
 * their department (an indicator brings everything under it, and its parents are shown to place it in the tree);
 * everyone else the whole of it.
 */
import type { Item, SelfEvaluation, TableView } from "./types.js";

export function isDepartmentView(view: SelfEvaluation): boolean {
  return !view.permissions.editAll && !view.permissions.organise && view.permissions.departments.length > 0;
}

function myTargets(view: SelfEvaluation): Set<string> {
  const mine = new Set(view.permissions.departments);
  return new Set(
    view.assignments.filter((a) => a.departmentId !== null && mine.has(a.departmentId)).map((a) => a.target),
  );
}

export function visibleItems(view: SelfEvaluation): Item[] {
  if (!isDepartmentView(view)) return view.items;
  const targets = myTargets(view);
  const byCode = new Map(view.items.map((i) => [i.code, i]));
  const covered = (item: Item): boolean => {
    for (let at: Item | undefined = item; at !== undefined; at = byCode.get(at.parent ?? "")) {
      if (targets.has(at.code)) return true;
    }
    return false;
  };
  const shown = new Set<string>();
  for (const item of view.items) {
    if (!covered(item)) continue;
    for (let at: Item | undefined = item; at !== undefined; at = byCode.get(at.parent ?? ""))
      shown.add(at.code);
  }
  return view.items.filter((i) => shown.has(i.code));
}

export function visibleTables(view: SelfEvaluation): TableView[] {
  if (!isDepartmentView(view)) return view.tables;
  const targets = myTargets(view);
  return view.tables.filter((t) => targets.has(`table:${t.code}`));
}
