/** Turns a structurally valid scheme into the plan the scorer runs on, finding every semantic problem on the way. */
import {
  compileFormula,
  FormulaError,
  type FormulaNames,
  type FormulaType,
} from "../formula/compile-formula.js";
import { type Fixed, format, ONE, toFixed } from "../numbers/fixed.js";
import { treeLayout } from "../scoring/tree.js";
import { compileTables } from "../tables/compile-tables.js";
import { compileGrading } from "./compile-grading.js";
import { compileMethod } from "./compile-methods.js";
import type { Indicator, Scheme } from "./model.js";
import type { AggregationRule, CompiledScheme, CompiledVeto, PlanNode } from "./plan.js";
import type { ProblemList } from "./problem-list.js";
import type { PathSegment } from "./source-positions.js";

const fieldTypes: Record<string, FormulaType> = {
  number: "number",
  integer: "number",
  boolean: "boolean",
  text: "string",
  grade: "string",
};

function aggregationRule(
  rule: Scheme["raters"] extends infer R ? (R extends { aggregation: infer A } ? A : never) : never,
): AggregationRule {
  if (typeof rule === "string") return { method: rule };
  if (rule.method === "trimmedMean") return { method: "trimmedMean", minRaters: rule.minRaters };
  return { method: rule.method };
}

/** Reports every entry of a list whose code an earlier entry already has. */
function checkUniqueCodes(
  list: ReadonlyArray<{ code: string }>,
  path: PathSegment[],
  what: string,
  problems: ProblemList,
): void {
  list.forEach((entry, i) => {
    if (list.findIndex((other) => other.code === entry.code) !== i) {
      problems.add([...path, i, "code"], `${what} code ${entry.code} is used twice`);
    }
  });
}

