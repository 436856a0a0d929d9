import { closeSync, ftruncateSync, openSync, writeSync } from "node:fs";
import type { Network } from "../net/network.js";
import { SafetensorsFile, planLayout, type TensorSpec } from "../io/safetensors.js";
import { InputError } from "../errors.js";

/**
 * Every epoch's weights in one safetensors file, epoch-major, float32: for epoch e the
 * tensors `e0007.linear1.weight` [p, n], `e0007.linear1.bias` [p], `e0007.linear2.weight`
 * [1, p] (PyTorch's state_dict names) and `e0007.norms` [p] (‖W_i‖₂ from the float64
 * weights). The header is written first for the planned epochs and the data appended as
 * training goes, so 300 epochs × 41k parameters cost 49 MB on disk and one epoch in memory.
 * Python reads it with `safetensors.safe_open(path, "np")`.
 */
export const TRAJECTORY_FORMAT = "two-circuits/trajectory@1";

export function epochKey(epoch: number): string {
  return `e${String(epoch).padStart(4, "0")}`;
}

function specs(n: number, p: number, lastEpoch: number): TensorSpec[] {
  const out: TensorSpec[] = [];
  for (let e = 0; e <= lastEpoch; e++) {
    const k = epochKey(e);
    out.push(
      { name: `${k}.linear1.weight`, dtype: "F32", shape: [p, n] },
      { name: `${k}.linear1.bias`, dtype: "F32", shape: [p] },
      { name: `${k}.linear2.weight`, dtype: "F32", shape: [1, p] },
      { name: `${k}.norms`, dtype: "F32", shape: [p] },
    );
  }
  return out;
}

function layout(n: number, p: number, lastEpoch: number, padTo = 0) {
  const plan = planLayout(specs(n, p, lastEpoch), { format: TRAJECTORY_FORMAT, n: String(n), p: String(p), lastEpoch: String(lastEpoch) });
  if (padTo > plan.header.length) {
    const header = new Uint8Array(padTo).fill(0x20);
    header.set(plan.header);
    new DataView(header.buffer).setBigUint64(0, BigInt(padTo - 8), true);
    return { ...plan, header };
  }
  return plan;
}

const epochBytes = (n: number, p: number) => 4 * (p * n + 3 * p);

export class TrajectoryWriter {
  private readonly fd: number;
  private readonly dataStart: number;
  private readonly buf: Buffer;
  private readonly f32: Float32Array;

  private constructor(readonly path: string, readonly n: number, readonly p: number, readonly plannedEpochs: number, fd: number, dataStart: number) {
    this.fd = fd;
    this.dataStart = dataStart;
    this.buf = Buffer.alloc(epochBytes(n, p));
    this.f32 = new Float32Array(this.buf.buffer, this.buf.byteOffset, this.buf.length / 4);
  }

  /** A new file for epochs 0..plannedEpochs. */
  static create(path: string, n: number, p: number, plannedEpochs: number): TrajectoryWriter {
    const { header } = layout(n, p, plannedEpochs);
    const fd = openSync(path, "w");
    writeSync(fd, header, 0, header.length, 0);
    return new TrajectoryWriter(path, n, p, plannedEpochs, fd, header.length);
  }

  /** Reopens a file written by `create`, keeping epochs 0..keepEpoch and dropping the rest. */
  static reopen(path: string, n: number, p: number, plannedEpochs: number, keepEpoch: number): TrajectoryWriter {
    const { header } = layout(n, p, plannedEpochs);
    const fd = openSync(path, "r+");
    writeSync(fd, header, 0, header.length, 0);
    ftruncateSync(fd, header.length + (keepEpoch + 1) * epochBytes(n, p));
    return new TrajectoryWriter(path, n, p, plannedEpochs, fd, header.length);
  }

  /** Writes epoch e's weights and norms in place (epochs are fixed-size records). */
  write(epoch: number, net: Network, norms: Float64Array): void {
    const { n, p } = this;
    const f = this.f32;
    f.set(net.W, 0);
    f.set(net.b, p * n);
    f.set(net.u, p * n + p);
    f.set(norms, p * n + 2 * p);
    const pos = this.dataStart + epoch * this.buf.length;
    let off = 0;
    while (off < this.buf.length) off += writeSync(this.fd, this.buf, off, this.buf.length - off, pos + off);
  }

  /** Closes the file; if training stopped before the planned end, the header is rewritten for epochs 0..lastEpoch. */
  finish(lastEpoch: number): void {
    if (lastEpoch < this.plannedEpochs) {
      const { header } = layout(this.n, this.p, lastEpoch, this.dataStart);
      if (header.length !== this.dataStart) throw new Error("trajectory header grew when shrinking");
      writeSync(this.fd, header, 0, header.length, 0);
      ftruncateSync(this.fd, this.dataStart + (lastEpoch + 1) * epochBytes(this.n, this.p));
    }
    closeSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Reads a trajectory epoch by epoch; every epoch comes back as a float64 Network. */
export class TrajectoryReader {
  readonly n: number;
  readonly p: number;
  readonly lastEpoch: number;
  private readonly file: SafetensorsFile;

  constructor(readonly path: string) {
    this.file = new SafetensorsFile(path);
    const m = this.file.header.metadata;
    if (m.format !== TRAJECTORY_FORMAT) throw new InputError(`${path}: not a ${TRAJECTORY_FORMAT} file (format ${JSON.stringify(m.format ?? null)})`);
    this.n = Number(m.n);
    this.p = Number(m.p);
    this.lastEpoch = Number(m.lastEpoch);
    if (!(this.n >= 1 && this.p >= 1 && this.lastEpoch >= 0)) throw new InputError(`${path}: trajectory metadata is invalid`);
    for (let e = 0; e <= this.lastEpoch; e++) {
      if (!this.file.has(`${epochKey(e)}.norms`)) throw new InputError(`${path}: epoch ${e} is missing`);
    }
  }

  network(epoch: number): Network {
    this.checkEpoch(epoch);
    const k = epochKey(epoch);
    const W = this.file.readFloat64(`${k}.linear1.weight`);
    const b = this.file.readFloat64(`${k}.linear1.bias`);
    const u = this.file.readFloat64(`${k}.linear2.weight`);
    return { n: this.n, p: this.p, W, b, u };
  }

  norms(epoch: number): Float64Array {
    this.checkEpoch(epoch);
    return this.file.readFloat64(`${epochKey(epoch)}.norms`);
  }

  private checkEpoch(epoch: number): void {
    if (!Number.isInteger(epoch) || epoch < 0 || epoch > this.lastEpoch) throw new InputError(`${this.path}: no epoch ${epoch} (epochs 0..${this.lastEpoch})`);
  }

  close(): void {
    this.file.close();
  }
}
