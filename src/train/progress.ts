import cliProgress from "cli-progress";
import type { EpochReport } from "./train-seed.js";

/** Shows training progress: a bar per seed on a terminal, plain lines otherwise, nothing when quiet. */
export interface Progress {
  epoch(report: EpochReport): void;
  done(seed: number, note: string): void;
  stop(): void;
}

export type ProgressMode = "auto" | "bar" | "lines" | "none";

export function createProgress(mode: ProgressMode, seeds: readonly number[], epochs: number, stream: NodeJS.WriteStream = process.stdout): Progress {
  const resolved = mode === "auto" ? (stream.isTTY ? "bar" : "lines") : mode;
  if (resolved === "none") return { epoch() {}, done() {}, stop() {} };
  if (resolved === "lines") {
    // A line per seed at every tenth of the run keeps CI logs short but alive.
    const step = Math.max(1, Math.round(epochs / 10));
    return {
      epoch(r) {
        if (r.epoch % step === 0 || r.epoch === epochs) {
          stream.write(`seed ${r.seed}  epoch ${String(r.epoch).padStart(String(epochs).length)}/${epochs}  train acc ${r.train.acc.toFixed(3)}  test acc ${r.test.acc.toFixed(3)}  train loss ${r.train.loss.toFixed(4)}\n`);
        }
      },
      done(seed, note) {
        stream.write(`seed ${seed}  ${note}\n`);
      },
      stop() {},
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      format: "seed {seed} [{bar}] {value}/{total} epochs | train acc {train} | test acc {test}",
      hideCursor: true,
      clearOnComplete: false,
      stream,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map(seeds.map((s) => [s, multi.create(epochs, 0, { seed: s, train: "-", test: "-" })]));
  return {
    epoch(r) {
      bars.get(r.seed)?.update(r.epoch, { seed: r.seed, train: r.train.acc.toFixed(3), test: r.test.acc.toFixed(3) });
    },
    done() {},
    stop() {
      multi.stop();
    },
  };
}
