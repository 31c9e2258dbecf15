import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import type { BoundaryParameter, ConvergenceReport } from "../ConvergenceReport.js";
import type { FitOptions } from "../FitOptions.js";
import { bfgs } from "./bfgs.js";
import { symmetricEigen } from "./symmetricEigen.js";

/** Log-likelihood in natural parameters; writes ∂LL/∂p into `grad`. */
export type LogLikelihoodWithGradient = (params: Float64Array, grad: Float64Array) => number;

/** Result of {@link maximumLikelihood}. */
export interface MleResult {
  readonly params: Float64Array;
  readonly logLikelihood: number;
  /** Asymptotic standard errors from the observed information; `null` when it is not positive definite. */
  readonly standardErrors: Float64Array | null;
  readonly convergence: ConvergenceReport;
}

/** A parameter beyond 10^±6 times its natural scale has run to the boundary. */
const LOG_BOUND = Math.log(1e6);
/** Step, in log-parameters (unit direction), of the probes along flat directions. */
const PROBE_STEP = 4;
/**
 * Directions whose curvature (of −LL in log-parameters) is below this are probed: there the
 * quadratic model predicts a fall of less than 1 in LL at PROBE_STEP, too little to trust.
 */
const PROBE_CURVATURE = 2 / (PROBE_STEP * PROBE_STEP);
/** A change of LL smaller than this (plus round-off) over PROBE_STEP is "flat". */
const FLAT_LL = 1e-3;
/** A parameter takes part in a probed direction when its component is at least this (unit vector). */
const INVOLVED = 0.3;

/**
 * Maximises a log-likelihood over positive parameters by BFGS on log p
 * (unconstrained, and better scaled than p), then takes standard errors from
 * the numeric Hessian (forward differences of the analytic gradient) and checks
 * that the point is an interior maximum: no parameter beyond 10^±6 times its
 * `scale`, and along every direction of small curvature (eigenvectors of the
 * Hessian in log p) the log-likelihood falls when probed a step of 4 either way.
 * Otherwise the report lists the `boundary` parameters, says why in `warnings`,
 * and has `converged = false`. The probes cost nothing at a well-determined maximum.
 *
 * @param names - parameter names, in the order of `start` (used in messages and `boundary`)
 * @param scale - natural size of each parameter (default `start`): 1 for shapes, the data's time or money scale for scale parameters
 * @throws {InputError} `CLV.FIT_FAILED` when the log-likelihood is not finite at the start or the optimum is not finite (never returns NaN parameters)
 */
