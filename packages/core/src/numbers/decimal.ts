import { Decimal as DecimalJs } from "decimal.js";

/**
 * Decimal arithmetic for formulas and statistics: 40 significant digits, half-up (四舍五入). A private clone,
 * so nothing else in the process changes our precision or rounding.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = DecimalJs;
