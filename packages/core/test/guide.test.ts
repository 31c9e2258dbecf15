import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@engagekit/core";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * docs/guide.md is executable: every ```ts block is an example that imports
 * from "@engagekit/core", and every `// → <JSON>` comment states the value of
 * the statement it ends. This test runs each block against the built core
 * (the package's dist, through its package name, as a user imports it),
 * compares each stated value (floats within 1e-9 relative), and type-checks
 * every block under the core's strict tsconfig, so an example that drifts
 * from the code fails here.
 *
 * How a block runs: its imports become look-ups in the modules the test
 * imported (the same module instances), each `expr; // → v` becomes
 * `__check(k, (expr));` (and `const x = …; // → v` records x), the result is
 * transpiled with TypeScript's transpileModule and run as an async function.
 * Blocks run with the repository root as working directory, as the guide
 * tells a reader to ("run from the repository root").
 *
 * Rules the harness enforces: a `// →` comment must end an expression
 * statement or a single-name declaration; its JSON may continue on the
 * following `//` lines; each must be evaluated at least once (a check inside
 * a branch that never runs fails); every ts block has at least one; and no
 * other kind of code block may carry one (it would go unchecked).
 */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");
const guidePath = resolve(repoRoot, "docs/guide.md");
const ARROW = "// →";
const RELATIVE_TOLERANCE = 1e-9;

interface Block {
  /** 0-based position among the guide's ts blocks. */
  readonly index: number;
  /** 1-based guide line of the block's first code line. */
  readonly line: number;
  /** The nearest heading above the block. */
  readonly heading: string;
  readonly source: string;
}

interface Expectation {
  readonly id: number;
  /** 1-based guide line of the `// →` comment. */
  readonly line: number;
  readonly statement: string;
  readonly expected: unknown;
}

interface Prepared {
  readonly js: string;
  readonly expectations: readonly Expectation[];
  readonly specifiers: readonly string[];
}

/** The ts code blocks of a markdown text, and the lines of other blocks that carry a `// →` (an error). */
function extractBlocks(markdown: string): { blocks: Block[]; uncheckedArrows: number[] } {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  const uncheckedArrows: number[] = [];
  let heading = "(top)";
  let fence: { lang: string; start: number; body: string[] } | null = null;
  lines.forEach((text, i) => {
    if (fence === null) {
      const open = /^```\s*([\w-]*)\s*$/.exec(text);
      if (open) fence = { lang: open[1] ?? "", start: i + 2, body: [] };
      else if (/^#{1,6} /.test(text)) heading = text.replace(/^#+ /, "").trim();
      return;
    }
    if (/^```\s*$/.test(text)) {
      if (fence.lang === "ts") blocks.push({ index: blocks.length, line: fence.start, heading, source: fence.body.join("\n") });
      else fence.body.forEach((b, k) => b.includes(ARROW) && uncheckedArrows.push(fence!.start + k));
      fence = null;
      return;
    }
    fence.body.push(text);
  });
  if (fence !== null) throw new Error(`unclosed code block opened at line ${(fence as { start: number }).start - 1}`);
  return { blocks, uncheckedArrows };
}

/** Rewrites one block into runnable JavaScript with its expectations (throws naming the guide line on a malformed one). */
function prepare(block: Block): Prepared {
  const src = block.source;
  const sf = ts.createSourceFile(`guide-block-${block.index}.ts`, src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const srcLines = src.split("\n");
  const where = (line0: number) => `docs/guide.md:${block.line + line0}`;

  // The statement ending last on each line: the one a trailing comment belongs to.
  const endingOn = new Map<number, ts.ExpressionStatement | ts.VariableStatement>();
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) {
      const line = sf.getLineAndCharacterOfPosition(node.end).line;
      const seen = endingOn.get(line);
      if (seen === undefined || node.end > seen.end) endingOn.set(line, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);

  const edits: { start: number; end: number; text: string }[] = [];
  const expectations: Expectation[] = [];
  const specifiers = new Set<string>();
  for (let l = 0; l < srcLines.length; l++) {
    const text = srcLines[l] as string;
    const at = text.indexOf(ARROW);
    if (at < 0) continue;
    const statement = endingOn.get(l);
    const commentPos = sf.getPositionOfLineAndCharacter(l, at);
    if (statement === undefined || statement.end > commentPos) {
      throw new Error(`${where(l)}: "${ARROW}" must follow an expression statement or a declaration on its line`);
    }
    let json = text.slice(at + ARROW.length).trim();
    let expected: unknown;
    for (let k = l; ; ) {
      try {
        expected = JSON.parse(json);
        break;
      } catch {
        const next = srcLines[k + 1];
        const more = next === undefined ? null : /^\s*\/\/(.*)$/.exec(next);
        if (more === null || (next as string).includes(ARROW)) throw new Error(`${where(l)}: the value after "${ARROW}" is not JSON: ${json}`);
        json += more[1];
        k++;
      }
    }
    const id = expectations.length;
    expectations.push({ id, line: block.line + l, statement: statement.getText(sf).replace(/\s+/g, " "), expected });
    if (ts.isExpressionStatement(statement)) {
      edits.push({ start: statement.getStart(sf), end: statement.end, text: `__check(${id}, (${statement.expression.getText(sf)}));` });
    } else {
      const decls = statement.declarationList.declarations;
      const name = decls.length === 1 ? decls[0]?.name : undefined;
      if (name === undefined || !ts.isIdentifier(name)) throw new Error(`${where(l)}: "${ARROW}" after a declaration needs exactly one plain name`);
      edits.push({ start: statement.end, end: statement.end, text: ` __check(${id}, ${name.text});` });
    }
  }

  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st)) continue;
    const spec = (st.moduleSpecifier as ts.StringLiteral).text;
    const clause = st.importClause;
    const mod = `__modules[${JSON.stringify(spec)}]`;
    const parts: string[] = [];
    if (clause !== undefined && !clause.isTypeOnly) {
      if (clause.name) parts.push(`const ${clause.name.text} = ${mod}.default;`);
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) parts.push(`const ${nb.name.text} = ${mod};`);
      if (nb && ts.isNamedImports(nb)) {
        const names = nb.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ? `${e.propertyName.getText(sf)}: ${e.name.text}` : e.name.text));
        if (names.length > 0) parts.push(`const { ${names.join(", ")} } = ${mod};`);
      }
    }
    if (parts.length > 0) specifiers.add(spec);
    edits.push({ start: st.getStart(sf), end: st.end, text: parts.join(" ") });
  }

  edits.sort((a, b) => b.start - a.start);
  let edited = src;
  let limit = Infinity;
  for (const e of edits) {
    if (e.end > limit) throw new Error(`docs/guide.md:${block.line}: nested "${ARROW}" checks cannot be rewritten; give the inner value its own statement`);
    edited = edited.slice(0, e.start) + e.text + edited.slice(e.end);
    limit = e.start;
  }
  const out = ts.transpileModule(edited, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
  });
  const syntax = out.diagnostics ?? [];
  if (syntax.length > 0) throw new Error(`docs/guide.md:${block.line}: ${ts.flattenDiagnosticMessageText(syntax[0]?.messageText ?? "", "\n")}`);
  return { js: `"use strict";\n${out.outputText}`, expectations, specifiers: [...specifiers] };
}

