export * from "./four-specifics.js";
export * from "./lifecycle.js";
export * from "./overdue.js";
export * from "./recheck.js";
