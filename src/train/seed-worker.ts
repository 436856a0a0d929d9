import { parentPort, workerData } from "node:worker_threads";
import { trainSeed, type EpochReport } from "./train-seed.js";
import type { TrainConfig } from "./config.js";
import type { SeedRecord } from "../run/record.js";

/** Messages from a seed worker to the main thread. */
export type SeedWorkerMessage =
  | { type: "epoch"; report: EpochReport }
  | { type: "done"; record: SeedRecord }
  | { type: "error"; message: string };

export interface SeedWorkerInput {
  readonly config: TrainConfig;
  readonly seeds: readonly number[];
  readonly runDir: string;
  readonly resume: boolean;
}

if (parentPort) {
  const port = parentPort;
  const input = workerData as SeedWorkerInput;
  const post = (m: SeedWorkerMessage) => port.postMessage(m);
  port.on("message", (seed: number | null) => {
    if (seed === null) {
      port.close();
      return;
    }
    try {
      const record = trainSeed(input.config, seed, input.runDir, { resume: input.resume, hooks: { onEpoch: (report) => post({ type: "epoch", report }) } });
      post({ type: "done", record });
    } catch (e) {
      post({ type: "error", message: `seed ${seed}: ${(e as Error).message}` });
    }
  });
}
