/**
 * The unit-wide parts (base data, report) share the self-evaluation's own version, so they are saved by one
 * autosaver, one request after the other: the edits waiting when a save starts go together.
 */
import { useRef, useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import type { SelfEvaluation } from "./types.js";
import { useAutosaver } from "./use-autosaver.js";

type FieldValue = number | string | boolean | null;
interface Parts {
  data?: Record<string, FieldValue>;
  report?: Record<string, string>;
}

export function useEvaluationSaver(view: SelfEvaluation, onSaved: () => void) {
  const version = useRef(view.version);
  const pending = useRef<Parts>({});
  const [dataErrors, setDataErrors] = useState<Record<string, string[]>>({});
  const path = { campaignId: view.campaignId, organisationId: view.unit.id };

  const { saver, state } = useAutosaver<Parts>(async () => {
    const parts = pending.current;
    pending.current = {};
    try {
      if (parts.data !== undefined) {
        const saved = await call(
          api.PUT("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/data", {
            params: { path },
            body: { version: version.current, data: parts.data },
          }),
        );
        version.current = saved.version;
        delete parts.data;
        setDataErrors({});
      }
      if (parts.report !== undefined) {
        const saved = await call(
          api.PUT("/api/v1/campaigns/{campaignId}/self-evaluations/{organisationId}/report", {
            params: { path },
            body: { version: version.current, report: parts.report },
          }),
        );
        version.current = saved.version;
        delete parts.report;
      }
      onSaved();
    } catch (error) {
      pending.current = { ...parts, ...pending.current };
      if (error instanceof ApiError && error.code === "validation") {
        const errors: Record<string, string[]> = {};
        for (const [key, messages] of Object.entries(error.fieldErrors()))
          if (key.startsWith("data.")) errors[key.slice(5)] = messages;
        setDataErrors(errors);
      }
      throw error;
    }
  });

  return {
    state,
    dataErrors,
    /** The version to submit with: the one last read or saved here. */
    version,
    flush: () => saver.flush(),
    editData(data: Record<string, FieldValue>) {
      pending.current = { ...pending.current, data };
      saver.edit(pending.current);
    },
    editReport(report: Record<string, string>) {
      pending.current = { ...pending.current, report };
      saver.edit(pending.current);
    },
    reset(next: number) {
      version.current = next;
      pending.current = {};
      saver.reset();
    },
  };
}

export type EvaluationSaver = ReturnType<typeof useEvaluationSaver>;
