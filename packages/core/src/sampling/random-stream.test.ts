import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { uniformIntegers } from "./random-stream.js";

describe("uniformIntegers", () => {
  it("reads SHA-256 of the JSON key and counter as big-endian 32-bit words", () => {
    const words = (counter: number) => {
      const digest = createHash("sha256")
        .update(JSON.stringify(["key", 7, null, counter]), "utf8")
        .digest();
      return Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(4 * i));
    };
    const next = uniformIntegers(["key", 7, null]);
    // With a bound of 2³² no word is rejected, so the stream is the words themselves, block after block.
    const drawn = Array.from({ length: 10 }, () => next(2 ** 32));
    expect(drawn).toEqual([...words(0), ...words(1).slice(0, 2)]);
  });

  it("rejects words at or above the largest multiple of the bound", () => {
    const bound = 2 ** 31 + 1;
    const raw = uniformIntegers(["reject"]);
    const words = Array.from({ length: 16 }, () => raw(2 ** 32));
    const limit = 2 ** 32 - (2 ** 32 % bound);
    const expected = words.filter((w) => w < limit).map((w) => w % bound);
    const next = uniformIntegers(["reject"]);
    expect(expected.length).toBeLessThan(16);
    expect(Array.from({ length: expected.length }, () => next(bound))).toEqual(expected);
  });

  it("spreads small bounds evenly", () => {
    const next = uniformIntegers(["even"]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[next(3)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(300);
  });

  it("refuses a bound outside 1 … 2³²", () => {
    const next = uniformIntegers(["bad"]);
    expect(() => next(0)).toThrow(RangeError);
    expect(() => next(2.5)).toThrow(RangeError);
  });
});
