/**
 * Linear bounds on f over a node of the cube search, tighter than the sum of per-neuron
 * intervals because they keep the dependence between neurons (the relaxation of
 * DeepPoly, Singh et al. 2019). Over the node neuron i's pre-activation is
 * z_i = c_i + Σ_free w_ij x_j ∈ [l_i, h_i]; a neuron with l_i ≥ 0 is linear (σ(z) = z);
 * a straddling one satisfies α·z ≤ σ(z) ≤ s·(z − l) with s ≥ h/(h − l) and α ∈ {0, 1}.
 * Summing u_i times the matching side gives affine functions of the free bits, whose
 * range over ±1 is the constant ± Σ_j |coefficient_j|.
 *
 * Rounding: every quantity below is a sum or product of floats; the error of the whole
 * computation is at most γ_K times the sum of the magnitudes involved (K the longest
 * chain of operations, p + n + 8 here), plus |k_i|·δ_i for the error of each c_i, plus
 * an absolute term for underflow. The margin returned is three times that.
 */
export interface RelaxationInput {
  readonly n: number;
  readonly p: number;
  readonly u: Float64Array;
  /** Pre-activation centres at this depth: C[d·p + i]. */
  readonly C: Float64Array;
  /** Σ_{e ≥ d} |WT[e·p + i]|. */
  readonly RT: Float64Array;
  /** Weight of neuron i on the e-th branched bit: WT[e·p + i]. */
  readonly WT: Float64Array;
  readonly delta: Float64Array;
  /** Neurons that may be on at this node. */
  readonly live: Int32Array;
  readonly liveFrom: number;
  readonly liveCount: number;
}

const U = 2 ** -53;

export class LinearRelaxation {
  private readonly coefLo: Float64Array;
  private readonly coefHi: Float64Array;

  constructor(n: number) {
    this.coefLo = new Float64Array(n);
    this.coefHi = new Float64Array(n);
  }

  /** Bounds [lo, hi] on Σ_{i selected} u_i σ(z_i) over the node at depth d, and their margin ε. */
  bounds(s: RelaxationInput, d: number, selected: Uint8Array | null): { lo: number; hi: number; eps: number } {
    const { n, p, u, C, RT, WT, delta } = s;
    const cLo = this.coefLo;
    const cHi = this.coefHi;
    cLo.fill(0, d, n);
    cHi.fill(0, d, n);
    let constLo = 0;
    let constHi = 0;
    let magnitude = 0;
    let cError = 0;
    let any = false;
    for (let q = 0; q < s.liveCount; q++) {
      const i = s.live[s.liveFrom + q];
      if (selected !== null && !selected[i]) continue;
      const ui = u[i];
      if (ui === 0) continue;
      const c = C[d * p + i];
      const r = RT[d * p + i];
      const di = delta[i];
      const h = c + r + di;
      if (h <= 0) continue;
      any = true;
      const l = c - r - di;
      // Slopes of the upper side (kU on z, with offset oU) and of the lower side (kL, oL), times u_i.
      let kHi: number, kLo: number, oHi: number, oLo: number;
      if (l >= 0) {
        kHi = kLo = ui;
        oHi = oLo = 0;
      } else {
        const slope = (h / (h - l)) * (1 + 4 * U);
        const alpha = h > -l ? 1 : 0;
        if (ui > 0) {
          kHi = ui * slope;
          oHi = -ui * slope * l;
          kLo = ui * alpha;
          oLo = 0;
        } else {
          kHi = ui * alpha;
          oHi = 0;
          kLo = ui * slope;
          oLo = -ui * slope * l;
        }
      }
      constHi += kHi * c + oHi;
      constLo += kLo * c + oLo;
      const kMax = Math.max(Math.abs(kHi), Math.abs(kLo));
      magnitude += kMax * (Math.abs(c) + r + Math.abs(l)) + Math.abs(oHi) + Math.abs(oLo);
      cError += kMax * di;
      for (let e = d; e < n; e++) {
        const w = WT[e * p + i];
        cHi[e] += kHi * w;
        cLo[e] += kLo * w;
      }
    }
    if (!any) return { lo: 0, hi: 0, eps: 0 };
    let spreadHi = 0;
    let spreadLo = 0;
    for (let e = d; e < n; e++) {
      spreadHi += Math.abs(cHi[e]);
      spreadLo += Math.abs(cLo[e]);
    }
    const eps = 3 * ((p + n + 8) * U * magnitude + cError) + (2 * p * (n + 2) + 8) * Number.MIN_VALUE;
    return { lo: constLo - spreadLo, hi: constHi + spreadHi, eps };
  }
}
