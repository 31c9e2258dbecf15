/**
 * The most variable-length quantifiers (`*`, `+`, `?`, `{n,}`, `{n,m}` with m > n)
 * a `matches` pattern may hold. With this bound and no quantified group around
 * another variable quantifier or an alternation, backtracking is at most
 * polynomial of degree 4 in the input length.
 *
 * Rejected patterns (they can backtrack exponentially or are not regular): a
 * repeated group (upper bound > 1) that contains a variable quantifier
 * (`(a+)+`, `(a*b)*`, `(.+){2,}`, `(a?){20}`) or an alternation (`(a|aa)*`),
 * backreferences (`\1`, `\k<x>`), and more than this many variable quantifiers
 * (`a?a?a?a?a?aaaaa`). Patterns are at most 200 characters (schema); input strings
 * are not truncated.
 *
 * @category Segments
 * @example
 * MAX_VARIABLE_QUANTIFIERS // => 4
 */
export const MAX_VARIABLE_QUANTIFIERS = 4;

/** Why a pattern is unsafe (see {@link MAX_VARIABLE_QUANTIFIERS}), or undefined when it is accepted. */
export function regexProblem(pattern: string, flags: string): string | undefined {
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return "backreferences are not allowed";
  interface Group {
    variable: boolean;
    alternation: boolean;
  }
  const NESTED = "a repeated group may not contain a variable-length quantifier or an alternation (catastrophic backtracking)";
  const stack: Group[] = [{ variable: false, alternation: false }];
  let variableCount = 0;
  let i = 0;
  // The group that closed just before the current position, if the previous atom was a group.
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
      stack.push({ variable: false, alternation: false });
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
      if (g.variable) parent.variable = true;
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
    let lower = -1;
    let upper = -1;
    let len = 1;
    if (c === "*") [lower, upper] = [0, Infinity];
    else if (c === "+") [lower, upper] = [1, Infinity];
    else if (c === "?") [lower, upper] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        len = m[0].length;
        lower = Number(m[1]);
        upper = m[2] === undefined ? lower : m[3] === "" ? Infinity : Number(m[3]);
      }
    }
    if (lower >= 0) {
      if (pattern[i + len] === "?") len++; // lazy
      if (upper > 1 && lastGroup !== undefined && (lastGroup.variable || lastGroup.alternation)) return NESTED;
      if (upper > lower) {
        variableCount++;
        (stack[stack.length - 1] as Group).variable = true;
      }
      i += len;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
    i++;
  }
  if (variableCount > MAX_VARIABLE_QUANTIFIERS) return `at most ${MAX_VARIABLE_QUANTIFIERS} variable-length quantifiers (*, +, ?, {n,m}) are allowed`;
  return undefined;
}
