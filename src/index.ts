/**
 * two-circuits: the library behind the CLI. One network type and one dataset type run
 * through training, analysis, proofs and audits alike.
 */
export * from "./errors.js";
export * from "./net/network.js";
export { pytorchDefaultInit } from "./net/init.js";
export * from "./data/dataset.js";
export * from "./data/parity.js";
export { loadDatasetFile, readDataset, serializeDatasets } from "./data/dataset-file.js";
export { RandomStream } from "./random/stream.js";
export { loadNetwork, saveNetwork, networkFromSafetensors, networkToSafetensors, PYTORCH_NAMES, type TensorNames } from "./io/checkpoint.js";

export { PAPER_CONFIG, TrainConfigSchema, validateConfig, taskFor, type TrainConfig } from "./train/config.js";
export { trainBatches, measure, measureSets } from "./train/kernel.js";
export { referenceStep, referenceMetrics, type Hyper, type Metrics } from "./train/reference.js";
export { trainSeed, epochBatches } from "./train/train-seed.js";
export { runTraining, type TrainOptions } from "./train/run-training.js";
export { replay, loadReplay } from "./train/replay.js";

export { openRun, type Run, type SeedRun } from "./run/run-reader.js";
export { TrajectoryReader } from "./run/trajectory.js";
export { memorizationEpoch, grokkingEpoch, type SeedRecord, type RunSummary } from "./run/record.js";

export { effectiveSparsity, activeSubnetwork, pruningProfile, type EffectiveSparsity, type SparsityDefinition } from "./analysis/active-subnetwork.js";
export { analyzeRunDir } from "./analysis/analyze-run.js";
export { writeReport } from "./report/write-report.js";

export { auditNetwork } from "./audit/audit-network.js";
export { certifyParity } from "./audit/certify-parity.js";
export { certifyAgreement } from "./audit/certify-agreement.js";
export { classifyCircuit, type CircuitClass } from "./audit/classify-circuit.js";
