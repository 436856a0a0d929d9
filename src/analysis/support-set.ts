import { concatDatasets, type Dataset } from "../data/dataset.js";
import { loadDatasetFile } from "../data/dataset-file.js";
import { InputError } from "../errors.js";

/**
 * The support X on which active subnetworks are defined (paper §2.1: "the method assumes
 * a given support of input data"). The paper uses the training set; the test set, their
 * union, or the points of a dataset file (src/data/dataset-file.ts) may be asked for.
 */
export type SupportChoice = { readonly kind: "train" | "test" | "union" } | { readonly kind: "file"; readonly path: string };

export const DEFAULT_SUPPORT: SupportChoice = { kind: "train" };

/** `--support train|test|union|FILE`: anything but the three names is a file path. */
export function parseSupportChoice(value: string): SupportChoice {
  if (value === "train" || value === "test" || value === "union") return { kind: value };
  if (value.trim() === "") throw new InputError("--support: expected train, test, union or a dataset file");
  return { kind: "file", path: value };
}

/** How summary.json names the support: "train", "test", "union" or the file's path. */
export function supportLabel(choice: SupportChoice): string {
  return choice.kind === "file" ? choice.path : choice.kind;
}

/**
 * Where the support lies among the points one epoch's analysis evaluates: the training
 * set, then the test set, then the file's points if any. `mask[r]` = 1 when point r is in X.
 */
export interface ResolvedSupport {
  /** The points of the file, evaluated after train and test (null unless the support is a file). */
  readonly extra: Dataset | null;
  readonly mask: Uint8Array;
  /** X itself, as one dataset. */
  readonly points: Dataset;
}

export function resolveSupport(choice: SupportChoice, train: Dataset, test: Dataset, loadFile: (path: string) => Dataset = loadSupportFile): ResolvedSupport {
  const extra = choice.kind === "file" ? loadFile(choice.path) : null;
  if (extra !== null && extra.n !== train.n) throw new InputError(`--support ${supportLabel(choice)}: points have n = ${extra.n}, the run has n = ${train.n}`);
  const total = train.size + test.size + (extra?.size ?? 0);
  const mask = new Uint8Array(total);
  const mark = (from: number, to: number) => mask.fill(1, from, to);
  switch (choice.kind) {
    case "train":
      mark(0, train.size);
      break;
    case "test":
      mark(train.size, train.size + test.size);
      break;
    case "union":
      mark(0, train.size + test.size);
      break;
    case "file":
      mark(train.size + test.size, total);
      break;
  }
  const points = choice.kind === "train" ? train : choice.kind === "test" ? test : choice.kind === "union" ? concatDatasets(train, test) : extra!;
  return { extra, mask, points };
}

function loadSupportFile(path: string): Dataset {
  return loadDatasetFile(path, ["support", "train", "", "test"]).dataset;
}
