/**
 * A labelled set of points of the cube {±1}^n: the one dataset type of two-circuits.
 */
export interface Dataset {
  readonly n: number;
  /** Number of points. */
  readonly size: number;
  /** Points, `size` rows of n entries ±1, row-major. */
  readonly X: Int8Array;
  /** Labels ±1. */
  readonly y: Int8Array;
}

export function datasetRow(data: Dataset, r: number): Int8Array {
  return data.X.subarray(r * data.n, (r + 1) * data.n);
}

/** The rows `rows` of `data`, in that order. */
export function selectRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const { n } = data;
  const X = new Int8Array(rows.length * n);
  const y = new Int8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    X.set(data.X.subarray(rows[r] * n, (rows[r] + 1) * n), r * n);
    y[r] = data.y[rows[r]];
  }
  return { n, size: rows.length, X, y };
}

export function concatDatasets(a: Dataset, b: Dataset): Dataset {
  if (a.n !== b.n) throw new RangeError(`datasets differ in n: ${a.n} and ${b.n}`);
  const X = new Int8Array(a.X.length + b.X.length);
  X.set(a.X);
  X.set(b.X, a.X.length);
  const y = new Int8Array(a.size + b.size);
  y.set(a.y);
  y.set(b.y, a.size);
  return { n: a.n, size: a.size + b.size, X, y };
}
