/**
 * A signed-in session with a running Kaoping server over HTTP, as a browser holds one: the session cookie from
 * POST /auth/login, and its CSRF token echoed in the X-CSRF-Token header on every request that changes something.
 * The server's error body (code, message in Chinese and English, details) becomes the CLI's input error.
 */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { CliInputError, CliUsageError } from "../errors.js";

export const DEFAULT_SERVER = "http://127.0.0.1:3000";

export interface ServerOptions {
  url?: string;
  user?: string;
  password?: string;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: { zh?: string; en?: string };
    details?: Array<{ path: string; message: string }>;
  };
}

const nonEmpty = (value: string | undefined): string | undefined => (value === "" ? undefined : value);

export class ServerSession {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** Signs in with the options, else KAOPING_URL, KAOPING_USER and KAOPING_PASSWORD. */
  static async signIn(options: ServerOptions, env: NodeJS.ProcessEnv = process.env): Promise<ServerSession> {
    const base = (options.url ?? nonEmpty(env.KAOPING_URL) ?? DEFAULT_SERVER).replace(/\/+$/, "");
    const username = options.user ?? nonEmpty(env.KAOPING_USER);
    const password = options.password ?? nonEmpty(env.KAOPING_PASSWORD);
    if (username === undefined) throw new CliUsageError("sign in with --user <name> or KAOPING_USER");
    if (password === undefined)
      throw new CliUsageError("give the password in KAOPING_PASSWORD (or --password)");
    const response = await send(base, "/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    await failUnlessOk(response, "sign in");
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0] ?? "")
      .find((c) => c.startsWith("kaoping_session="));
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new ServerSession(base, cookie ?? "", csrfToken);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await send(this.base, path, {
      method,
      headers: {
        cookie: this.cookie,
        ...(method === "GET" ? {} : { "x-csrf-token": this.csrfToken }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await failUnlessOk(response, `${method} ${path}`);
    return response;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.request("GET", path)).json()) as T;
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return (await (await this.request("POST", path, body)).json()) as T;
  }

  /** Streams a download to `file`; returns the bytes written. */
  async download(path: string, file: string): Promise<number> {
    const response = await this.request("GET", path);
    if (response.body === null) throw new CliInputError([`GET ${path}: empty response`]);
    const body = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
    let bytes = 0;
    body.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    await pipeline(body, createWriteStream(file));
    return bytes;
  }
}

async function send(base: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${base}/api/v1${path}`, init);
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new CliInputError([`cannot reach the server at ${base}: ${cause}`]);
  }
}

async function failUnlessOk(response: Response, what: string): Promise<void> {
  if (response.ok) return;
  const text = await response.text();
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not the server's error shape (a proxy's page): the status says enough.
  }
  const error = body.error;
  const message =
    error?.message === undefined ? text.slice(0, 200) : `${error.message.zh} / ${error.message.en}`;
  throw new CliInputError([
    `${what}: ${response.status} ${error?.code ?? ""} ${message}`.replace(/\s+/g, " ").trim(),
    ...(error?.details ?? []).map((d) => `  ${d.path}: ${d.message}`),
  ]);
}
