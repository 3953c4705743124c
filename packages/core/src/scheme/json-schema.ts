/**
 * The JSON Schema of the scheme format, generated from the zod model so that the two never disagree. Editors use
 * it (`# yaml-language-server: $schema=../scheme.schema.json`) to complete and check schemes while they are
 * written; `npm run schema` writes it to `schemes/scheme.schema.json`.
 */
import { z } from "zod";
import { Indicator, Scheme } from "./model.js";

/** A URN rather than a web address: the project publishes no schema URL, and editors resolve the file by path. */
export const SCHEME_SCHEMA_ID = "urn:kaoping:scheme";

/** Definition names for the recursive parts, which zod would otherwise call `__schema0`. */
const definitionNames = new Map<z.core.$ZodType, string>([[Indicator, "Indicator"]]);

/** The global registry (where `.describe()` texts live), with definition names added. */
class NamedDefinitions extends z.core.$ZodRegistry<z.core.GlobalMeta> {
  override get<S extends z.core.$ZodType>(schema: S): z.core.$replace<z.core.GlobalMeta, S> | undefined {
    const meta = z.globalRegistry.get(schema);
    const id = definitionNames.get(schema);
    return id === undefined ? meta : { ...meta, id };
  }
}

/**
 * The schema of what a scheme author writes (zod's input side): fields with defaults are optional, and `version`
 * may be a number or a string.
 */
export function schemeJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(Scheme, {
    io: "input",
    target: "draft-2020-12",
    cycles: "ref",
    metadata: new NamedDefinitions(),
  });
  return {
    $schema,
    $id: SCHEME_SCHEMA_ID,
    title: "Kaoping indicator system (考评指标体系)",
    description:
      "An indicator system (指标体系): indicators with maxima and scoring methods, bonus items, veto items, " +
      "rater groups and grading rules. Generated from packages/core/src/scheme/model.ts; see docs/scheme-format.md.",
    ...body,
  };
}
