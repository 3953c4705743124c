import { describe, expect, it } from "vitest";
import { dispositionFileName } from "./download-file.js";

describe("the file name of a download", () => {
  it("prefers the UTF-8 name, which carries Chinese", () => {
    expect(
      dispositionFileName(
        `attachment; filename="S01 report.docx"; filename*=UTF-8''S01%20%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.docx`,
      ),
    ).toBe("S01 自评报告.docx");
  });
  it("falls back to the plain name, and to nothing without a header", () => {
    expect(dispositionFileName(`attachment; filename="ranking.xlsx"`)).toBe("ranking.xlsx");
    expect(dispositionFileName(null)).toBeNull();
  });
});
