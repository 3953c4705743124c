/**
 * A deterministic stream of uniform integers: SHA-256 in counter mode. Block i is
 * SHA-256(UTF-8(JSON.stringify([...key, i]))), read as eight big-endian 32-bit words; a bounded integer takes
 * words by rejection sampling, so every value is equally likely (no modulo bias). The same key gives the same
 * stream on every machine, engine and version.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";

export type StreamKey = ReadonlyArray<string | number | null>;

const WORD_RANGE = 2 ** 32;

/** Returns a function giving uniform integers in [0, bound) for 1 ≤ bound ≤ 2³². */
export function uniformIntegers(key: StreamKey): (bound: number) => number {
  let counter = 0;
  let block = new DataView(new ArrayBuffer(0));
  let offset = 0;
  const nextWord = (): number => {
    if (offset >= block.byteLength) {
      const digest = sha256(utf8ToBytes(JSON.stringify([...key, counter])));
      block = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
      counter += 1;
      offset = 0;
    }
    const word = block.getUint32(offset, false);
    offset += 4;
    return word;
  };
  return (bound) => {
    if (!Number.isInteger(bound) || bound < 1 || bound > WORD_RANGE) {
      throw new RangeError(`a uniform integer needs a bound from 1 to 2^32, got ${bound}`);
    }
    // The largest multiple of bound not above 2³²: words at or past it would favour small results.
    const limit = WORD_RANGE - (WORD_RANGE % bound);
    for (;;) {
      const word = nextWord();
      if (word < limit) return word % bound;
    }
  };
}
