#!/usr/bin/env node
/**
 * `kaoping-server`: the settings from the environment (a bad one: its message, exit 2), the database, the
 * bootstrap (production administrator or first-start demo), then HTTP until SIGINT or SIGTERM.
 */
import { type Config, ConfigError, parseConfig } from "./config.js";
import type { DemoLogins } from "./demo/load-demo.js";
import { type RunningServer, startServer } from "./start-server.js";

const ROLE_NAMES: Record<string, string> = {
  admin: "admin 系统管理员",
  organiser: "organiser 组织方",
  unit_head: "unit_head 单位负责人",
  unit_staff: "unit_staff 单位填报员",
  department_staff: "department_staff 责任单位",
  reviewer: "reviewer 评审专家",
  viewer: "viewer 领导查看",
};

function demoLines(url: string, demo: DemoLogins): string[] {
  const lines = [
    "",
    `Demo data loaded (first start on an empty database). Every demo user's password: ${demo.password}`,
    `演示数据已载入，所有演示账号的密码：${demo.password}`,
    `Sign in: POST ${url}/api/v1/auth/login {"username": "…", "password": "${demo.password}"}`,
  ];
  for (const role of Object.keys(ROLE_NAMES)) {
    const users = demo.users.filter((u) => u.role === role);
    if (users.length === 0) continue;
    lines.push(`  ${ROLE_NAMES[role]}`);
    for (const u of users) {
      const extra = u.password === undefined ? "" : `  password ${u.password}`;
      lines.push(`      ${u.username.padEnd(16)} ${u.displayName}${extra}`);
    }
  }
  return lines;
}

function startLines(config: Config, server: RunningServer): string[] {
  const lines = [
    `Kaoping server listening on ${server.url}`,
    `  API docs (OpenAPI): ${server.url}/api/docs`,
    `  database: ${server.database.description}`,
    `  mode: ${config.mode}`,
  ];
  const { admin, demo } = server.bootstrap;
  if (admin === "created") lines.push(`  administrator ${config.admin.username} created`);
  if (admin === "restored")
    lines.push(`  administrator ${config.admin.username} re-enabled as administrator`);
  if (demo !== null) lines.push(...demoLines(server.url, demo));
  else if (config.mode === "demo")
    lines.push("  demo data was loaded at the first start; demo users keep their passwords (see README)");
  return lines;
}

async function main(): Promise<number | null> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let server: RunningServer;
  try {
    server = await startServer(config);
  } catch (error) {
    process.stderr.write(`Kaoping server did not start / 服务未能启动: ${(error as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${startLines(config, server).join("\n")}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return null;
}

const code = await main();
if (code !== null) process.exit(code);