/** The JSON value of `value` as `JSON.stringify` sees it; typed arrays become arrays; what JSON cannot state throws. */
function toJson(value: unknown): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new Error(`${v} is not a JSON value; state a finite number`);
    if (v instanceof Map || v instanceof Set) throw new Error("a Map or Set is not a JSON value; state [...value] instead");
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
  if (text === undefined) throw new Error("undefined is not a JSON value");
  return JSON.parse(text) as unknown;
}

/** First difference between an actual and an expected JSON value, or null; numbers agree within 1e-9 relative. */
function difference(actual: unknown, expected: unknown, path = "$"): string | null {
  if (typeof actual === "number" && typeof expected === "number") {
    const ok = actual === expected || Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(Math.abs(actual), Math.abs(expected));
    return ok ? null : `${path}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    if (actual.length !== expected.length) return `${path}: expected ${expected.length} elements, got ${actual.length}: ${JSON.stringify(actual)}`;
    for (let i = 0; i < actual.length; i++) {
      const d = difference(actual[i], expected[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (typeof expected === "object" && expected !== null && typeof actual === "object" && actual !== null) {
    const a = Object.keys(actual).sort();
    const e = Object.keys(expected).sort();
    if (a.join("\u0000") !== e.join("\u0000")) return `${path}: expected keys ${JSON.stringify(e)}, got ${JSON.stringify(a)} in ${JSON.stringify(actual)}`;
    for (const k of e) {
      const d = difference((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<unknown>;

/** Runs a block and returns one message per failed expectation (empty when the block agrees with the code). */
async function runBlock(block: Block, modules: Readonly<Record<string, unknown>>): Promise<string[]> {
  const { js, expectations } = prepare(block);
  const seen = new Map<number, unknown[]>();
  const check = (id: number, value: unknown): void => {
    const list = seen.get(id) ?? [];
    list.push(value);
    seen.set(id, list);
  };
  try {
    await new AsyncFunction("__modules", "__check", js)(modules, check);
  } catch (e) {
    return [`docs/guide.md:${block.line} (${block.heading}): the block threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`];
  }
  const failures: string[] = [];
  if (expectations.length === 0) failures.push(`docs/guide.md:${block.line} (${block.heading}): the block states no "${ARROW}" value`);
  for (const x of expectations) {
    const values = seen.get(x.id);
    if (values === undefined) {
      failures.push(`docs/guide.md:${x.line}: \`${x.statement}\` was never evaluated`);
      continue;
    }
    for (const v of values) {
      let d: string | null;
      try {
        d = difference(toJson(v), x.expected);
      } catch (e) {
        d = (e as Error).message;
      }
      if (d !== null) failures.push(`docs/guide.md:${x.line}: \`${x.statement}\` ${d}`);
    }
  }
  return failures;
}

