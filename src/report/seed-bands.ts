/**
 * Mean ± 1 standard deviation across seeds, per epoch (the shaded areas of the paper's
 * Figures 2 and 3). The standard deviation is the sample one (n − 1), as vega-lite's
 * `extent: "stdev"` computes it; with one seed it is 0. Epochs that only some seeds
 * reached (a diverged seed stops early) are averaged over the seeds that have them, and
 * `seeds` says how many. The band is clipped to [floor, ceiling] (quantities such as
 * accuracy cannot leave [0, 1]).
 */
export interface BandPoint {
  readonly epoch: number;
  readonly mean: number;
  readonly std: number;
  readonly lower: number;
  readonly upper: number;
  readonly seeds: number;
}

export interface Observation {
  readonly epoch: number;
  readonly value: number;
}

export function bandAcrossSeeds(observations: Iterable<Observation>, opts: { floor?: number; ceiling?: number } = {}): BandPoint[] {
  const byEpoch = new Map<number, number[]>();
  for (const { epoch, value } of observations) {
    let list = byEpoch.get(epoch);
    if (!list) byEpoch.set(epoch, (list = []));
    list.push(value);
  }
  const floor = opts.floor ?? -Infinity;
  const ceiling = opts.ceiling ?? Infinity;
  return [...byEpoch.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([epoch, values]) => {
      const n = values.length;
      const mean = values.reduce((s, v) => s + v, 0) / n;
      const std = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
      return { epoch, mean, std, lower: Math.max(floor, mean - std), upper: Math.min(ceiling, mean + std), seeds: n };
    });
}

/** Rounds to `digits` significant digits so that the data files and SVG paths stay small. */
export function round(value: number, digits = 5): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}
