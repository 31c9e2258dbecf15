/**
 * One survey answer as the feedback metrics accept it: a number on the
 * question's scale, or `null` / `undefined` for a non-answer ("don't know",
 * skipped). Non-answers are counted separately and never enter a denominator.
 */
export type Response = number | null | undefined;
