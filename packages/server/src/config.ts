/**
 * The server's settings, read once at start from the environment into one typed, validated object. A bad
 * setting stops the start with a message naming the variable, so nothing half-configured ever runs.
 */
import path from "node:path";
import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

const Environment = z.object({
  KAOPING_PORT: port.default(3000),
  KAOPING_HOST: z.string().min(1).default("127.0.0.1"),
  KAOPING_DATA_DIR: z.string().min(1).default("data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  KAOPING_DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case SQL identifier")
    .optional(),
  KAOPING_MODE: z.enum(["demo", "production"]).default("demo"),
  KAOPING_ADMIN_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,40}$/, "3–40 letters, digits, '.', '_' or '-'")
    .default("admin"),
  KAOPING_ADMIN_PASSWORD: z.string().min(12, "at least 12 characters").optional(),
  KAOPING_MAX_UPLOAD_MB: z.coerce.number().positive().max(2048).default(50),
  KAOPING_BODY_LIMIT_KB: z.coerce.number().int().min(16).max(65536).default(1024),
  KAOPING_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
  KAOPING_SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  KAOPING_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  KAOPING_LOGIN_LOCK_MINUTES: z.coerce.number().positive().max(1440).default(15),
  KAOPING_LOG: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  KAOPING_TRUST_PROXY: flag.default(false),
  KAOPING_WEB_DIR: z.string().min(1).optional(),
  KAOPING_JOB_WORKER: flag.default(true),
  KAOPING_JOB_STALE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  KAOPING_REMINDER_LEAD_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  KAOPING_REMINDER_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  KAOPING_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  KAOPING_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  KAOPING_MAIL_FROM: z.string().min(3).optional(),
  KAOPING_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+$/, "an origin such as https://kaoping.example.gov.cn, without a path")
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  /** Where PGlite keeps its database and the evidence store keeps files. */
  dataDir: string;
  /** A PostgreSQL server; without it the embedded PGlite database in `dataDir/db` is used. */
  databaseUrl: string | undefined;
  /** With DATABASE_URL: the schema to use (search_path) instead of the user's default; for tests. */
  databaseSchema?: string | undefined;
  /** demo: first start fills demo data and users; production: no demo users, an admin password is required. */
  mode: "demo" | "production";
  admin: { username: string; password: string | undefined };
  evidenceDir: string;
  maxUploadBytes: number;
  bodyLimitBytes: number;
  sessionHours: number;
  /** auto: Secure cookies when the request came over HTTPS (directly or, with trustProxy, via a proxy). */
  secureCookies: "auto" | boolean;
  login: { maxFailures: number; lockMinutes: number };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  trustProxy: boolean;
  /** The built web app to serve at / (default packages/web/dist); not served when it has no index.html. */
  webDir?: string | undefined;
  /**
   * Batch jobs: whether this process runs the worker, and after how long without a heartbeat a running job is
   * taken to be abandoned (its server died) and resumed by another worker.
   */
  jobs: { worker: boolean; staleSeconds: number };
  /**
   * Reminders (提醒): how many days ahead a deadline counts as approaching, how often the server looks (0: never,
   * e.g. on all but one of several servers), and the hour (Beijing time) from which the daily digest goes out.
   */
  reminders: { leadDays: number; intervalMinutes: number; digestHour: number };
  /** Reminder e-mail over SMTP; null: none is sent (nor kept to send later). */
  mail: { smtpUrl: string; from: string } | null;
  /** The origin printed in survey links and QR codes (满意度调查); unset: the origin of the request that issues them. */
  publicUrl?: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error / 配置错误:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Reads the environment (only the variables named above; anything else is ignored). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        return `${name}=${JSON.stringify(present[name] ?? "")}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (e.KAOPING_MODE === "production" && e.KAOPING_ADMIN_PASSWORD === undefined) {
    throw new ConfigError([
      "KAOPING_ADMIN_PASSWORD: required when KAOPING_MODE=production (production creates no demo users)",
    ]);
  }
  if ((e.KAOPING_SMTP_URL === undefined) !== (e.KAOPING_MAIL_FROM === undefined)) {
    throw new ConfigError([
      "KAOPING_SMTP_URL and KAOPING_MAIL_FROM: set both to send reminder e-mail, or neither",
    ]);
  }
  const dataDir = path.resolve(e.KAOPING_DATA_DIR);
  return {
    port: e.KAOPING_PORT,
    host: e.KAOPING_HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.KAOPING_DATABASE_SCHEMA,
    mode: e.KAOPING_MODE,
    admin: { username: e.KAOPING_ADMIN_USERNAME, password: e.KAOPING_ADMIN_PASSWORD },
    evidenceDir: path.join(dataDir, "evidence"),
    maxUploadBytes: Math.round(e.KAOPING_MAX_UPLOAD_MB * 1024 * 1024),
    bodyLimitBytes: e.KAOPING_BODY_LIMIT_KB * 1024,
    sessionHours: e.KAOPING_SESSION_HOURS,
    secureCookies: e.KAOPING_SECURE_COOKIES === "auto" ? "auto" : e.KAOPING_SECURE_COOKIES === "true",
    login: { maxFailures: e.KAOPING_LOGIN_MAX_FAILURES, lockMinutes: e.KAOPING_LOGIN_LOCK_MINUTES },
    logLevel: e.KAOPING_LOG,
    trustProxy: e.KAOPING_TRUST_PROXY,
    webDir: e.KAOPING_WEB_DIR === undefined ? undefined : path.resolve(e.KAOPING_WEB_DIR),
    jobs: { worker: e.KAOPING_JOB_WORKER, staleSeconds: e.KAOPING_JOB_STALE_SECONDS },
    reminders: {
      leadDays: e.KAOPING_REMINDER_LEAD_DAYS,
      intervalMinutes: e.KAOPING_REMINDER_INTERVAL_MINUTES,
      digestHour: e.KAOPING_DIGEST_HOUR,
    },
    mail:
      e.KAOPING_SMTP_URL === undefined || e.KAOPING_MAIL_FROM === undefined
        ? null
        : { smtpUrl: e.KAOPING_SMTP_URL, from: e.KAOPING_MAIL_FROM },
    publicUrl: e.KAOPING_PUBLIC_URL,
  };
}
