/** An `Autosaver` for the life of a component, with its state for the save badge. */
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/errors.js";
import { Autosaver, type SaveState } from "./autosave.js";

export const AUTOSAVE_DELAY = 800;

export const isStale = (error: unknown) => error instanceof ApiError && error.code === "stale_version";

export function useAutosaver<T>(save: (value: T) => Promise<void>): {
  saver: Autosaver<T>;
  state: SaveState;
} {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const saveRef = useRef(save);
  saveRef.current = save;
  const [saver] = useState(
    () =>
      new Autosaver<T>({
        delay: AUTOSAVE_DELAY,
        save: (value) => saveRef.current(value),
        isConflict: isStale,
        onState: setState,
      }),
  );
  useEffect(
    () => () => {
      // Leaving the indicator saves what was typed last.
      void saver.flush();
      saver.dispose();
    },
    [saver],
  );
  return { saver, state };
}
