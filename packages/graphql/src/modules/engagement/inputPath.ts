import { InputError } from "@engagekit/core";

/**
 * Runs a core call on one GraphQL argument and names that argument in any
 * InputError's path, so a client reads `extensions.field` as a path into its
 * own variables (`input.playbook.2.touchpoints.0`), not into the core's
 * argument. Other errors pass through.
 */
export function underArgument<T>(argument: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError) throw new InputError(e.code, e.message, [argument, ...e.path], e.value);
    throw e;
  }
}
