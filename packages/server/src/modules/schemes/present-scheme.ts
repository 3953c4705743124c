/** How schemes and their versions look through the API: metadata, the parsed definition and an indicator tree. */
import { type CompiledScheme, formatShort } from "@kaoping/core";
import { z } from "zod";

export const SchemeVersionSummary = z.object({
  id: z.string(),
  schemeId: z.string(),
  label: z.string(),
  format: z.enum(["yaml", "json", "xlsx"]),
  sourceHash: z.string(),
  /** Frozen once a campaign using it starts; a frozen version never changes. */
  frozen: z.boolean(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SchemeVersionSummary = z.infer<typeof SchemeVersionSummary>;

export const SchemeView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  createdAt: z.string(),
  versionCount: z.number().int(),
  latestLabel: z.string().nullable(),
});
export type SchemeView = z.infer<typeof SchemeView>;

export const SchemeDetailView = SchemeView.extend({ versions: z.array(SchemeVersionSummary) });
export type SchemeDetailView = z.infer<typeof SchemeDetailView>;

export interface IndicatorNodeView {
  code: string;
  name: string;
  /** 分值, a decimal string. */
  max: string;
  weight: string | null;
  /** manual, deductions, checklist, levels, boolean, formula, satisfaction; null for a parent. */
  method: string | null;
  /** The unit categories it applies to (个性指标); null for everyone (共性指标). */
  appliesTo: string[] | null;
  children: IndicatorNodeView[];
}

export const IndicatorNode: z.ZodType<IndicatorNodeView> = z.object({
  code: z.string(),
  name: z.string(),
  max: z.string(),
  weight: z.string().nullable(),
  method: z.string().nullable(),
  appliesTo: z.array(z.string()).nullable(),
  get children() {
    return z.array(IndicatorNode);
  },
});
// A recursive schema must be a named component of the OpenAPI document, or its self-reference dangles.
z.globalRegistry.add(IndicatorNode, { id: "IndicatorNode" });

export const SchemeVersionView = SchemeVersionSummary.extend({
  schemeCode: z.string(),
  schemeName: z.string(),
  ownerId: z.string(),
  source: z.string(),
  /** The scheme as the engine read it (defaults filled in). */
  definition: z.record(z.string(), z.unknown()),
  max: z.string(),
  categories: z.array(z.object({ code: z.string(), name: z.string() })),
  indicators: z.array(IndicatorNode),
  bonus: z
    .object({
      items: z.array(z.object({ code: z.string(), name: z.string(), max: z.string() })),
      cap: z.string().nullable(),
    })
    .nullable(),
  vetoes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      when: z.string(),
      effect: z.string(),
      grade: z.string().nullable(),
    }),
  ),
  raters: z
    .object({
      scope: z.string(),
      groups: z.array(z.object({ code: z.string(), name: z.string(), weight: z.string() })),
    })
    .nullable(),
});
export type SchemeVersionView = z.infer<typeof SchemeVersionView>;

export interface SchemeVersionRow {
  id: string;
  scheme_id: string;
  label: string;
  format: "yaml" | "json" | "xlsx";
  source_hash: string;
  frozen: boolean;
  version: number;
  created_by: string | null;
  created_at: Date;
}

export const presentVersionSummary = (v: SchemeVersionRow): SchemeVersionSummary => ({
  id: v.id,
  schemeId: v.scheme_id,
  label: v.label,
  format: v.format,
  sourceHash: v.source_hash,
  frozen: v.frozen,
  version: v.version,
  createdBy: v.created_by,
  createdAt: new Date(v.created_at).toISOString(),
});

/** The indicator tree of a compiled scheme, top-level indicators first, children in document order. */
export function indicatorTree(scheme: CompiledScheme): IndicatorNodeView[] {
  const node = (index: number): IndicatorNodeView => {
    const n = scheme.nodes[index];
    if (n === undefined) throw new Error(`no plan node ${index}`);
    return {
      code: n.code,
      name: n.name,
      max: formatShort(n.max),
      weight: n.weight === null ? null : formatShort(n.weight),
      method: n.method?.type ?? null,
      appliesTo: n.appliesTo === null ? null : [...n.appliesTo],
      children: n.children.map(node),
    };
  };
  return (scheme.nodes[scheme.root]?.children ?? []).map(node);
}

export function presentSchemeContent(scheme: CompiledScheme) {
  const d = scheme.definition;
  return {
    definition: JSON.parse(JSON.stringify(d)) as Record<string, unknown>,
    max: formatShort(scheme.nodes[scheme.root]?.max ?? 0),
    categories: d.categories.map((c) => ({ code: c.code, name: c.name })),
    indicators: indicatorTree(scheme),
    bonus:
      scheme.bonus === null
        ? null
        : {
            items: scheme.bonus.items.map((b) => ({ code: b.code, name: b.name, max: formatShort(b.max) })),
            cap: scheme.bonus.cap === null ? null : formatShort(scheme.bonus.cap),
          },
    vetoes: d.vetoes.map((v) => ({
      code: v.code,
      name: v.name,
      when: v.when,
      effect: v.effect,
      grade: v.grade ?? null,
    })),
    raters:
      scheme.raters === null
        ? null
        : {
            scope: scheme.raters.scope,
            groups: scheme.raters.groups.map((g) => ({
              code: g.code,
              name: g.name,
              weight: formatShort(g.weight),
            })),
          },
  };
}
