import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveState } from "./autosave.js";

class Conflict extends Error {}

function setup(save: (value: string) => Promise<void>) {
  const states: SaveState["kind"][] = [];
  const saver = new Autosaver<string>({
    delay: 500,
    save,
    isConflict: (e) => e instanceof Conflict,
    onState: (s) => states.push(s.kind),
    now: () => new Date(2026, 0, 1, 9, 30, 15),
  });
  return { saver, states };
}

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, the last value, after the pause", async () => {
    const saved: string[] = [];
    const { saver, states } = setup(async (v) => {
      saved.push(v);
    });
    saver.edit("a");
    saver.edit("ab");
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["ab"]);
    expect(states.at(-1)).toBe("saved");
  });

  it("saves an edit made during a save after it, never two at once", async () => {
    const saved: string[] = [];
    let release: () => void = () => {};
    const { saver } = setup(
      (v) =>
        new Promise<void>((resolve) => {
          saved.push(v);
          release = resolve;
        }),
    );
    saver.edit("1");
    await vi.advanceTimersByTimeAsync(500);
    saver.edit("2");
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["1"]);
    release();
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toEqual(["1", "2"]);
  });

  it("stops at a conflict until reset, so nothing is overwritten", async () => {
    const save = vi.fn(async () => {
      throw new Conflict();
    });
    const { saver, states } = setup(save);
    saver.edit("mine");
    await vi.advanceTimersByTimeAsync(500);
    expect(states.at(-1)).toBe("conflict");
    saver.edit("more");
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(1);
    saver.reset();
    expect(states.at(-1)).toBe("idle");
  });

  it("keeps a failed edit pending and retries it with the next edit or a flush", async () => {
    let fail = true;
    const saved: string[] = [];
    const { saver, states } = setup(async (v) => {
      if (fail) throw new Error("offline");
      saved.push(v);
    });
    saver.edit("x");
    await vi.advanceTimersByTimeAsync(500);
    expect(states.at(-1)).toBe("error");
    fail = false;
    await expect(saver.flush()).resolves.toBe(true);
    expect(saved).toEqual(["x"]);
  });
});
