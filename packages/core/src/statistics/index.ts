export * from "./basic-balance.js";
export * from "./errors.js";
export * from "./indicators.js";
export * from "./quality-balance.js";
export type { Quantity } from "./quantity.js";
export * from "./school-record.js";
export * from "./section-cv.js";
export * from "./weighted-cv.js";
