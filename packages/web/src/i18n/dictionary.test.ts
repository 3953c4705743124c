import { describe, expect, it } from "vitest";
import { areas, dictionaries, en, type MessageKey, translate, zh } from "./dictionary.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the dictionary", () => {
  it("has every key in both languages, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const [lang, table] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(table)) expect(text.trim(), `${lang} ${key}`).not.toBe("");
    }
  });

  it("keeps each key in one area only", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [area, table] of Object.entries(areas)) {
      for (const key of Object.keys(table.zh)) {
        const earlier = seen.get(key);
        if (earlier !== undefined) clashes.push(`${key} (${earlier}, ${area})`);
        seen.set(key, area);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(zh) as MessageKey[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it("has Chinese in the Chinese table (no untranslated English left behind)", () => {
    const latinOnly = (Object.keys(zh) as MessageKey[]).filter((key) => !/[\u4e00-\u9fff]/.test(zh[key]));
    // The language switch shows the other language's name; the product's English name is not used in zh.
    expect(latinOnly).toEqual(["app.language"]);
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("zh", "workspace.dueIn", { days: 3 })).toBe("剩 3 天");
    expect(translate("en", "workspace.dueIn", { days: 3 })).toBe("3 days left");
    expect(translate("en", "workspace.dueIn")).toBe("{days} days left");
  });
});
