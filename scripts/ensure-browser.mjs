#!/usr/bin/env node
// Before the browser tests: Debian's Chromium and a CJK font must be installed. As root, installs them with apt-get;
// otherwise prints what to install and exits 1. Never downloads a browser of its own.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
const FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const PACKAGES = ["chromium", "fonts-wqy-microhei"];

function hasCjkFont() {
  if (existsSync(FONT_FILE)) return true;
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push(`Chromium (${CHROMIUM})`);
if (!hasCjkFont()) missing.push("a CJK font (fonts-wqy-microhei)");
if (missing.length === 0) {
  console.log(`browser tests: ${CHROMIUM} and a CJK font are installed`);
  process.exit(0);
}

console.log(`browser tests: missing ${missing.join(" and ")}`);
if (process.getuid?.() === 0) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...PACKAGES], {
    stdio: "inherit",
    env,
  });
  if (!existsSync(CHROMIUM) || !hasCjkFont()) {
    console.error("browser tests: apt-get finished but Chromium or the CJK font is still missing");
    process.exit(1);
  }
  console.log("browser tests: installed Chromium and the CJK font");
} else {
  console.error(`Install them as root, then run the browser tests again:
  apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}`);
  process.exit(1);
}
