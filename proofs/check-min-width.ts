import type { MinWidthCertificate } from "./min-width-certificate-schema.js";
import { Q0, q, qadd, qmul, qsign, qtext, readQ, type Q } from "./checker-rationals.js";

/**
 * The independent checker of a minimal-width certificate. It imports nothing of the search:
 * it re-derives the points, the parity, the cube's symmetries and every linear system itself,
 * and checks that
 *  1. every subset of {±1}^k is either a threshold set (its (w, b) cuts out exactly that set)
 *     or refuted by a Farkas vector of its separation system;
 *  2. for every width j < m, every set of j distinct (sign, nonempty threshold set) pairs that
 *     passes the coverage test is, up to a cube symmetry (with the sign flip χ(g)), a listed
 *     configuration whose Farkas vector is valid — so no network of width < m computes parity
 *     (the reduction to distinct nonempty pairs is argued in proofs/min-width.ts);
 *  3. the witness has width m and computes parity exactly.
 */
export interface MinWidthCheck {
  readonly ok: boolean;
  readonly problems: string[];
  readonly configurationsCovered: number;
  readonly refutationsChecked: number;
}

type Row = { a: Map<number, bigint>; c: bigint };

function farkasValid(rows: Map<string, Row>, y: Record<string, number | string>, where: string, problems: string[]): boolean {
  const total = new Map<number, Q>();
  let rhs: Q = Q0;
  for (const [key, value] of Object.entries(y)) {
    const row = rows.get(key);
    if (!row) {
      problems.push(`${where}: row ${key} does not exist`);
      return false;
    }
    const v = readQ(value, `${where}.${key}`, problems);
    if (qsign(v) < 0) {
      problems.push(`${where}: y[${key}] is negative`);
      return false;
    }
    for (const [col, coef] of row.a) total.set(col, qadd(total.get(col) ?? Q0, qmul(v, q(coef))));
    rhs = qadd(rhs, qmul(v, q(row.c)));
  }
  for (const [col, v] of total) {
    if (qsign(v) !== 0) {
      problems.push(`${where}: Σ y·a is ${qtext(v)} ≠ 0 in variable ${col}`);
      return false;
    }
  }
  if (qsign(rhs) <= 0) {
    problems.push(`${where}: Σ y·c = ${qtext(rhs)} is not positive`);
    return false;
  }
  return true;
}

