import { describe, expect, it } from "vitest";
import { ApiError, networkError, toApiError } from "./errors.js";

const body = (code: string, details: { path: string; message: string }[] = []) => ({
  error: { code, message: { zh: "请求内容不正确", en: "The request is not valid" }, details },
});

describe("toApiError", () => {
  it("keeps the server's code, status, both messages and details", () => {
    const error = toApiError(400, body("validation", [{ path: "body.username", message: "Too small" }]));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation");
    expect(error.status).toBe(400);
    expect(error.messageIn("zh")).toBe("请求内容不正确");
    expect(error.messageIn("en")).toBe("The request is not valid");
    expect(error.message).toBe("The request is not valid");
    expect(error.details).toEqual([{ path: "body.username", message: "Too small" }]);
  });

  it("gives each body field its messages, for the form, and keeps the rest general", () => {
    const error = toApiError(
      400,
      body("validation", [
        { path: "body.items.A1.score", message: "above the maximum" },
        { path: "body.items.A1.score", message: "not a multiple of 0.5" },
        { path: "body.a, body.b", message: "unknown field" },
        { path: "query.limit", message: "too big" },
        { path: "T1!C4", message: "sum differs" },
      ]),
    );
    expect(error.fieldErrors()).toEqual({
      "items.A1.score": ["above the maximum", "not a multiple of 0.5"],
      a: ["unknown field"],
      b: ["unknown field"],
    });
    expect(error.fieldErrors("query")).toEqual({ limit: ["too big"] });
    expect(error.generalDetails().map((d) => d.path)).toEqual(["query.limit", "T1!C4"]);
  });

  it("maps the lockout like any coded error", () => {
    const error = toApiError(423, {
      error: {
        code: "account_locked",
        message: { zh: "登录失败次数过多，账号已暂时锁定", en: "Too many failed sign-ins" },
        details: [],
      },
    });
    expect(error.code).toBe("account_locked");
    expect(error.messageIn("zh")).toContain("锁定");
  });

  it("drops malformed details and turns anything else into unexpected_response", () => {
    const error = toApiError(409, {
      error: { code: "stale_version", message: { zh: "a", en: "b" }, details: [{ path: 1 }, "x", null] },
    });
    expect(error.details).toEqual([]);
    for (const weird of [
      undefined,
      null,
      "Bad Gateway",
      { error: "x" },
      { error: { code: "x", message: "y" } },
    ]) {
      const unexpected = toApiError(502, weird);
      expect(unexpected.code).toBe("unexpected_response");
      expect(unexpected.status).toBe(502);
      expect(unexpected.messageIn("zh")).toBe("服务器返回了无法识别的响应");
    }
  });

  it("names a request that got no answer", () => {
    const cause = new TypeError("fetch failed");
    const error = networkError(cause);
    expect(error.code).toBe("network");
    expect(error.status).toBe(0);
    expect(error.cause).toBe(cause);
    expect(error.messageIn("en")).toMatch(/Cannot reach the server/);
  });
});
