/**
 * Why a pattern is unsafe to run on arbitrary trait strings, or undefined when it is accepted.
 *
 * Rejected (they can backtrack exponentially or are not regular): a quantified
 * group that contains an unbounded quantifier (`(a+)+`, `(a*b)*`, `(.+){2,}`) or an
 * alternation (`(a|aa)*`), backreferences (`\1`, `\k<x>`), and more than
 * {@link MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers in total, which bounds the
 * polynomial backtracking of sequences like `a*a*a*a*b`.
 */
export const MAX_UNBOUNDED_QUANTIFIERS = 3;

export function regexProblem(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return "backreferences are not allowed";
  interface Group {
    unbounded: boolean;
    alternation: boolean;
  }
  const stack: Group[] = [{ unbounded: false, alternation: false }];
  let unboundedCount = 0;
  let i = 0;
  // Whether the atom just closed was a group, and what it contained.
  let lastGroup: Group | undefined;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "\\") {
      i += 2;
      lastGroup = undefined;
      continue;
    }
    if (c === "[") {
      i++;
      if (pattern[i] === "^") i++;
      if (pattern[i] === "]") i++;
      while (i < pattern.length && pattern[i] !== "]") i += pattern[i] === "\\" ? 2 : 1;
      i++;
      lastGroup = undefined;
      continue;
    }
    if (c === "(") {
      stack.push({ unbounded: false, alternation: false });
      i++;
      if (pattern[i] === "?") {
        // (?: (?= (?! (?<= (?<! (?<name>
        i++;
        if (pattern[i] === "<" && pattern[i + 1] !== "=" && pattern[i + 1] !== "!") {
          while (i < pattern.length && pattern[i] !== ">") i++;
        }
        i++;
      }
      lastGroup = undefined;
      continue;
    }
    if (c === ")") {
      const g = stack.pop() as Group;
      const parent = stack[stack.length - 1] as Group;
      if (g.unbounded) parent.unbounded = true;
      lastGroup = g;
      i++;
      continue;
    }
    if (c === "|") {
      (stack[stack.length - 1] as Group).alternation = true;
      i++;
      lastGroup = undefined;
      continue;
    }
    let q: "unbounded" | "bounded" | undefined;
    let len = 1;
    if (c === "*" || c === "+") q = "unbounded";
    else if (c === "?") q = "bounded";
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        len = m[0].length;
        const upper = m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3]);
        q = upper === Infinity ? "unbounded" : "bounded";
        if (q === "bounded" && upper > 1 && lastGroup && (lastGroup.unbounded || lastGroup.alternation)) {
          return "a repeated group may not contain an unbounded quantifier or an alternation (catastrophic backtracking)";
        }
      }
    }
    if (q !== undefined) {
      if (pattern[i + len] === "?") len++;
      if (q === "unbounded") {
        unboundedCount++;
        if (lastGroup && (lastGroup.unbounded || lastGroup.alternation)) {
          return "a repeated group may not contain an unbounded quantifier or an alternation (catastrophic backtracking)";
        }
        (stack[stack.length - 1] as Group).unbounded = true;
      }
      i += len;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
    i++;
  }
  if (unboundedCount > MAX_UNBOUNDED_QUANTIFIERS) return `at most ${MAX_UNBOUNDED_QUANTIFIERS} unbounded quantifiers (*, +, {n,}) are allowed`;
  return undefined;
}
