/** Turns anything thrown in a route into the one error shape: code, message in Chinese and English, details. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type ErrorCode, type ErrorDetail } from "../errors.js";

/** Fastify's own error codes that are the client's fault. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "bad_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "bad_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_REQ_FILE_TOO_LARGE: "payload_too_large",
  FST_FILES_LIMIT: "payload_too_large",
  FST_PARTS_LIMIT: "payload_too_large",
  FST_FIELDS_LIMIT: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation",
  FST_INVALID_MULTIPART_CONTENT_TYPE: "unsupported_media",
};

function validationDetails(error: FastifyError): ErrorDetail[] {
  const context = error.validationContext ?? "body";
  return (error.validation ?? []).map((issue) => {
    const base = `${context}${issue.instancePath.replace(/\//g, ".")}`.replace(/\.$/, "");
    const keys = (issue.params as { keys?: string[] }).keys;
    if (issue.keyword === "unrecognized_keys" && keys !== undefined) {
      return {
        path: keys.map((k) => `${base}.${k}`).join(", "),
        message: `unknown field / 未知字段: ${keys.join(", ")}`,
      };
    }
    return { path: base, message: issue.message ?? "invalid" };
  });
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fastifyError))
    return new AppError("validation", validationDetails(fastifyError));
  const code = fastifyError.code === undefined ? undefined : FASTIFY_CODES[fastifyError.code];
  if (code !== undefined) return new AppError(code, [{ path: "request", message: fastifyError.message }]);
  if (fastifyError instanceof SyntaxError)
    return new AppError("bad_json", [{ path: "body", message: fastifyError.message }]);
  return new AppError("internal");
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const appError = toAppError(error);
  if (appError.code === "internal") request.log.error({ err: error }, "unexpected error");
  return reply.code(appError.status).send(appError.toBody());
}
