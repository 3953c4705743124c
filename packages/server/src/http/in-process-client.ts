/**
 * Calls the API in-process as a signed-in user, carrying the session cookie and CSRF token like a browser. Tests
 * use it, and so does the demo loader, which plays each demo user through the same API a browser would.
 */
import type { Api } from "./api.js";

/** The user agent of in-process calls, whose request logs the app leaves out. */
export const IN_PROCESS_AGENT = "kaoping-in-process";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  /** The body's bytes, for binary responses (workbooks, documents). */
  raw: Buffer;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export class ApiClient {
  constructor(
    readonly app: Api,
    private cookie?: string,
    readonly csrfToken?: string,
  ) {}

  static anonymous(app: Api): ApiClient {
    return new ApiClient(app);
  }

  static async login(app: Api, username: string, password = TEST_PASSWORD): Promise<ApiClient> {
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "user-agent": IN_PROCESS_AGENT },
      payload: { username, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === "kaoping_session");
    return new ApiClient(app, `kaoping_session=${cookie?.value}`, response.json().csrfToken);
  }

  async request<T = any>(
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const response = await this.app.inject({
      method,
      url: url.startsWith("/api/") ? url : `/api/v1${url}`,
      headers: {
        "user-agent": IN_PROCESS_AGENT,
        ...(this.cookie === undefined ? {} : { cookie: this.cookie }),
        ...(this.csrfToken === undefined ? {} : { "x-csrf-token": this.csrfToken }),
        ...headers,
      },
      ...(payload === undefined
        ? {}
        : typeof payload === "string" || Buffer.isBuffer(payload)
          ? { payload }
          : { payload: payload as object }),
    });
    const text = response.body;
    let body: unknown = text;
    if ((response.headers["content-type"] ?? "").toString().includes("json") && text !== "")
      body = JSON.parse(text);
    return {
      status: response.statusCode,
      body: body as T,
      headers: response.headers,
      raw: response.rawPayload,
    };
  }

  get = <T = any>(url: string) => this.request<T>("GET", url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>("POST", url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>("PUT", url, body ?? {});
  patch = <T = any>(url: string, body?: unknown) => this.request<T>("PATCH", url, body ?? {});
  delete = <T = any>(url: string) => this.request<T>("DELETE", url);
}

export const TEST_PASSWORD = "password-123456";