export function maximumLikelihood(
  fn: string, names: readonly string[], ll: LogLikelihoodWithGradient, start: Float64Array, n: number, options: FitOptions = {}, scale: Float64Array = start,
): MleResult {
  const k = start.length;
  const p = new Float64Array(k);
  const gp = new Float64Array(k);
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    for (let i = 0; i < k; i++) p[i] = Math.exp(theta[i] as number);
    const value = ll(p, gp);
    for (let i = 0; i < k; i++) grad[i] = -(gp[i] as number) * (p[i] as number);
    return -value;
  };
  const theta0 = new Float64Array(k);
  for (let i = 0; i < k; i++) theta0[i] = Math.log(start[i] as number);
  const maxIterations = options.maxIterations ?? 500;
  const gradientTolerance = options.gradientTolerance ?? 1e-8 * Math.max(1, n);
  const r = bfgs(objective, theta0, { maxIterations, gradientTolerance });
  const params = new Float64Array(k);
  for (let i = 0; i < k; i++) params[i] = Math.exp(r.x[i] as number);
  if (!Number.isFinite(r.f) || !r.gradient.every(Number.isFinite)) {
    // bfgs only ever accepts finite points, so this is the starting point.
    throw new InputError(
      ErrorCodes.FIT_FAILED,
      `${fn} requires data on which the likelihood has a finite maximum: the log-likelihood${Number.isFinite(r.f) ? "'s gradient" : ""} is not finite at the starting point ${describe(names, params)}`,
      ["data"], Array.from(params),
    );
  }
  const lost = params.findIndex((v) => !Number.isFinite(v) || v <= 0);
  if (lost >= 0) {
    throw new InputError(
      ErrorCodes.FIT_FAILED,
      `${fn} requires data on which the likelihood has a finite maximum: ${names[lost]} ran to ${params[lost] === 0 ? "0" : "∞"} beyond floating point (${r.message})`,
      ["data"], Array.from(params),
    );
  }
  const logLikelihood = -r.f;
  let gradientNorm = 0;
  for (let i = 0; i < k; i++) gradientNorm = Math.max(gradientNorm, Math.abs(r.gradient[i] as number));
  const g0 = Float64Array.from(params, (v, i) => -(r.gradient[i] as number) / v);
  const info = observedInformation(ll, params, g0);
  const se = standardErrors(info, k);

  // Is this an interior maximum? Both checks name the parameters involved.
  const toward = new Map<number, BoundaryParameter["toward"]>();
  const unidentified = new Set<number>();
  const warnings: string[] = [];
  for (let i = 0; i < k; i++) {
    const rel = Math.log((params[i] as number) / (scale[i] as number));
    if (Math.abs(rel) > LOG_BOUND) {
      toward.set(i, rel > 0 ? "infinity" : "zero");
      warnings.push(`${names[i]} = ${fmt(params[i] as number)} is beyond 10^${rel > 0 ? "" : "−"}6 times its natural scale ${fmt(scale[i] as number)}: it ran toward ${rel > 0 ? "∞" : "0"}`);
    }
  }
  let flat = false;
  // Hessian of −LL in log p: J = D·info·D + diag(∂(−LL)/∂ log p), D = diag(p).
  const J = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) J[i * k + j] = (params[i] as number) * (params[j] as number) * (info[i * k + j] as number);
    J[i * k + i] = (J[i * k + i] as number) + (r.gradient[i] as number);
  }
  if (!J.every(Number.isFinite)) {
    warnings.push("the observed information is not finite at the returned parameters: the curvature could not be checked");
  } else if (r.converged) {
    // Only where the optimiser claims a maximum: after an early stop LL rising somewhere is no news.
    const { values, vectors } = symmetricEigen(J, k);
    const q = new Float64Array(k);
    const scratch = new Float64Array(k);
    const tol = FLAT_LL + 1e-10 * Math.abs(logLikelihood);
    // ΔLL at log p + t·v (NaN when the likelihood is not finite there).
    const probe = (c: number, t: number): number => {
      for (let i = 0; i < k; i++) q[i] = (params[i] as number) * Math.exp(t * (vectors[i * k + c] as number));
      return ll(q, scratch) - logLikelihood;
    };
    for (let c = 0; c < k; c++) {
      if (!((values[c] as number) < PROBE_CURVATURE)) continue;
      const up = probe(c, PROBE_STEP);
      const down = probe(c, -PROBE_STEP);
      const finite = [up, down].filter(Number.isFinite);
      const involved: number[] = [];
      for (let i = 0; i < k; i++) if (Math.abs(vectors[i * k + c] as number) >= INVOLVED) involved.push(i);
      const who = involved.map((i) => names[i]).join(", ");
      if (finite.length === 0) {
        warnings.push(`the log-likelihood is not finite a step e^±${PROBE_STEP} away along ${who}, the direction of least curvature: the maximum could not be checked there`);
        continue;
      }
      const best = Math.max(...finite);
      if (best < -tol) continue; // LL falls both ways: a maximum along this direction
      flat = true;
      // The side with the higher LL; "directed" when LL rises that way or falls only the other way.
      const side = Number.isFinite(up) && (!Number.isFinite(down) || up >= down) ? 1 : -1;
      const other = side === 1 ? down : up;
      const directed = best > tol || other < -tol;
      const move = (i: number, s: number): string => `${names[i]} × e^${fmtExp(s * PROBE_STEP * (vectors[i * k + c] as number))}`;
      for (const i of involved) {
        // The way LL still rises; else the way the search has taken it from its start (by more than a
        // factor e); else the way LL stays level; else the data simply do not determine it.
        const moved = Math.log((params[i] as number) / (start[i] as number));
        const probed: BoundaryParameter["toward"] = side * (vectors[i * k + c] as number) > 0 ? "infinity" : "zero";
        let to: BoundaryParameter["toward"] | null = null;
        if (best > tol) to = probed;
        else if (Math.abs(moved) > 1) to = moved > 0 ? "infinity" : "zero";
        else if (directed) to = probed;
        if (to === null) unidentified.add(i);
        else if (!toward.has(i)) toward.set(i, to);
      }
      const way = involved.map((i) => move(i, side)).join(", ");
      warnings.push(
        best > tol
          ? `the log-likelihood still rises by ${fmt(best)} on moving ${way}: its supremum lies toward the boundary`
          : directed
            ? `the log-likelihood changes by only ${fmt(best)} on moving ${way} (and falls the other way): its supremum lies toward the boundary`
            : `the log-likelihood changes by at most ${fmt(Math.max(...finite.map(Math.abs)))} on moving ${way} or the opposite way: these data do not determine ${who}`,
      );
    }
  }
  if (se === null) warnings.push("standard errors unavailable: the observed information is not positive definite at the returned parameters");

  const boundary: BoundaryParameter[] = [...toward.entries()]
    .sort((u, v) => u[0] - v[0])
    .map(([i, to]) => ({ name: names[i] as string, value: params[i] as number, toward: to }));
  let message = r.message;
  if (boundary.length > 0) {
    message = `${boundary.map((b) => `${b.name} (${fmt(b.value)} → ${b.toward === "zero" ? "0" : "∞"})`).join(", ")} ran to the boundary: the likelihood has no interior maximum on these data`;
  } else if (unidentified.size > 0) {
    message = `the likelihood is flat along ${[...unidentified].sort((u, v) => u - v).map((i) => names[i]).join(", ")}: no unique maximum on these data`;
  }
  if (message !== r.message) warnings.push(`the optimiser stopped with: ${r.message}`);
  return {
    params,
    logLikelihood,
    standardErrors: se,
    convergence: {
      converged: r.converged && boundary.length === 0 && !flat,
      iterations: r.iterations,
      evaluations: r.evaluations,
      gradientNorm,
      message,
      boundary,
      warnings,
    },
  };
}

