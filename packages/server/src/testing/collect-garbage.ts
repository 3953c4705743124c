/** A full garbage collection on demand, so a test measures the memory still in use rather than garbage. */
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");

export const collectGarbage = vm.runInNewContext("gc") as () => void;