export function compileScheme(scheme: Scheme, problems: ProblemList): CompiledScheme {
  const fields = new Map(scheme.fields.map((f) => [f.code, f]));
  const categories = new Set(scheme.categories.map((c) => c.code));
  checkUniqueCodes(scheme.fields, ["fields"], "field", problems);
  checkUniqueCodes(scheme.categories, ["categories"], "category", problems);
  const tables = compileTables(scheme.tables, scheme.fields, problems);
  checkUniqueCodes(scheme.vetoes, ["vetoes"], "veto", problems);
  checkUniqueCodes(scheme.bonus?.items ?? [], ["bonus", "items"], "bonus item", problems);
  checkUniqueCodes(scheme.raters?.groups ?? [], ["raters", "groups"], "rater group", problems);
  checkUniqueCodes(scheme.grading?.levelCaps ?? [], ["grading", "levelCaps"], "level cap", problems);
  checkUniqueCodes(scheme.grading?.history ?? [], ["grading", "history"], "history rule", problems);

  // First pass: every indicator code, so formulas may refer to indicators defined later in the file.
  const codes = new Map<string, PathSegment[]>();
  const collect = (list: Indicator[], path: PathSegment[]) =>
    list.forEach((ind, i) => {
      const here = [...path, i];
      if (codes.has(ind.code))
        problems.add([...here, "code"], `indicator code ${ind.code} is used twice`, ind.code);
      else codes.set(ind.code, here);
      if (ind.children) collect(ind.children, [...here, "children"]);
    });
  collect(scheme.indicators, ["indicators"]);
  const names: FormulaNames = {
    fieldType: (code) => {
      const field = fields.get(code);
      return field ? fieldTypes[field.type] : undefined;
    },
    hasIndicator: (code) => codes.has(code),
  };

  const nodes: PlanNode[] = [];
  const build = (ind: Indicator, path: PathSegment[], depth: number, parentAggregate: string): number => {
    const max = toFixed(ind.max);
    if (max <= 0) problems.add([...path, "max"], "the max must be positive", ind.code);
    for (const [i, category] of (ind.appliesTo ?? []).entries()) {
      if (!categories.has(category))
        problems.add([...path, "appliesTo", i], `unknown category ${category}`, ind.code);
    }
    if (parentAggregate === "weighted" && ind.weight === undefined) {
      problems.add(path, "children of a weighted parent need a weight", ind.code);
    }
    const children: number[] = [];
    const aggregate = ind.aggregate ?? "sum";
    if (ind.children && ind.children.length > 0) {
      if (ind.method)
        problems.add(
          [...path, "method"],
          "an indicator with children is scored from them, not by a method",
          ind.code,
        );
      if (ind.notApplicable)
        problems.add([...path, "notApplicable"], "only leaves can be declared not applicable", ind.code);
      ind.children.forEach((child, i) => {
        children.push(build(child, [...path, "children", i], depth + 1, aggregate));
      });
    } else if (!ind.method) {
      problems.add(
        path,
        "a leaf indicator needs a method (manual, deductions, checklist, levels, boolean, formula, satisfaction)",
        ind.code,
      );
    }
    const method =
      ind.method && children.length === 0
        ? compileMethod(ind.method, max, [...path, "method"], problems, ind.code, names)
        : null;
    const index = nodes.length;
    nodes.push({
      index,
      code: ind.code,
      name: ind.name,
      depth,
      parent: -1,
      children,
      max,
      weight: ind.weight === undefined ? null : toFixed(ind.weight),
      aggregate,
      leaf: -1,
      method,
      appliesTo: ind.appliesTo ? new Set(ind.appliesTo) : null,
      notApplicable: ind.notApplicable ?? false,
      source: ind,
    });
    for (const child of children) nodes[child]!.parent = index;
    return index;
  };
  const rootAggregate = scheme.aggregate ?? "sum";
  const top = scheme.indicators.map((ind, i) => build(ind, ["indicators", i], 1, rootAggregate));
  const topSum = top.reduce((sum, i) => sum + nodes[i]!.max, 0);
  const rootMax = scheme.max === undefined ? topSum : toFixed(scheme.max);
  if (scheme.max === undefined && rootAggregate !== "sum") {
    problems.add(["aggregate"], "a scheme whose top level is weighted or normalized must give its max");
  }
  const root = nodes.length;
  nodes.push({
    index: root,
    code: "",
    name: scheme.name,
    depth: 0,
    parent: -1,
    children: top,
    max: rootMax,
    weight: null,
    aggregate: rootAggregate,
    leaf: -1,
    method: null,
    appliesTo: null,
    notApplicable: false,
    source: null,
  });
  for (const child of top) nodes[child]!.parent = root;
  // Leaves first, in scheme order, then parents in post-order: children still come before their parents, and
  // leaf i is node i, so leaf scores land in the tree without a lookup.
  const leafFirst = [...nodes.filter((n) => n.method !== null), ...nodes.filter((n) => n.method === null)];
  const renumber = new Int32Array(nodes.length);
  leafFirst.forEach((node, i) => {
    renumber[node.index] = i;
  });
  for (const node of leafFirst) {
    node.index = renumber[node.index]!;
    node.parent = node.parent < 0 ? -1 : renumber[node.parent]!;
    node.children = node.children.map((c) => renumber[c]!);
    node.leaf = node.method !== null ? node.index : -1;
  }
  nodes.splice(0, nodes.length, ...leafFirst);
  const leaves = nodes.filter((n) => n.method !== null).map((n) => n.index);
  const byCode = new Map(nodes.filter((n) => n.index !== root).map((n) => [n.code, n.index]));
  const pathOf = (node: PlanNode): PathSegment[] => (node.index === root ? [] : (codes.get(node.code) ?? []));

  // Applicability per category: a node applies when it and all its ancestors do.
  const categoryKeys = scheme.categories.length > 0 ? scheme.categories.map((c) => c.code) : [""];
  const categoryMasks = new Map<string, Uint8Array>();
  for (const key of [...new Set([...categoryKeys, ""])]) {
    const mask = new Uint8Array(nodes.length);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      const parentApplies = node.parent < 0 || mask[node.parent] === 1;
      mask[i] = parentApplies && (!node.appliesTo || node.appliesTo.has(key)) ? 1 : 0;
    }
    categoryMasks.set(key, mask);
  }

  for (const node of nodes) {
    if (node.children.length === 0) continue;
    const path = pathOf(node);
    const label = node.index === root ? "the scheme" : node.code;
    if (node.aggregate === "weighted") {
      const weights = node.children.reduce((sum, c) => sum + (nodes[c]!.weight ?? 0), 0);
      if (weights !== ONE)
        problems.add(
          path,
          `the weights of ${label}'s children add up to ${format(weights, 4)}, not 1`,
          node.code || undefined,
        );
      continue;
    }
    // The root has no childrenSum field: its maxima are checked when it sums to a given max.
    const sumDefault = node.aggregate === "sum" ? "exact" : "free";
    const rule =
      node.index === root
        ? scheme.max === undefined
          ? "free"
          : sumDefault
        : (node.source?.childrenSum ?? sumDefault);
    if (rule === "free") continue;
    // The sum per category where the node exists; the same wrong sum in every category is reported once.
    const sums = new Map<number, string[]>();
    for (const key of categoryKeys) {
      const mask = categoryMasks.get(key)!;
      if (mask[node.index] !== 1) continue;
      const sum = node.children.reduce((total, c) => total + (mask[c] === 1 ? nodes[c]!.max : 0), 0);
      sums.set(sum, [...(sums.get(sum) ?? []), key]);
    }
    for (const [sum, keys] of sums) {
      const wrong = rule === "exact" ? sum !== node.max : sum > node.max;
      if (!wrong) continue;
      const who = sums.size > 1 && keys[0] ? ` for category ${keys.join(", ")}` : "";
      problems.add(
        path,
        `the children's maxima add up to ${format(sum, 2)}${who}, but ${label}'s max is ${format(node.max, 2)}${rule === "atMost" ? " (they may not exceed it)" : ""}`,
        node.code || undefined,
      );
    }
  }

  const formulaOrder = orderFormulas(nodes, byCode, problems, pathOf);

  const vetoes: CompiledVeto[] = [];
  const gradeCodes = new Set(scheme.grading?.grades.map((g) => g.code) ?? []);
  scheme.vetoes.forEach((veto, i) => {
    const path: PathSegment[] = ["vetoes", i];
    if (veto.effect === "capGrade" && veto.grade === undefined)
      problems.add(path, "effect capGrade needs the grade to cap at");
    if (veto.effect !== "capGrade" && veto.grade !== undefined)
      problems.add([...path, "grade"], "grade is only used with effect capGrade");
    if (veto.grade !== undefined && !gradeCodes.has(veto.grade))
      problems.add([...path, "grade"], `unknown grade ${veto.grade}`);
    if (
      (veto.effect === "capGrade" || veto.effect === "excludeFromQuota" || veto.effect === "fail") &&
      !scheme.grading
    ) {
      problems.add([...path, "effect"], `effect ${veto.effect} needs grading rules`);
    }
    try {
      const when = compileFormula(veto.when, names);
      if (when.type !== "boolean")
        problems.add([...path, "when"], `a veto condition must be true or false, not a ${when.type}`);
      vetoes.push({
        code: veto.code,
        name: veto.name,
        when,
        effect: veto.effect,
        grade: veto.grade === undefined ? null : [...gradeCodes].indexOf(veto.grade),
      });
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      problems.add([...path, "when"], error.message);
    }
  });

  const bonus = scheme.bonus
    ? {
        items: scheme.bonus.items.map((item, i) => {
          const max = toFixed(item.max);
          if (max <= 0) problems.add(["bonus", "items", i, "max"], "a bonus item's max must be positive");
          return { code: item.code, name: item.name, max };
        }),
        cap: scheme.bonus.cap === undefined ? null : toFixed(scheme.bonus.cap),
      }
    : null;

  let raters: CompiledScheme["raters"] = null;
  if (scheme.raters) {
    const weights = scheme.raters.groups.reduce((sum, g) => sum + toFixed(g.weight), 0);
    if (weights !== ONE)
      problems.add(["raters", "groups"], `the rater groups' weights add up to ${format(weights, 4)}, not 1`);
    raters = {
      scope: scheme.raters.scope,
      missingGroup: scheme.raters.missingGroup,
      groups: scheme.raters.groups.map((g) => ({
        code: g.code,
        name: g.name,
        weight: toFixed(g.weight),
        aggregation: aggregationRule(g.aggregation ?? scheme.raters!.aggregation),
      })),
    };
  }

  const bonusCeiling: Fixed = bonus ? (bonus.cap ?? bonus.items.reduce((sum, item) => sum + item.max, 0)) : 0;
  const grading = scheme.grading
    ? compileGrading(
        scheme.grading,
        fields,
        (code) => byCode.get(code),
        scheme.grading.basis === "rate" ? 100 * ONE : rootMax + bonusCeiling,
        problems,
      )
    : null;

  return {
    definition: scheme,
    nodes,
    root,
    layout: treeLayout(nodes),
    leaves,
    byCode,
    categoryMasks,
    childrenMax: new Map(
      [...categoryMasks.values()].map((mask) => [
        mask,
        new Float64Array(
          nodes.map((n) => n.children.reduce((sum, c) => sum + (mask[c] === 1 ? nodes[c]!.max : 0), 0)),
        ),
      ]),
    ),
    fullMasks: new Set(
      [...categoryMasks.values()].filter((mask) => leaves.every((leaf) => mask[leaf] === 1)),
    ),
    formulaOrder,
    fields,
    tables,
    bonus,
    vetoes,
    raters,
    grading,
    places: scheme.rounding.places,
    roundAt: {
      leaf: scheme.rounding.at.includes("leaf"),
      raterGroup: scheme.rounding.at.includes("raterGroup"),
      node: scheme.rounding.at.includes("node"),
    },
    rebase: scheme.notApplicable === "rebase",
  };
}