/** Imports every module the blocks name (the core by its package name, so the built dist is what runs). */
async function loadModules(blocks: readonly Block[]): Promise<Record<string, unknown>> {
  const modules: Record<string, unknown> = { "@engagekit/core": core };
  for (const b of blocks) for (const s of prepare(b).specifiers) modules[s] ??= await import(/* @vite-ignore */ s);
  return modules;
}

/** Type errors of the blocks under the core's tsconfig, each with its guide line. */
function typeErrors(blocks: readonly Block[]): string[] {
  const configPath = resolve(here, "../tsconfig.json");
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
  // Virtual files beside this test, so "@engagekit/core" resolves as it does for the test (to dist/*.d.ts).
  const files = new Map(blocks.map((b) => [resolve(here, `__guide__/block-${b.index}.ts`), b] as const));
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => files.get(resolve(f))?.source ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, onError, create) => {
    const b = files.get(resolve(f));
    return b ? ts.createSourceFile(f, b.source, lang, true, ts.ScriptKind.TS) : getSourceFile.call(host, f, lang, onError, create);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || files.has(resolve(d.file.fileName)))
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (d.file === undefined || d.start === undefined) return message;
      const b = files.get(resolve(d.file.fileName)) as Block;
      return `docs/guide.md:${b.line + d.file.getLineAndCharacterOfPosition(d.start).line}: TS${d.code} ${message}`;
    });
}

/**
 * Links of the guide outside code blocks that lead nowhere: a relative path that does not exist (from
 * docs/), or an anchor that is no heading's GitHub slug (lower case, punctuation dropped, spaces → "-").
 */
function brokenLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```\s*$/gm, "");
  const slugs = new Set(
    [...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) => (m[1] as string).trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-")),
  );
  const broken: string[] = [];
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1] as string;
    if (/^[a-z]+:/.test(target)) continue;
    const [file, anchor] = target.split("#") as [string, string | undefined];
    if (file !== "" && !existsSync(resolve(dirname(guidePath), file))) broken.push(target);
    else if (file === "" && anchor !== undefined && !slugs.has(anchor)) broken.push(target);
  }
  return broken;
}

const guideText = readFileSync(guidePath, "utf8");
const guide = extractBlocks(guideText);
let modules: Record<string, unknown> = {};
const startDir = process.cwd();

beforeAll(async () => {
  modules = await loadModules(guide.blocks);
  process.chdir(repoRoot);
});
afterAll(() => process.chdir(startDir));

describe("docs/guide.md", () => {
  it("should hold ts examples, each importing @engagekit/core, and no unchecked '// →' in other blocks", () => {
    expect(guide.blocks.length).toBeGreaterThanOrEqual(40);
    expect(guide.uncheckedArrows).toEqual([]);
    const without = guide.blocks.filter((b) => !/from "@engagekit\/core(\/[a-z]+)?";/.test(b.source)).map((b) => `docs/guide.md:${b.line}`);
    expect(without).toEqual([]);
  });

  it("should link only to files that exist and to headings of the guide", () => {
    expect(brokenLinks(guideText)).toEqual([]);
  });

  it.each(guide.blocks.map((b) => [`${b.heading} (docs/guide.md:${b.line})`, b] as const))("should agree with the code: %s", async (_name, block) => {
    expect(await runBlock(block, modules)).toEqual([]);
  });

  it("should type-check every example under the core's strict tsconfig", () => {
    expect(typeErrors(guide.blocks)).toEqual([]);
  }, 60_000);
});

describe("the guide harness", () => {
  const block = (source: string): Block => ({ index: 0, line: 1, heading: "self-check", source });
  const example = (body: string) => block(`import { netPromoterScore } from "@engagekit/core";\n${body}`);

  it("should report a stated value that the code does not give", async () => {
    const failures = await runBlock(example("netPromoterScore([10, 0]).score; // → 1"), modules);
    expect(failures).toEqual(["docs/guide.md:2: `netPromoterScore([10, 0]).score;` $: expected 1, got 0"]);
  });

  it("should accept floats within 1e-9 relative and no further", async () => {
    expect(await runBlock(example("0.1 + 0.2; // → 0.3\nconst x = 1 + 1e-12; // → 1"), modules)).toEqual([]);
    expect(await runBlock(example("1 + 1e-8; // → 1"), modules)).toHaveLength(1);
  });

  it("should compare whole values: keys, lengths and nested numbers", async () => {
    expect(await runBlock(example("netPromoterScore([10]).interval; // → { \"lower\": 100, \"upper\": 100, \"level\": 0.95 }"), modules)).toEqual([
      expect.stringContaining("expected keys"),
    ]);
    expect(await runBlock(example("[1, 2]; // → [1, 2, 3]"), modules)).toEqual([expect.stringContaining("expected 3 elements")]);
    expect(await runBlock(example("Float64Array.of(1.5, 2); // → [1.5,\n//   2]"), modules)).toEqual([]);
  });

  it("should report a check that never ran, a block that threw and values JSON cannot state", async () => {
    expect(await runBlock(example("if (Math.random() > 2) {\n  netPromoterScore([10]).score; // → 100\n}"), modules)).toEqual([expect.stringContaining("was never evaluated")]);
    expect(await runBlock(example("netPromoterScore([]).score; // → 0"), modules)).toEqual([expect.stringContaining("the block threw InputError")]);
    expect(await runBlock(example("1 / 0; // → null"), modules)).toEqual([expect.stringContaining("Infinity is not a JSON value")]);
    expect(await runBlock(example("new Map([[1, 2]]); // → {}"), modules)).toEqual([expect.stringContaining("Map or Set")]);
  });

  it("should refuse a '// →' that follows no statement, or whose value is not JSON", () => {
    expect(() => prepare(example("// → 1"))).toThrow(/must follow an expression statement/);
    expect(() => prepare(example("netPromoterScore([10]).score; // → about 100"))).toThrow(/is not JSON/);
  });

  it("should find a link to a missing file or heading", () => {
    expect(brokenLinks("# A b\n[x](#a-b) [y](#a-c) [z](../packages/core/src/nothing.ts) [w](../README.md)\n```ts\n[q](#in-code)\n```")).toEqual([
      "#a-c",
      "../packages/core/src/nothing.ts",
    ]);
  });

  it("should find type errors in an example", () => {
    expect(typeErrors([example('netPromoterScore(["10"]).score; // → 100')])).toEqual([expect.stringMatching(/^docs\/guide\.md:2: TS2322 /)]);
  });
});
