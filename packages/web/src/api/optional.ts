/** The part of a page only some roles may read: `optional(call(...))` is null when the server refuses it (403/404). */
import { ApiError } from "./errors.js";

export async function optional<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  }
}
