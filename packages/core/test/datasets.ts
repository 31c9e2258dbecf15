import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the large real data sets live: `$ENGAGEKIT_DATASETS`, or
 * `../shared/datasets` beside the repository. Users who clone the repo do not
 * have them; tests that need them skip with a clear message, except when
 * `ENGAGEKIT_REQUIRE_DATASETS=1` (set by `.ci/run`), where absence fails.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
export const datasetsRoot = process.env.ENGAGEKIT_DATASETS ?? resolve(repoRoot, "../shared/datasets");

/** Absolute path of a file under the datasets root, e.g. `datasetFile("cdnow/CDNOW_master.txt")`. */
export function datasetFile(relative: string): string {
  return join(datasetsRoot, relative);
}

/**
 * `true` when the file exists. When it is missing: throws if
 * `ENGAGEKIT_REQUIRE_DATASETS=1`, else warns once and returns `false`
 * so the caller can `describe.skipIf(!hasDataset(...))`.
 */
export function hasDataset(relative: string): boolean {
  const file = datasetFile(relative);
  if (existsSync(file)) return true;
  const message = `dataset ${relative} not found at ${file}; set ENGAGEKIT_DATASETS to the folder holding ../shared/datasets`;
  if (process.env.ENGAGEKIT_REQUIRE_DATASETS === "1") throw new Error(`${message} (required because ENGAGEKIT_REQUIRE_DATASETS=1)`);
  console.warn(`skipping: ${message}`);
  return false;
}
