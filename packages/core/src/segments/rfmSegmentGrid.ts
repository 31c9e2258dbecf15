/** The eleven named RFM segments of the default grid. */
export type RfmSegmentName =
  | "Champions"
  | "Loyal"
  | "Potential Loyalist"
  | "New"
  | "Promising"
  | "Need Attention"
  | "About to Sleep"
  | "At Risk"
  | "Cannot Lose Them"
  | "Hibernating"
  | "Lost";

/**
 * A recency × frequency-monetary grid: `cells[r − 1][fm − 1]` names the segment
 * of a customer with recency score r and FM score fm = round((f + m) / 2), both
 * 1–5 (halves round up).
 */
export interface RfmSegmentGrid {
  readonly cells: readonly (readonly string[])[];
}

/**
 * The usual R × FM grid of named RFM segments, as popularised by Putler's
 * "RFM Analysis For Successful Customer Segmentation"
 * (https://www.putler.com/rfm-analysis/) and reproduced in most RFM tutorials:
 * rows are the recency score R (1 = longest ago … 5 = most recent), columns the
 * average of the frequency and monetary scores. The cell boundaries here are
 * engagekit's reading of that published chart; pass your own `RfmSegmentGrid` to
 * change them.
 *
 * ```
 *        FM=1            FM=2                FM=3                FM=4              FM=5
 * R=5    New             Potential Loyalist  Potential Loyalist  Champions         Champions
 * R=4    Promising       Potential Loyalist  Potential Loyalist  Loyal             Champions
 * R=3    About to Sleep  Need Attention      Need Attention      Loyal             Loyal
 * R=2    Hibernating     Hibernating         At Risk             At Risk           Cannot Lose Them
 * R=1    Lost            Hibernating         At Risk             At Risk           Cannot Lose Them
 * ```
 *
 * @category Value
 * @example
 * defaultRfmSegmentGrid.cells[4]?.[4] // => "Champions"
 */
export const defaultRfmSegmentGrid: RfmSegmentGrid & { readonly cells: readonly (readonly RfmSegmentName[])[] } = {
  cells: [
    ["Lost", "Hibernating", "At Risk", "At Risk", "Cannot Lose Them"],
    ["Hibernating", "Hibernating", "At Risk", "At Risk", "Cannot Lose Them"],
    ["About to Sleep", "Need Attention", "Need Attention", "Loyal", "Loyal"],
    ["Promising", "Potential Loyalist", "Potential Loyalist", "Loyal", "Champions"],
    ["New", "Potential Loyalist", "Potential Loyalist", "Champions", "Champions"],
  ],
};

/** The segment names of the default grid, best first. */
export const defaultRfmSegmentNames: readonly RfmSegmentName[] = [
  "Champions",
  "Loyal",
  "Potential Loyalist",
  "New",
  "Promising",
  "Need Attention",
  "About to Sleep",
  "At Risk",
  "Cannot Lose Them",
  "Hibernating",
  "Lost",
];
