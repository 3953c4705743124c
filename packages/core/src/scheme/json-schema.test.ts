import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEME_SCHEMA_ID, schemeJsonSchema } from "./json-schema.js";

const committedFile = new URL("../../../../schemes/scheme.schema.json", import.meta.url);

type JsonObject = Record<string, unknown>;
const schema = schemeJsonSchema() as JsonObject & {
  properties: Record<string, JsonObject>;
  $defs: Record<string, JsonObject & { properties: Record<string, JsonObject> }>;
  required: string[];
};

describe("the scheme's JSON Schema", () => {
  it("is committed as generated from the zod model", () => {
    const committed: unknown = JSON.parse(readFileSync(committedFile, "utf8"));
    expect(
      committed,
      "schemes/scheme.schema.json is out of date with packages/core/src/scheme/model.ts: run `npm run schema`",
    ).toStrictEqual(schema);
  });

  it("names itself", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(SCHEME_SCHEMA_ID);
    expect(schema.title).toContain("指标体系");
  });

  it("describes what authors write: defaults optional, unknown fields refused", () => {
    expect(schema.required).toEqual(["code", "name", "version", "issuer", "indicators"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.version).toEqual({
      anyOf: [{ type: "string", minLength: 1 }, { type: "number" }],
    });
  });

  it("holds the indicator tree as one recursive definition", () => {
    expect(schema.properties.indicators).toEqual({
      type: "array",
      minItems: 1,
      items: { $ref: "#/$defs/Indicator" },
    });
    const indicator = schema.$defs.Indicator!;
    expect(indicator.properties.children).toEqual({ type: "array", items: { $ref: "#/$defs/Indicator" } });
    expect(indicator.required).toEqual(["code", "name", "max"]);
  });

  it("lists every method type", () => {
    const method = schema.$defs.Indicator!.properties.method as { oneOf: Array<{ properties: JsonObject }> };
    expect(method.oneOf.map((option) => (option.properties.type as { const: string }).const)).toEqual([
      "manual",
      "deductions",
      "checklist",
      "levels",
      "boolean",
      "formula",
      "satisfaction",
    ]);
  });
});
