/** A binary download as a signed-in user, in-process: the bytes as sent (ApiClient reads bodies as text). */
import type { Api } from "../http/api.js";
import { TEST_PASSWORD } from "../http/in-process-client.js";

export async function downloadAs(app: Api, username: string, url: string) {
  const login = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { username, password: TEST_PASSWORD },
  });
  const session = login.cookies.find((c) => c.name === "kaoping_session");
  if (session === undefined) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
  const response = await app.inject({
    method: "GET",
    url: `/api/v1${url}`,
    cookies: { kaoping_session: session.value },
  });
  return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
}
