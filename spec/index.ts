import type { Network } from "../src/net/network.js";
import type { ParityTask } from "../src/data/parity.js";
import type { Placement } from "./embed.js";
import { proposition1 } from "./proposition-1.js";
import { proposition2 } from "./proposition-2.js";
import { proposition3 } from "./proposition-3.js";
import { thresholdNetwork } from "./threshold-network.js";

export * from "./computes-parity.js";
export * from "./embed.js";
export * from "./proposition-1.js";
export * from "./proposition-2.js";
export * from "./proposition-3.js";
export * from "./threshold-network.js";

/** The constructions by the names the CLI and the certificates use. */
export type ConstructionName = "proposition-1" | "proposition-2" | "proposition-3" | "threshold";

export interface Construction {
  readonly name: ConstructionName;
  readonly title: string;
  /** The only k the construction is stated for, or null for every k ≥ 1. */
  readonly onlyK: number | null;
  build(k: number, placement?: Placement): { net: Network; task: ParityTask };
}

export const CONSTRUCTIONS: readonly Construction[] = [
  { name: "proposition-1", title: "Proposition 1 (2^k AND terms)", onlyK: null, build: (k, pl) => proposition1(k, pl) },
  { name: "proposition-2", title: "Proposition 2 (6 neurons)", onlyK: 3, build: (_k, pl) => proposition2(pl) },
  { name: "proposition-3", title: "Proposition 3 (4-neuron threshold)", onlyK: 3, build: (_k, pl) => proposition3(pl) },
  { name: "threshold", title: "generalised threshold network (k + 1 neurons)", onlyK: null, build: (k, pl) => thresholdNetwork(k, pl) },
];

export function constructionNamed(name: ConstructionName): Construction {
  const c = CONSTRUCTIONS.find((x) => x.name === name);
  if (!c) throw new RangeError(`unknown construction ${name}`);
  return c;
}