function isAncestor(nodes: PlanNode[], ancestor: number, index: number): boolean {
  for (let at = nodes[index]!.parent; at >= 0; at = nodes[at]!.parent) if (at === ancestor) return true;
  return false;
}

/** Formula leaves in an order where everything a formula reads is scored first; reports cycles. */
function orderFormulas(
  nodes: PlanNode[],
  byCode: Map<string, number>,
  problems: ProblemList,
  pathOf: (node: PlanNode) => PathSegment[],
): number[] {
  const formulaLeavesUnder = (index: number): number[] => {
    const node = nodes[index]!;
    if (node.method?.type === "formula") return [index];
    return node.children.flatMap(formulaLeavesUnder);
  };
  const order: number[] = [];
  const state = new Map<number, "visiting" | "done">();
  const visit = (index: number, trail: string[]): void => {
    if (state.get(index) === "done") return;
    const node = nodes[index]!;
    if (state.get(index) === "visiting") {
      problems.add(pathOf(node), `formulas form a cycle: ${[...trail, node.code].join(" → ")}`, node.code);
      return;
    }
    state.set(index, "visiting");
    if (node.method?.type === "formula") {
      for (const code of node.method.formula.indicators) {
        const target = byCode.get(code);
        if (target === undefined) continue;
        if (isAncestor(nodes, target, index)) {
          // Reported once, as what it is, rather than also as a cycle through this very leaf.
          problems.add(pathOf(node), `the formula reads ${code}, which contains this indicator`, node.code);
          continue;
        }
        for (const dependency of formulaLeavesUnder(target)) visit(dependency, [...trail, node.code]);
      }
    }
    state.set(index, "done");
    order.push(index);
  };
  for (const node of nodes) if (node.method?.type === "formula") visit(node.index, []);
  return order;
}
