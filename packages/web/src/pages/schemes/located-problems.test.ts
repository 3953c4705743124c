import { describe, expect, it } from "vitest";
import { formatOfFile, locatedProblems } from "./located-problems.js";

describe("locatedProblems", () => {
  it("reads line, column and path from the server's details, in line order", () => {
    expect(
      locatedProblems([
        { path: "source:17:21 indicators.2.method.type", message: 'unknown type "manul"' },
        { path: "source:9:5 indicators.0", message: 'unknown field "maxx"' },
        { path: "source", message: "not valid JSON / 不是有效的 JSON" },
        { path: "body.label", message: "version 2011 already exists" },
      ]),
    ).toEqual([
      { line: null, column: null, path: "", message: "not valid JSON / 不是有效的 JSON" },
      { line: 9, column: 5, path: "indicators.0", message: 'unknown field "maxx"' },
      { line: 17, column: 21, path: "indicators.2.method.type", message: 'unknown type "manul"' },
    ]);
  });

  it("keeps a located problem without a path", () => {
    expect(locatedProblems([{ path: "source:3:1", message: "bad indentation" }])).toEqual([
      { line: 3, column: 1, path: "", message: "bad indentation" },
    ]);
  });
});

describe("formatOfFile", () => {
  it("takes JSON from the extension and YAML otherwise", () => {
    expect(formatOfFile("scheme.JSON")).toBe("json");
    expect(formatOfFile("scheme.yaml")).toBe("yaml");
    expect(formatOfFile("scheme.yml")).toBe("yaml");
  });
});
