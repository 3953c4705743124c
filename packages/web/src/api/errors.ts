/**
 * The server's one error shape, `{ error: { code, message: { zh, en }, details: [{ path, message }] } }`, as a
 * typed `ApiError` the UI can show: the message in the user's language, and per-field messages for a form.
 */
import type { Language } from "../i18n/dictionary.js";
import { translate } from "../i18n/dictionary.js";

export interface ErrorDetail {
  /** Where: a field path ("body.username"), a cell ("T1!B3"), a file name or a rule code. */
  path: string;
  message: string;
}

export interface LocalisedText {
  zh: string;
  en: string;
}

/** Codes of our own for failures that never reached the server or came back unreadable. */
export type ClientErrorCode = "network" | "unexpected_response";

export class ApiError extends Error {
  constructor(
    /** The server's error code (`validation`, `account_locked` …) or a client code. */
    readonly code: string,
    /** The HTTP status; 0 when the server was not reached. */
    readonly status: number,
    readonly text: LocalisedText,
    readonly details: ErrorDetail[] = [],
  ) {
    super(text.en);
    this.name = "ApiError";
  }

  /** The message in the user's language. */
  messageIn(lang: Language): string {
    return this.text[lang];
  }

  /**
   * The details addressed to fields of a request part (by default the body), keyed by the field's name path
   * without that prefix ("body.items.A1.score" → "items.A1.score"); several messages for one field are joined.
   */
  fieldErrors(part = "body"): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const detail of this.details) {
      for (const path of detail.path.split(", ")) {
        if (!path.startsWith(`${part}.`)) continue;
        const field = path.slice(part.length + 1);
        out[field] = [...(out[field] ?? []), detail.message];
      }
    }
    return out;
  }

  /** The details that name no field of `part`: to be shown above the form. */
  generalDetails(part = "body"): ErrorDetail[] {
    return this.details.filter((d) => !d.path.split(", ").every((p) => p.startsWith(`${part}.`)));
  }
}

function isText(value: unknown): value is LocalisedText {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as LocalisedText).zh === "string" &&
    typeof (value as LocalisedText).en === "string"
  );
}

function isDetail(value: unknown): value is ErrorDetail {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ErrorDetail).path === "string" &&
    typeof (value as ErrorDetail).message === "string"
  );
}

function clientText(key: "error.network" | "error.unexpected"): LocalisedText {
  return { zh: translate("zh", key), en: translate("en", key) };
}

/** The error of a response whose status is not 2xx, from its parsed JSON body (or anything else). */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error === "object" && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof code === "string" && isText(message)) {
      return new ApiError(code, status, message, Array.isArray(details) ? details.filter(isDetail) : []);
    }
  }
  return new ApiError("unexpected_response", status, clientText("error.unexpected"));
}

/** The error of a request that never got an answer (offline, server down, CORS). */
export function networkError(cause: unknown): ApiError {
  const error = new ApiError("network", 0, clientText("error.network"));
  error.cause = cause;
  return error;
}

/** What to tell the user about a failure: the server's message in their language, or the error as it is. */
export function errorText(error: unknown, lang: Language): string {
  return error instanceof ApiError ? error.messageIn(lang) : String(error);
}
