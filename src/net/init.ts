import { createNetwork, type Network } from "./network.js";
import { RandomStream } from "../random/stream.js";

/**
 * PyTorch's default nn.Linear initialisation, as in the authors' code: W and b of the
 * hidden layer ~ U(−1/√n, 1/√n), the output weights u ~ U(−1/√p, 1/√p).
 */
export function pytorchDefaultInit(n: number, p: number, seed: number): Network {
  const net = createNetwork(n, p);
  const rng = new RandomStream(seed, "init");
  const a = 1 / Math.sqrt(n);
  for (let i = 0; i < net.W.length; i++) net.W[i] = rng.uniform(-a, a);
  for (let i = 0; i < p; i++) net.b[i] = rng.uniform(-a, a);
  const c = 1 / Math.sqrt(p);
  for (let i = 0; i < p; i++) net.u[i] = rng.uniform(-c, c);
  return net;
}
