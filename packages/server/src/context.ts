/** Everything a use case may touch besides its input: the database, the clock, files and settings. */
import type { Config } from "./config.js";
import type { Db } from "./db/open-database.js";
import type { EvidenceStorage } from "./storage/evidence-storage.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Services {
  db: Db;
  config: Config;
  clock: Clock;
  storage: EvidenceStorage;
}