function describe(names: readonly string[], values: Float64Array): string {
  return `(${names.map((name, i) => `${name} = ${fmt(values[i] as number)}`).join(", ")})`;
}

/** Three significant digits, plain where short. */
function fmt(v: number): string {
  const a = Math.abs(v);
  return a === 0 || (a >= 1e-3 && a < 1e6) || !Number.isFinite(v) ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}

function fmtExp(v: number): string {
  return `${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(1)}`;
}

/**
 * Observed information −∂²LL/∂p² (k×k, symmetrised) by forward differences of the
 * analytic gradient (step 1e-6·p; relative error about 1e-6, ample for standard
 * errors and the curvature check). k extra gradient evaluations.
 */
function observedInformation(ll: LogLikelihoodWithGradient, params: Float64Array, g0: Float64Array): Float64Array {
  const k = params.length;
  const H = new Float64Array(k * k);
  const q = Float64Array.from(params);
  const gPlus = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const pj = params[j] as number;
    const h = 1e-6 * pj;
    q[j] = pj + h;
    ll(q, gPlus);
    q[j] = pj;
    for (let i = 0; i < k; i++) H[i * k + j] = -((gPlus[i] as number) - (g0[i] as number)) / h;
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const m = ((H[i * k + j] as number) + (H[j * k + i] as number)) / 2;
      H[i * k + j] = m;
      H[j * k + i] = m;
    }
  }
  return H;
}

/** √diag(info⁻¹) by Cholesky; null if `info` is not positive definite. */
function standardErrors(info: Float64Array, k: number): Float64Array | null {
  const L = cholesky(info, k);
  if (L === null) return null;
  const out = new Float64Array(k);
  const e = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    e.fill(0);
    e[c] = 1;
    const col = choleskySolve(L, k, e);
    out[c] = Math.sqrt(col[c] as number);
  }
  return out.every((v) => Number.isFinite(v)) ? out : null;
}

function cholesky(A: Float64Array, k: number): Float64Array | null {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = A[i * k + j] as number;
      for (let m = 0; m < j; m++) sum -= (L[i * k + m] as number) * (L[j * k + m] as number);
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * k + i] = Math.sqrt(sum);
      } else {
        L[i * k + j] = sum / (L[j * k + j] as number);
      }
    }
  }
  return L;
}

function choleskySolve(L: Float64Array, k: number, b: Float64Array): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i] as number;
    for (let m = 0; m < i; m++) sum -= (L[i * k + m] as number) * (y[m] as number);
    y[i] = sum / (L[i * k + i] as number);
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let m = i + 1; m < k; m++) sum -= (L[m * k + i] as number) * (x[m] as number);
    x[i] = sum / (L[i * k + i] as number);
  }
  return x;
}
