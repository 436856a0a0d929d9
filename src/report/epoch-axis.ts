/**
 * The log-scaled epoch axis of Figure 2. Epoch 0 (the initialisation) has no place on a
 * log axis, so the axis is symlog with constant 1: position ∝ log(1 + epoch), i.e. a log
 * axis of epoch + 1 whose ticks are labelled with the epoch itself.
 */
export const LOG_EPOCH_NOTE = "The epoch axis is logarithmic in (1 + epoch), so that epoch 0, the initialisation, is shown; ticks are labelled with the epoch.";

export function logTicks(max: number, start = 0): number[] {
  const ticks = start <= 0 ? [0] : [];
  for (let decade = 1; decade <= max; decade *= 10) for (const m of [1, 3]) if (m * decade <= max && m * decade >= start) ticks.push(m * decade);
  return ticks;
}

export function logEpochX(lastEpoch: number) {
  return {
    field: "epoch",
    type: "quantitative" as const,
    title: "epoch (log scale)",
    scale: { type: "symlog" as const, constant: 1, domain: [0, Math.max(1, lastEpoch)], nice: false },
    axis: { values: logTicks(lastEpoch), format: "d" },
  };
}

export function linearEpochX(lastEpoch: number) {
  return {
    field: "epoch",
    type: "quantitative" as const,
    title: "epoch",
    scale: { domain: [0, Math.max(1, lastEpoch)], nice: false },
  };
}