export function checkMinWidthCertificate(c: MinWidthCertificate): MinWidthCheck {
  const problems: string[] = [];
  const { k, minimumWidth: m } = c;
  const P = 2 ** k;
  const x = (t: number, j: number): bigint => (((t >> j) & 1) === 1 ? -1n : 1n);
  const parity = (t: number): 1 | -1 => {
    let y = 1;
    for (let j = 0; j < k; j++) if ((t >> j) & 1) y = -y;
    return y > 0 ? 1 : -1;
  };
  let refutationsChecked = 0;

  // 1. The census of threshold sets.
  const threshold = new Set<number>();
  const listed = new Set<number>();
  for (const [r, e] of c.thresholdSets.entries()) {
    if (listed.has(e.mask)) problems.push(`thresholdSets[${r}]: mask ${e.mask} listed twice`);
    listed.add(e.mask);
    if (e.w.length !== k) {
      problems.push(`thresholdSets[${r}]: w has ${e.w.length} entries`);
      continue;
    }
    const w = e.w.map((v, j) => readQ(v, `thresholdSets[${r}].w[${j}]`, problems));
    const b = readQ(e.b, `thresholdSets[${r}].b`, problems);
    let mask = 0;
    for (let t = 0; t < P; t++) {
      let h = b;
      for (let j = 0; j < k; j++) h = qadd(h, qmul(w[j], q(x(t, j))));
      if (qsign(h) > 0) mask |= 1 << t;
    }
    if (mask >>> 0 !== e.mask) problems.push(`thresholdSets[${r}]: (w, b) cuts out ${mask >>> 0}, not ${e.mask}`);
    else threshold.add(e.mask);
  }
  for (const [r, e] of c.nonThresholdSets.entries()) {
    if (listed.has(e.mask)) problems.push(`nonThresholdSets[${r}]: mask ${e.mask} listed twice`);
    listed.add(e.mask);
    const rows = new Map<string, Row>();
    for (let t = 0; t < P; t++) {
      const s = (e.mask >>> t) & 1 ? 1n : -1n;
      const a = new Map<number, bigint>();
      for (let j = 0; j < k; j++) a.set(j, s * x(t, j));
      a.set(k, s);
      rows.set(`s:${t}`, { a, c: 1n });
    }
    if (farkasValid(rows, e.farkas, `nonThresholdSets[${r}] (mask ${e.mask})`, problems)) refutationsChecked++;
  }
  for (let mask = 0; mask < 2 ** P; mask++) if (!listed.has(mask)) problems.push(`subset ${mask} is neither shown threshold nor refuted`);

  // 2. Every covered configuration of width < m is refuted up to symmetry.
  const perms: number[][] = [];
  const permute = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(prefix);
    rest.forEach((v, i) => permute([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  permute([], [...Array(k).keys()]);
  const group: { map: number[]; chi: 1 | -1 }[] = [];
  for (const perm of perms) {
    for (let flips = 0; flips < P; flips++) {
      const map = Array.from({ length: P }, (_, t) => {
        let img = 0;
        for (let j = 0; j < k; j++) if (((t >> perm[j]) & 1) ^ ((flips >> j) & 1)) img |= 1 << j;
        return img;
      });
      let minus = 0;
      for (let j = 0; j < k; j++) minus += (flips >> j) & 1;
      group.push({ map, chi: minus % 2 ? -1 : 1 });
    }
  }
  const mapSet = (g: { map: number[] }, mask: number) => {
    let img = 0;
    for (let t = 0; t < P; t++) if ((mask >>> t) & 1) img |= 1 << g.map[t];
    return img >>> 0;
  };
  const keyOf = (config: readonly { sign: number; mask: number }[]) => config.map((e) => `${e.sign}:${e.mask}`).sort().join(" ");

  const choices = [...threshold].filter((mask) => mask !== 0).sort((a, b) => a - b).flatMap((mask) => [{ sign: 1, mask }, { sign: -1, mask }]);
  let positive = 0;
  for (let t = 0; t < P; t++) if (parity(t) === 1) positive |= 1 << t;
  const negative = (2 ** P - 1) & ~positive;
  let configurationsCovered = 0;
  for (let j = 1; j < m; j++) {
    const entry = c.widths.find((w) => w.width === j);
    if (!entry) {
      problems.push(`no refutations listed for width ${j}`);
      continue;
    }
    const refuted = new Set<string>();
    for (const [r, orbit] of entry.orbits.entries()) {
      const where = `width ${j}, orbit ${r}`;
      if (orbit.config.length !== j || new Set(orbit.config.map((e) => `${e.sign}:${e.mask}`)).size !== j) {
        problems.push(`${where}: expected ${j} distinct pairs`);
        continue;
      }
      const rows = new Map<string, Row>();
      const col = (i: number, v: number) => i * (k + 1) + v;
      for (let t = 0; t < P; t++) {
        const margin = new Map<number, bigint>();
        orbit.config.forEach((e, i) => {
          const active = (e.mask >>> t) & 1;
          const s = active ? 1n : -1n;
          const a = new Map<number, bigint>();
          for (let v = 0; v < k; v++) a.set(col(i, v), s * x(t, v));
          a.set(col(i, k), s);
          rows.set(`a:${t}:${i}`, { a, c: 0n });
          if (active) {
            const f = BigInt(parity(t) * e.sign);
            for (let v = 0; v < k; v++) margin.set(col(i, v), (margin.get(col(i, v)) ?? 0n) + f * x(t, v));
            margin.set(col(i, k), (margin.get(col(i, k)) ?? 0n) + f);
          }
        });
        rows.set(`m:${t}`, { a: margin, c: 1n });
      }
      if (farkasValid(rows, orbit.farkas, where, problems)) {
        refutationsChecked++;
        refuted.add(keyOf(orbit.config));
      }
    }
    const tuple: { sign: number; mask: number }[] = [];
    const rec = (from: number, pos: number, neg: number) => {
      if (tuple.length === j) {
        if ((pos & positive) !== positive || (neg & negative) !== negative) return;
        configurationsCovered++;
        const found = group.some((g) => refuted.has(keyOf(tuple.map((e) => ({ sign: e.sign * g.chi, mask: mapSet(g, e.mask) })))));
        if (!found && problems.length < 50) problems.push(`width ${j}: configuration ${keyOf(tuple)} passes coverage but no symmetric image is refuted`);
        return;
      }
      for (let i = from; i < choices.length; i++) {
        const ch = choices[i];
        tuple.push(ch);
        rec(i + 1, ch.sign > 0 ? pos | ch.mask : pos, ch.sign < 0 ? neg | ch.mask : neg);
        tuple.pop();
      }
    };
    rec(0, 0, 0);
  }

  // 3. The witness.
  const { W, b, u } = c.witness;
  if (W.length !== m || b.length !== m || u.length !== m || W.some((row) => row.length !== k)) problems.push(`the witness must have ${m} neurons with ${k} weights each`);
  else {
    const Wq = W.map((row, i) => row.map((v, j) => readQ(v, `witness.W[${i}][${j}]`, problems)));
    const bq = b.map((v, i) => readQ(v, `witness.b[${i}]`, problems));
    const uq = u.map((v, i) => readQ(v, `witness.u[${i}]`, problems));
    for (let t = 0; t < P; t++) {
      let f: Q = Q0;
      for (let i = 0; i < m; i++) {
        let h = bq[i];
        for (let j = 0; j < k; j++) h = qadd(h, qmul(Wq[i][j], q(x(t, j))));
        if (qsign(h) > 0) f = qadd(f, qmul(uq[i], h));
      }
      if (qsign(f) !== parity(t)) problems.push(`the witness fails at pattern ${t}: f = ${qtext(f)}, parity ${parity(t)}`);
    }
  }
  return { ok: problems.length === 0, problems, configurationsCovered, refutationsChecked };
}
