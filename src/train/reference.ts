import { Matrix } from "ml-matrix";
import type { Network } from "../net/network.js";
import type { Dataset } from "../data/dataset.js";

/** SGD hyperparameters: learning rate η and coupled weight decay λ (torch.optim.SGD). */
export interface Hyper {
  readonly lr: number;
  readonly weightDecay: number;
}

/** Mean hinge loss and accuracy on a whole set; accuracy counts sgn f(x) = y, so f(x) = 0 is wrong. */
export interface Metrics {
  readonly loss: number;
  readonly acc: number;
}

function toMatrix(data: Dataset, rows: ArrayLike<number>): Matrix {
  const m = new Matrix(rows.length, data.n);
  for (let r = 0; r < rows.length; r++) {
    const o = rows[r] * data.n;
    for (let j = 0; j < data.n; j++) m.set(r, j, data.X[o + j]);
  }
  return m;
}

function weights(net: Network): { W: Matrix; b: Matrix; u: Matrix } {
  const W = new Matrix(net.p, net.n);
  for (let i = 0; i < net.p; i++) for (let j = 0; j < net.n; j++) W.set(i, j, net.W[i * net.n + j]);
  return { W, b: Matrix.columnVector(Array.from(net.b)), u: Matrix.columnVector(Array.from(net.u)) };
}

/**
 * One SGD step, written as plainly as the paper states it, with ml-matrix: the reference
 * that the fast kernels are property-tested against.
 *
 *   H = X Wᵀ + 1 bᵀ,  A = σ(H),  f = A u,  loss = mean_s max(0, 1 − y_s f_s)
 *   g_s = −y_s / B where 1 − y_s f_s > 0, else 0      (∂loss/∂f_s)
 *   ∇u = Aᵀ g,  ∇H = (g uᵀ) ⊙ [H > 0],  ∇W = ∇Hᵀ X,  ∇b = ∇Hᵀ 1
 *   θ ← θ − η (∇θ + λ θ)                               (coupled weight decay, for W, b and u)
 */
export function referenceStep(net: Network, train: Dataset, batch: ArrayLike<number>, hp: Hyper): void {
  const X = toMatrix(train, batch);
  const B = batch.length;
  const { W, b, u } = weights(net);
  const H = X.mmul(W.transpose()).addRowVector(b.to1DArray());
  const A = H.clone();
  A.apply((i, j) => {
    if (!(H.get(i, j) > 0)) A.set(i, j, 0);
  });
  const f = A.mmul(u);
  const g = new Matrix(B, 1);
  for (let s = 0; s < B; s++) {
    const y = train.y[batch[s]];
    if (1 - y * f.get(s, 0) > 0) g.set(s, 0, -y / B);
  }
  const gradU = A.transpose().mmul(g);
  const gradH = g.mmul(u.transpose());
  for (let s = 0; s < B; s++) for (let i = 0; i < net.p; i++) if (!(H.get(s, i) > 0)) gradH.set(s, i, 0);
  const gradW = gradH.transpose().mmul(X);
  const gradB = gradH.transpose().mmul(Matrix.ones(B, 1));
  const { lr, weightDecay } = hp;
  for (let i = 0; i < net.p; i++) {
    for (let j = 0; j < net.n; j++) {
      const k = i * net.n + j;
      net.W[k] -= lr * (gradW.get(i, j) + weightDecay * net.W[k]);
    }
    net.b[i] -= lr * (gradB.get(i, 0) + weightDecay * net.b[i]);
    net.u[i] -= lr * (gradU.get(i, 0) + weightDecay * net.u[i]);
  }
}

/** Mean hinge loss and accuracy of the network on a whole set, with ml-matrix. */
export function referenceMetrics(net: Network, data: Dataset): Metrics {
  if (data.size === 0) return { loss: NaN, acc: NaN };
  const rows = Array.from({ length: data.size }, (_, r) => r);
  const X = toMatrix(data, rows);
  const { W, b, u } = weights(net);
  const A = X.mmul(W.transpose()).addRowVector(b.to1DArray());
  A.apply((i, j) => {
    if (!(A.get(i, j) > 0)) A.set(i, j, 0);
  });
  const f = A.mmul(u);
  let loss = 0;
  let correct = 0;
  for (let s = 0; s < data.size; s++) {
    const yf = data.y[s] * f.get(s, 0);
    loss += Math.max(0, 1 - yf);
    if (yf > 0) correct++;
  }
  return { loss: loss / data.size, acc: correct / data.size };
}
