/** @kaoping/server's public surface: start a server, open its database, verify its audit trail. */
export { type ChainProblem, type ChainReport, verifyAuditChain } from "./audit/audit-log.js";
export { type Config, ConfigError, parseConfig } from "./config.js";
export type { Services } from "./context.js";
export { type DatabaseLocation, type Db, type OpenDatabase, openDatabase } from "./db/open-database.js";
export { DEMO_PASSWORD, type DemoLogins, loadDemo } from "./demo/load-demo.js";
export { verifyStoredAuditChain } from "./modules/audit/verify-stored-chain.js";
export { bootstrap, databaseLocation, type RunningServer, startServer } from "./start-server.js";
