#!/usr/bin/env node
// Before the tests: Debian's Chromium and a CJK font (browser tests), LibreOffice (every generated DOCX and XLSX is
// opened by it), pdftotext (poppler-utils, to read what LibreOffice printed) and unzip (to read our archives). As root, installs what is missing
// with apt-get; otherwise prints the command to run and exits 1. Never downloads a browser of its own.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

function onPath(command) {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function hasCjkFont() {
  if (existsSync("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")) return true;
  try {
    return execFileSync("fc-list", [":lang=zh"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

const TOOLS = [
  {
    what: "Chromium (/usr/bin/chromium)",
    present: () => existsSync("/usr/bin/chromium"),
    packages: ["chromium"],
  },
  { what: "a CJK font", present: hasCjkFont, packages: ["fonts-wqy-microhei"] },
  {
    what: "LibreOffice (soffice, Writer and Calc)",
    present: () =>
      onPath("soffice") &&
      existsSync("/usr/lib/libreoffice/program/libswlo.so") &&
      existsSync("/usr/lib/libreoffice/program/libsclo.so"),
    packages: ["libreoffice-writer-nogui", "libreoffice-calc-nogui"],
  },
  { what: "pdftotext (poppler-utils)", present: () => onPath("pdftotext"), packages: ["poppler-utils"] },
  {
    what: "unzip (an independent reader of the ZIP archives)",
    present: () => onPath("unzip"),
    packages: ["unzip"],
  },
];

const missing = TOOLS.filter((tool) => !tool.present());
if (missing.length === 0) {
  console.log(`test tools: ${TOOLS.map((t) => t.what).join(", ")} are installed`);
  process.exit(0);
}

const packages = missing.flatMap((tool) => tool.packages);
console.log(`test tools: missing ${missing.map((t) => t.what).join(", ")}`);
if (process.getuid?.() === 0) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
    stdio: "inherit",
    env,
  });
  const still = TOOLS.filter((tool) => !tool.present());
  if (still.length > 0) {
    console.error(`test tools: apt-get finished but ${still.map((t) => t.what).join(", ")} still missing`);
    process.exit(1);
  }
  console.log(`test tools: installed ${packages.join(" ")}`);
} else {
  console.error(`Install them as root, then run the tests again:
  apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`);
  process.exit(1);
}
