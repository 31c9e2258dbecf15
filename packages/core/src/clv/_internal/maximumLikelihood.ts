import { ErrorCodes } from "../../errors/codes.js";
import { InputError } from "../../errors/InputError.js";
import type { ConvergenceReport } from "../ConvergenceReport.js";
import type { FitOptions } from "../FitOptions.js";
import { bfgs } from "./bfgs.js";

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

/**
 * Maximises a log-likelihood over positive parameters by BFGS on log p
 * (unconstrained, and better scaled than p), then takes standard errors from
 * the numeric Hessian (central differences of the analytic gradient).
 *
 * @throws {InputError} `CLV.FIT_FAILED` when the optimum is not finite (never returns NaN parameters)
 */
export function maximumLikelihood(fn: string, ll: LogLikelihoodWithGradient, start: Float64Array, n: number, options: FitOptions = {}): MleResult {
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
  if (!Number.isFinite(r.f) || params.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new InputError(ErrorCodes.FIT_FAILED, `${fn} requires data on which the likelihood has a finite maximum (${r.message})`, ["data"], Array.from(params));
  }
  let gradientNorm = 0;
  for (let i = 0; i < k; i++) gradientNorm = Math.max(gradientNorm, Math.abs(r.gradient[i] as number));
  // A flat objective far out in log-space is a supremum at the boundary, not a maximum.
  let converged = r.converged;
  let message = r.message;
  const boundary = params.findIndex((v) => v > 1e6 || v < 1e-6);
  if (boundary >= 0) {
    converged = false;
    message = `parameter ${boundary} ran to the boundary (${params[boundary]}): the likelihood has no interior maximum on these data`;
  }
  return {
    params,
    logLikelihood: -r.f,
    standardErrors: standardErrors(ll, params, Float64Array.from(params, (p, i) => -(r.gradient[i] as number) / p)),
    convergence: { converged, iterations: r.iterations, evaluations: r.evaluations, gradientNorm, message },
  };
}

/**
 * √diag((−H)⁻¹) with H the Hessian of LL by forward differences of the
 * analytic gradient (step 1e-6·p; relative error about 1e-6, ample for
 * standard errors); null if −H is not positive definite.
 */
function standardErrors(ll: LogLikelihoodWithGradient, params: Float64Array, g0: Float64Array): Float64Array | null {
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
  // Symmetrise, then invert the information matrix by Cholesky.
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const m = ((H[i * k + j] as number) + (H[j * k + i] as number)) / 2;
      H[i * k + j] = m;
      H[j * k + i] = m;
    }
  }
  const L = cholesky(H, k);
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
