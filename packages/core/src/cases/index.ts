/** 案件办理: case types, a case's progress through its stages, and the rates measured from case counts. */
export * from "./case-progress.js";
export * from "./case-rates.js";
export * from "./case-type.js";
export * from "./case-type-templates.js";
