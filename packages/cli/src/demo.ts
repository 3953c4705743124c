/** `npm run demo:cli`: the guided demo. The repository root is three levels above this file (packages/cli/dist). */
import { fileURLToPath } from "node:url";
import { runDemo } from "./demo-tour.js";
import { processIo } from "./io.js";

runDemo(processIo, fileURLToPath(new URL("../../../", import.meta.url)));
