import { createNetwork, type Network } from "../../src/net/network.js";

/**
 * The paper's constructions (App. D), embedded in {±1}^n on the support S: the
 * weights as printed in the paper, on the bits of S in order, zero elsewhere.
 */
function embed(n: number, support: readonly number[], rows: number[][], b: number[], u: number[]): Network {
  const net = createNetwork(n, rows.length);
  rows.forEach((r, i) => r.forEach((v, s) => (net.W[i * n + support[s]] = v)));
  net.b.set(b);
  net.u.set(u);
  return net;
}

/** Proposition 1: one AND neuron per pattern of S (weights ±1, bias 1 − k), output weight the pattern's parity. */
export function proposition1(n: number, support: readonly number[]): Network {
  const k = support.length;
  const rows: number[][] = [];
  const u: number[] = [];
  for (let t = 0; t < 2 ** k; t++) {
    const pattern: number[] = Array.from({ length: k }, (_, s) => ((t >> s) & 1 ? -1 : 1));
    rows.push(pattern);
    u.push(pattern.reduce((a, v) => a * v, 1));
  }
  return embed(n, support, rows, rows.map(() => 1 - k), u);
}

/** Proposition 2's six neurons. */
export function proposition2(n: number, support: readonly number[]): Network {
  return embed(
    n,
    support,
    [[-1, -1, 10], [-1, -1, 1], [1, 1, 1], [1, -1, -10], [-1, 1, -1], [1, -1, -1]],
    [-9, -2, -2, -9, -2, -2],
    [-1, 10, 10, -1, 10, 10],
  );
}

/** Proposition 3's four neurons on X = x_1 + x_2 + x_3 (h_1 = 1 is a bias-only neuron). */
export function proposition3(n: number, support: readonly number[]): Network {
  return embed(n, support, [[0, 0, 0], [1, 1, 1], [1, 1, 1], [-1, -1, -1]], [1, -1, 1, -1], [1, 2, -1, -1]);
}
