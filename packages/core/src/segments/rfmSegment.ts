import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { defaultRfmSegmentGrid, type RfmSegmentGrid } from "./rfmSegmentGrid.js";

function assertScore(name: string, s: number): void {
  if (!Number.isInteger(s) || s < 1 || s > 5) {
    throw new InputError(ErrorCodes.OUT_OF_RANGE, `rfmSegment requires an integer ${name} score in 1–5, got ${s}`, [name], s);
  }
}

/**
 * The named RFM segment of scores (r, f, m): the cell of the R × FM grid at row r
 * and column fm = round((f + m) / 2), halves rounded up.
 *
 * Range: one of the grid's names (for the default grid, the eleven segments from
 * Champions to Lost). O(1).
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` for a score that is not an integer in 1–5;
 *   `METRIC.INVALID_OPTION` for a grid that is not 5 × 5
 * @category Value
 * @example
 * rfmSegment(5, 5, 4) // => "Champions"
 * rfmSegment(1, 1, 1) // => "Lost"
 */
export function rfmSegment(r: number, f: number, m: number, grid: RfmSegmentGrid = defaultRfmSegmentGrid): string {
  assertScore("r", r);
  assertScore("f", f);
  assertScore("m", m);
  const fm = Math.floor((f + m) / 2 + 0.5);
  const name = grid.cells[r - 1]?.[fm - 1];
  if (name === undefined) throw new InputError(ErrorCodes.INVALID_OPTION, "rfmSegment requires a 5 × 5 grid of names", ["grid", "cells", r - 1, fm - 1], grid);
  return name;
}
