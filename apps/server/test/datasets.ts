import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The large real data sets (as in packages/core/test/datasets.ts): `$ENGAGEKIT_DATASETS` or
 * `../shared/datasets` beside the repository. Absent → a `skipping: dataset … not found` warning
 * and `false`, or a failure when `ENGAGEKIT_REQUIRE_DATASETS=1` (CI).
 */
export const datasetsRoot = process.env.ENGAGEKIT_DATASETS ?? resolve(import.meta.dirname, "../../../../shared/datasets");

export function datasetFile(relative: string): string {
  return join(datasetsRoot, relative);
}

export function hasDataset(relative: string): boolean {
  const file = datasetFile(relative);
  if (existsSync(file)) return true;
  const message = `dataset ${relative} not found at ${file}; set ENGAGEKIT_DATASETS to the folder holding ../shared/datasets`;
  if (process.env.ENGAGEKIT_REQUIRE_DATASETS === "1") throw new Error(`${message} (required because ENGAGEKIT_REQUIRE_DATASETS=1)`);
  console.warn(`skipping: ${message}`);
  return false;
}
