/**
 * Objective for {@link bfgs}: returns f(x) and writes ∇f(x) into `grad`.
 * A non-finite return value means "outside the domain"; the line search backs off.
 */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Stop when max |∇f| ≤ this (absolute, in the units of f per unit of x). */
  readonly gradientTolerance: number;
  /** Stop after this many iterations (not converged). */
  readonly maxIterations: number;
}

/** What {@link bfgs} found and how. */
export interface BfgsResult {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly message: string;
}

const C1 = 1e-4;
const C2 = 0.9;

/**
 * Dense BFGS with a weak-Wolfe bisection line search (Lewis & Overton 2013),
 * identity-scaled start (Nocedal & Wright 2006, eq. 6.20). Deterministic: no
 * randomness, fixed operation order. Intended for a handful of parameters.
 */
export function bfgs(objective: Objective, x0: Float64Array, options: BfgsOptions): BfgsResult {
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f) || !allFinite(g)) {
    return { x, f, gradient: g, iterations: 0, evaluations, converged: false, message: "objective is not finite at the starting point" };
  }
  const H = identity(n);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let first = true;
  let stalled = 0;
  for (let iter = 0; iter < options.maxIterations; iter++) {
    if (maxAbs(g) <= options.gradientTolerance) {
      return { x, f, gradient: g, iterations: iter, evaluations, converged: true, message: "gradient below tolerance" };
    }
    // d = −H g
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc -= (H[i * n + j] as number) * (g[j] as number);
      d[i] = acc;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Lost descent (round-off in H): restart from steepest descent.
      resetIdentity(H, n);
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
      first = true;
    }
    // Weak-Wolfe bisection / doubling line search.
    let step = first ? Math.min(1, 1 / Math.max(1e-300, maxAbs(g))) : 1;
    let lo = 0;
    let hi = Infinity;
    let fNew = NaN;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
      fNew = objective(xNew, gNew);
      evaluations++;
      if (!Number.isFinite(fNew) || !allFinite(gNew) || fNew > f + C1 * step * slope) {
        hi = step;
      } else if (dot(gNew, d) < C2 * slope) {
        lo = step;
      } else {
        accepted = true;
        break;
      }
      step = hi === Infinity ? 2 * lo : (lo + hi) / 2;
      // Stop bisecting once the predicted decrease is below the round-off of f.
      if (hi - lo < 1e-16 * Math.max(1, lo) || -step * slope < 1e-15 * Math.max(1, Math.abs(f))) break;
    }
    if (!accepted) {
      // Accept a sufficient-decrease point even if curvature failed; else stop.
      if (lo > 0) {
        step = lo;
        for (let i = 0; i < n; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
        fNew = objective(xNew, gNew);
        evaluations++;
      } else {
        // No step decreases f: if a full quasi-Newton step would gain less than
        // round-off, we are at the optimum to machine precision.
        const stationary = -slope < 1e-10 * Math.max(1, Math.abs(f));
        return {
          x, f, gradient: g, iterations: iter, evaluations, converged: stationary,
          message: stationary ? "objective stationary at machine precision" : "line search failed",
        };
      }
    }
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      y[i] = (gNew[i] as number) - (g[i] as number);
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (first) {
        // Scale the initial inverse Hessian to the curvature just seen.
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) H[i] = (H[i] as number) * scale;
        first = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += (H[i * n + j] as number) * (y[j] as number);
        Hy[i] = acc;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const si = s[i] as number;
          const sj = s[j] as number;
          H[i * n + j] = (H[i * n + j] as number) - rho * ((Hy[i] as number) * sj + si * (Hy[j] as number)) + (rho * rho * yHy + rho) * si * sj;
        }
      }
    }
    const fPrev = f;
    x = Float64Array.from(xNew);
    g = Float64Array.from(gNew);
    f = fNew;
    // Stop when f no longer moves at machine precision for a few iterations.
    if (Math.abs(fPrev - f) <= 1e-15 * Math.max(1, Math.abs(f))) stalled++;
    else stalled = 0;
    if (stalled >= 3) {
      const ok = maxAbs(g) <= Math.sqrt(options.gradientTolerance);
      return {
        x, f, gradient: g, iterations: iter + 1, evaluations, converged: ok,
        message: ok ? "objective stationary at machine precision" : "objective stalled with a large gradient",
      };
    }
  }
  const ok = maxAbs(g) <= options.gradientTolerance;
  return { x, f, gradient: g, iterations: options.maxIterations, evaluations, converged: ok, message: ok ? "gradient below tolerance" : "iteration limit reached" };
}

function identity(n: number): Float64Array {
  const H = new Float64Array(n * n);
  resetIdentity(H, n);
  return H;
}

function resetIdentity(H: Float64Array, n: number): void {
  H.fill(0);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
}

function dot(a: Float64Array, b: Float64Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i++) acc += (a[i] as number) * (b[i] as number);
  return acc;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i] as number)) return false;
  return true;
}
