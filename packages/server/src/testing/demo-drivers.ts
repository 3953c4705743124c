/**
 * The demo's S4 (县总工会年度考评) and S7 (标准化学校评估验收) campaigns on a test server: an administrator, then the
 * driver signed in through the in-process API on the server's test clock. Tests across modules start from these.
 */
import { type DriveS4Options, S4Driver } from "../demo/drive-s4.js";
import { type DriveS7Options, S7Driver } from "../demo/drive-s7.js";
import { ApiClient, TEST_PASSWORD } from "../http/in-process-client.js";
import { seedUser } from "./fixtures.js";
import type { TestServer } from "./test-services.js";

type Shared = "signIn" | "admin" | "password" | "clock";

async function asAdministrator(server: TestServer) {
  await seedUser(server.services, { username: "admin", grants: [{ role: "admin", organisation: null }] });
  return {
    signIn: (username: string) => ApiClient.login(server.app, username),
    admin: "admin",
    password: TEST_PASSWORD,
    clock: server.services.clock,
  };
}

export async function s4Driver(
  server: TestServer,
  options: Omit<DriveS4Options, Shared> = {},
): Promise<S4Driver> {
  return S4Driver.create({ ...(await asAdministrator(server)), ...options });
}

export async function s7Driver(
  server: TestServer,
  options: Omit<DriveS7Options, Shared> = {},
): Promise<S7Driver> {
  return S7Driver.create({ ...(await asAdministrator(server)), ...options });
}
