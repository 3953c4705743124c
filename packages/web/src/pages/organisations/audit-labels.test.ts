import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/dictionary.js";
import { actionLabel, entityLabel, fieldLabel } from "./audit-labels.js";

const t = (key: Parameters<typeof translate>[1]) => translate("zh", key);

describe("audit labels", () => {
  it("names known actions, kinds and fields, and shows unknown ones by code", () => {
    expect(actionLabel(t, "organisation.created")).toBe("新增单位");
    expect(actionLabel(t, "something.new")).toBe("something.new");
    expect(fieldLabel(t, "name")).toBe("名称");
    expect(fieldLabel(t, "input")).toBe("input");
  });

  it("adds the item's code to the kind of thing acted on", () => {
    expect(entityLabel(t, "self_evaluation_item", "048d2a01-7500-481a-b90b-3b21a0fa398c:B5")).toBe(
      "自评指标 B5",
    );
    expect(entityLabel(t, "organisation", "09c477f9-e897-4c2a-831f-8dca3260665b")).toBe("单位");
    expect(entityLabel(t, "widget", "x")).toBe("widget");
  });
});
