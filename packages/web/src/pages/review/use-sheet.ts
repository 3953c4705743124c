/**
 * A review sheet being edited: the draft, its saving (serialised, so a save never races the one before it, with
 * the version each save returns), autosave a moment after the last change, field errors from the form's own
 * checks or the server's, a reload when someone else saved first, and submission.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import type { ReviewSheet } from "./review-types.js";
import { type SheetDraft, type SheetMode, sheetBody, sheetFieldErrors } from "./sheet-form.js";

const AUTOSAVE_MS = 1200;

export interface SheetTarget {
  campaignId: string;
  organisationId: string;
  groupCode: string;
  leafCodes: readonly string[];
  /** The form's own check of a draft before it is sent: field → message (empty when fine). */
  check(mode: SheetMode, draft: SheetDraft): Record<string, string>;
}

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "failed";

export function useSheet(
  target: SheetTarget,
  initial: { sheet: ReviewSheet | undefined; mode: SheetMode; draft: SheetDraft },
) {
  const [sheet, setSheet] = useState(initial.sheet);
  const [mode, setModeState] = useState(initial.mode);
  const [draft, setDraftState] = useState(initial.draft);
  const [state, setState] = useState<SaveState>(initial.sheet === undefined ? "idle" : "saved");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [stale, setStale] = useState(false);
  const latest = useRef({ mode, draft, sheet, edits: 0 });
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { campaignId, organisationId, groupCode } = target;
  const targetRef = useRef(target);
  targetRef.current = target;
  const path = useMemo(
    () => ({ id: campaignId, orgId: organisationId, groupCode }),
    [campaignId, organisationId, groupCode],
  );

  const reloadSheet = useCallback(async () => {
    const view = await call(
      api.GET("/api/v1/campaigns/{id}/units/{orgId}/review", {
        params: { path: { id: campaignId, orgId: organisationId } },
      }),
    );
    const fresh = view.sheets.find((s) => s.groupCode === groupCode);
    latest.current.sheet = fresh;
    setSheet(fresh);
    if (fresh !== undefined) {
      const next = { total: fresh.total ?? "", scores: fresh.scores };
      latest.current.draft = next;
      setDraftState(next);
    }
    setState("saved");
    setStale(true);
  }, [campaignId, organisationId, groupCode]);

  const saveNow = useCallback((): Promise<boolean> => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const run = async (): Promise<boolean> => {
      const { mode: m, draft: d, sheet: s, edits } = latest.current;
      if (s?.submitted) return false;
      const local = targetRef.current.check(m, d);
      setErrors(local);
      if (Object.keys(local).length > 0) {
        setState("failed");
        return false;
      }
      setState("saving");
      try {
        const saved = await call(
          api.PUT("/api/v1/campaigns/{id}/units/{orgId}/review/{groupCode}", {
            params: { path },
            body: sheetBody(m, d, s?.version ?? null),
          }),
        );
        latest.current.sheet = saved;
        setSheet(saved);
        setFailure(null);
        setSavedAt(new Date().toISOString());
        setState(latest.current.edits === edits ? "saved" : "dirty");
        return true;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (e.status === 409 && (e.code === "stale_version" || e.code === "locked")) {
          await reloadSheet();
          return false;
        }
        setErrors(sheetFieldErrors(e.fieldErrors(), targetRef.current.leafCodes));
        setFailure(e);
        setState("failed");
        return false;
      }
    };
    const next = queue.current.then(run, run);
    queue.current = next;
    return next;
  }, [path, reloadSheet]);

  const schedule = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
  }, [saveNow]);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const edit = useCallback(
    (nextMode: SheetMode, nextDraft: SheetDraft) => {
      latest.current = {
        ...latest.current,
        mode: nextMode,
        draft: nextDraft,
        edits: latest.current.edits + 1,
      };
      setModeState(nextMode);
      setDraftState(nextDraft);
      setState("dirty");
      setStale(false);
      schedule();
    },
    [schedule],
  );

  const submit = useCallback(async (): Promise<boolean> => {
    if (!(await saveNow())) return false;
    const s = latest.current.sheet;
    if (s === undefined) return false;
    try {
      const submitted = await call(
        api.POST("/api/v1/campaigns/{id}/units/{orgId}/review/{groupCode}/submit", {
          params: { path },
          body: { version: s.version },
        }),
      );
      latest.current.sheet = submitted;
      setSheet(submitted);
      setFailure(null);
      return true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setErrors(sheetFieldErrors(e.fieldErrors("sheet"), targetRef.current.leafCodes));
      setFailure(e);
      return false;
    }
  }, [saveNow, path]);

  return { sheet, mode, draft, state, savedAt, errors, failure, stale, edit, save: saveNow, submit };
}
