import { createConditionRegistry, type ConditionRegistry } from "../ConditionRegistry.js";
import type { SegmentOptions } from "../SegmentOptions.js";

let defaultRegistry: ConditionRegistry | undefined;
/** The registry used when none is passed (built once; registries are immutable). */
export function registryOf(options: SegmentOptions): ConditionRegistry {
  if (options.registry !== undefined) return options.registry;
  defaultRegistry ??= createConditionRegistry();
  return defaultRegistry;
}

