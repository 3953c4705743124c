/**
 * What the campaign drivers (drive-s4.ts, drive-s7.ts) share: reading a bundled scheme's files, signed-in sessions
 * kept per user, the check that a response is the expected one, and going from one stop to the next in order.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiClient, ApiResponse } from "../http/in-process-client.js";

/** A bundled scheme's source and sample units, from the repository's schemes/ folder (from src/ and dist/ alike). */
export function bundledScheme<Unit>(folder: string) {
  const base = new URL(`../../../../schemes/${folder}/`, import.meta.url);
  const read = (file: string) => readFileSync(fileURLToPath(new URL(file, base)), "utf8");
  return { source: () => read("scheme.yaml"), units: () => JSON.parse(read("units.json")) as Unit[] };
}

/** The body of an expected response; anything else stops the drive, naming the driver and the step. */
export function expectBody<T>(driver: string, step: string, response: ApiResponse<T>, status = 200): T {
  if (response.status !== status)
    throw new Error(`${driver} driver: ${step}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** One signed-in session per user, opened on first use; `reset` after the clock moved past their expiry. */
export class Sessions {
  private clients = new Map<string, ApiClient>();

  constructor(private readonly signIn: (username: string) => Promise<ApiClient>) {}

  async as(username: string): Promise<ApiClient> {
    let client = this.clients.get(username);
    if (client === undefined) {
      client = await this.signIn(username);
      this.clients.set(username, client);
    }
    return client;
  }

  reset(): void {
    this.clients.clear();
  }
}

/** Runs the steps after `state.reached` up to `stop` (inclusive), recording each stop as it is reached. */
export async function runStops<Stop extends string>(
  stops: readonly Stop[],
  state: { reached: Stop },
  stop: Stop,
  steps: Record<Stop, () => Promise<void>>,
): Promise<void> {
  while (stops.indexOf(state.reached) < stops.indexOf(stop)) {
    const next = stops[stops.indexOf(state.reached) + 1]!;
    await steps[next]();
    state.reached = next;
  }
}
