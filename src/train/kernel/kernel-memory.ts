/**
 * Where the kernels' buffers live. The plain TypeScript kernels take ordinary typed
 * arrays; the WebAssembly kernels can only see their own linear memory, so there every
 * buffer is a view into it. Callers size everything first (a counting pass with
 * `countingMemory`), because growing a wasm memory detaches the views already made.
 */
export interface KernelMemory {
  /** False once a later call has taken the memory over (its views may then be overwritten or detached). */
  readonly live: boolean;
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
  i8(length: number): Int8Array;
}

/** Ordinary typed arrays. */
export const heapMemory: KernelMemory = {
  live: true,
  f64: (length) => new Float64Array(length),
  i32: (length) => new Int32Array(length),
  i8: (length) => new Int8Array(length),
};

/** Bytes a layout needs: every allocation rounded up to 16 bytes (one v128). */
export function alignedBytes(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}

/** A memory that only counts the bytes asked of it (its arrays are throwaway). */
export function countingMemory(): KernelMemory & { readonly bytes: number } {
  let bytes = 0;
  const take = (n: number) => {
    bytes += alignedBytes(n);
  };
  return {
    live: true,
    get bytes() {
      return bytes;
    },
    f64: (length) => (take(8 * length), new Float64Array(0)),
    i32: (length) => (take(4 * length), new Int32Array(0)),
    i8: (length) => (take(length), new Int8Array(0)),
  };
}

/** Consecutive views of `buffer` from byte `start` on, each 16-byte aligned, live while `live()` says so. */
export function bumpMemory(buffer: ArrayBuffer, start: number, live: () => boolean): KernelMemory {
  let at = start;
  const take = (bytes: number) => {
    const o = at;
    at += alignedBytes(bytes);
    if (at > buffer.byteLength) throw new RangeError(`kernel memory exhausted (${at} > ${buffer.byteLength} bytes)`);
    return o;
  };
  return {
    get live() {
      return live();
    },
    f64: (length) => new Float64Array(buffer, take(8 * length), length),
    i32: (length) => new Int32Array(buffer, take(4 * length), length),
    i8: (length) => new Int8Array(buffer, take(length), length),
  };
}
