/**
 * two-circuits/testing: fast-check arbitraries and property helpers for testing
 * one-hidden-layer ReLU networks on sparse parity in your own suite. Needs fast-check
 * (a peer dependency of this subpath).
 */
export { signPattern } from "./sign-pattern.js";
export { parityTask, parityDataset, type ParityDatasetConstraints } from "./parity-dataset.js";
export { reluNetwork, defaultWeight, type ReluNetworkConstraints } from "./relu-network.js";
export { perturbedCheckpoint, type PerturbationConstraints } from "./perturbed-checkpoint.js";
export { activeSubnetworkEquivalence, type ActiveSubnetworkEquivalence } from "./active-subnetwork-equivalence.js";
export { pruningMonotonicity, type PruningMonotonicity } from "./pruning-monotonicity.js";
export { certifyParity } from "../audit/certify-parity.js";
export { certifyAgreement } from "../audit/certify-agreement.js";
export type { Certificate, Verdict } from "../audit/certificate.js";
export { loadNetwork } from "../io/checkpoint.js";
export { loadDatasetFile } from "../data/dataset-file.js";
