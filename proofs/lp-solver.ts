import GLPK, { type GLPK as Glpk, type LP } from "glpk.js/node";
import type { LinearSystem } from "./linear-system.js";

/**
 * The LP solver (glpk.js) asked two questions about a LinearSystem. Its answers are only
 * hints: a Farkas vector is re-derived and checked exactly (farkas.ts), and a solution is
 * checked exactly by whoever uses it.
 */
let glpk: Glpk | null = null;

export async function loadSolver(): Promise<void> {
  glpk ??= await GLPK();
}

function solver(): Glpk {
  if (!glpk) throw new Error("call loadSolver() first");
  return glpk;
}

const yName = (r: number) => `y${r}`;
const zName = (v: number) => `z${v}`;

/**
 * A Farkas vector candidate: max Σ c_r y_r subject to Σ_r y_r a_r = 0, y ≥ 0, Σ c_r y_r ≤ 1.
 * The optimum is 1 when the system is infeasible and 0 when it is feasible. Returns y (a
 * vertex of the simplex method), or null when the optimum is 0.
 */
export function farkasCandidate(sys: LinearSystem): number[] | null {
  const g = solver();
  const subjectTo: LP["subjectTo"] = [];
  for (let v = 0; v < sys.vars; v++) {
    const vars: { name: string; coef: number }[] = [];
    sys.rows.forEach((row, r) => {
      if (row.a[v] !== 0) vars.push({ name: yName(r), coef: row.a[v] });
    });
    if (vars.length) subjectTo.push({ name: `v${v}`, vars, bnds: { type: g.GLP_FX, lb: 0, ub: 0 } });
  }
  const objective = sys.rows.map((row, r) => ({ name: yName(r), coef: row.c })).filter((t) => t.coef !== 0);
  if (objective.length === 0) return null;
  subjectTo.push({ name: "norm", vars: objective, bnds: { type: g.GLP_UP, lb: 0, ub: 1 } });
  const bounds = sys.rows.map((_, r) => ({ name: yName(r), type: g.GLP_LO, lb: 0, ub: 0 }));
  const res = g.solve({ name: "farkas", objective: { direction: g.GLP_MAX, name: "obj", vars: objective }, subjectTo, bounds }, { msglev: g.GLP_MSG_OFF, presol: false });
  if (res.result.status !== g.GLP_OPT) throw new Error(`LP solver: unexpected status ${res.result.status} on the Farkas problem`);
  if (res.result.z < 0.5) return null;
  return sys.rows.map((_, r) => res.result.vars[yName(r)] ?? 0);
}

/** A point z with a_r · z ≥ c_r for every row (float, to be checked exactly), or null. */
export function feasiblePoint(sys: LinearSystem): number[] | null {
  const g = solver();
  const subjectTo: LP["subjectTo"] = sys.rows.map((row, r) => ({
    name: `r${r}`,
    vars: row.a.flatMap((coef, v) => (coef !== 0 ? [{ name: zName(v), coef }] : [])),
    bnds: { type: g.GLP_LO, lb: row.c, ub: 0 },
  }));
  const bounds = Array.from({ length: sys.vars }, (_, v) => ({ name: zName(v), type: g.GLP_FR, lb: 0, ub: 0 }));
  // Minimising Σ|z| is not needed; a small objective keeps the vertex bounded and tidy.
  const res = g.solve({ name: "primal", objective: { direction: g.GLP_MIN, name: "obj", vars: [{ name: zName(0), coef: 0 }] }, subjectTo, bounds }, { msglev: g.GLP_MSG_OFF, presol: false });
  if (res.result.status !== g.GLP_OPT && res.result.status !== g.GLP_FEAS) return null;
  return Array.from({ length: sys.vars }, (_, v) => res.result.vars[zName(v)] ?? 0);
}
