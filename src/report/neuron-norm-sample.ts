/**
 * A readable subset of every neuron's norm trajectory (Figure 5, right). p = 1000 neurons
 * × 301 epochs is 301k points, too many for an SVG; we keep every s-th neuron by index
 * (an unbiased sample: most of them are driven to 0, as the paper says) plus the neurons
 * that must be visible, every t-th epoch plus the events, and the median over ALL
 * neurons at each kept epoch so that the sample's impression can be checked.
 */
export interface NormSource {
  readonly p: number;
  readonly lastEpoch: number;
  norms(epoch: number): Float64Array;
}

export interface NormSample {
  readonly epochs: readonly number[];
  readonly neuronStride: number;
  readonly epochStride: number;
  /** Sampled neurons, ascending (the stride sample ∪ the forced neurons). */
  readonly neurons: readonly number[];
  /** norms[i][j] = ‖W_neurons[i]‖₂ at epochs[j]. */
  readonly norms: readonly Float64Array[];
  /** The median of all p norms at each kept epoch. */
  readonly median: Float64Array;
}

function strideSample(count: number, max: number, forced: Iterable<number>): { stride: number; kept: number[] } {
  const stride = Math.max(1, Math.ceil(count / max));
  const kept = new Set<number>();
  for (let i = 0; i < count; i += stride) kept.add(i);
  for (const f of forced) if (Number.isInteger(f) && f >= 0 && f < count) kept.add(f);
  return { stride, kept: [...kept].sort((a, b) => a - b) };
}

function median(values: Float64Array): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function sampleNorms(source: NormSource, opts: { maxNeurons: number; maxEpochs: number; neurons?: Iterable<number>; epochs?: Iterable<number> }): NormSample {
  const epochSample = strideSample(source.lastEpoch + 1, opts.maxEpochs, [source.lastEpoch, ...(opts.epochs ?? [])]);
  const neuronSample = strideSample(source.p, opts.maxNeurons, opts.neurons ?? []);
  const norms = neuronSample.kept.map(() => new Float64Array(epochSample.kept.length));
  const med = new Float64Array(epochSample.kept.length);
  epochSample.kept.forEach((epoch, j) => {
    const all = source.norms(epoch);
    med[j] = median(all);
    neuronSample.kept.forEach((neuron, i) => (norms[i][j] = all[neuron]));
  });
  return { epochs: epochSample.kept, epochStride: epochSample.stride, neuronStride: neuronSample.stride, neurons: neuronSample.kept, norms, median: med };
}
