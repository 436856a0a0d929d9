import type { Analysis, EpochRow, SubnetworkName, SubnetworkRow } from "./analysis-input.js";
import type { Table } from "./table.js";
import { round } from "./seed-bands.js";

/**
 * The paper's claims, checked per seed on this run's numbers (the "what must be
 * shown"): grokking after memorisation, effective sparsity falling at least 30× from the
 * memorisation epoch to the final epoch, the generalising subnetwork's norm rising while
 * the complement's falls, and its test faithfulness reaching 100% while the complement's
 * falls. A ✗ is reported, never hidden.
 */
export const SPARSITY_FALL = 30;
export const GROKKED = 0.98;

const COLUMNS = [
  { key: "seed", label: "seed" },
  { key: "trainPerfectEpoch", label: "first epoch at 100% train acc." },
  { key: "testAccAtMemorization", label: "test acc. at memorisation" },
  { key: "grokkingEpoch", label: "grokking epoch" },
  { key: "finalTestAcc", label: "final test acc." },
  { key: "grokked", label: `grokked (≥ ${GROKKED * 100}% after 100% train)` },
  { key: "sparsityFall", label: "eff. sparsity memorisation / final" },
  { key: "sparse", label: `fell ≥ ${SPARSITY_FALL}×` },
  { key: "generalizingNormRatio", label: "generalising norm final / memorisation" },
  { key: "complementaryNormRatio", label: "complementary norm final / memorisation" },
  { key: "competition", label: "gen. rises, compl. falls" },
  { key: "generalizingFaithfulness", label: "gen. faithfulness (test), final" },
  { key: "complementaryFaithfulness", label: "compl. faithfulness (test), memorisation → final" },
  { key: "takeover", label: "gen. reaches 100%, compl. falls" },
] as const;
type Key = (typeof COLUMNS)[number]["key"];

const mark = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "✓" : "✗");

export function claimsTable(analysis: Analysis): Table<Key> {
  const rows = analysis.summary.seeds.map((s) => {
    const epochs = analysis.epochs.filter((r) => r.seed === s.seed).sort((a, b) => a.epoch - b.epoch);
    const at = (e: number | null): EpochRow | undefined => (e === null ? undefined : epochs.find((r) => r.epoch === e));
    const sub = (name: SubnetworkName, e: number | null): SubnetworkRow | undefined =>
      e === null ? undefined : analysis.subnetworks.find((r) => r.seed === s.seed && r.subnetwork === name && r.epoch === e);
    const memo = at(s.memorizationEpoch);
    const final = at(s.finalEpoch);
    const trainPerfectEpoch = epochs.find((r) => r.trainAcc >= 1)?.epoch ?? null;
    const grokked = s.grokkingEpoch !== null && trainPerfectEpoch !== null && s.grokkingEpoch >= trainPerfectEpoch && final !== undefined && final.testAcc >= GROKKED;
    const fall = memo && final && final.sparsityPointwise > 0 ? memo.sparsityPointwise / final.sparsityPointwise : null;
    const ratio = (name: SubnetworkName) => {
      const a = sub(name, s.memorizationEpoch);
      const b = sub(name, s.finalEpoch);
      return a && b && a.meanNorm > 0 ? b.meanNorm / a.meanNorm : null;
    };
    const gen = ratio("generalizing");
    const comp = ratio("complementary");
    const genFaith = sub("generalizing", s.finalEpoch)?.faithfulnessTest ?? null;
    const compMemo = sub("complementary", s.memorizationEpoch)?.faithfulnessTest ?? null;
    const compFinal = sub("complementary", s.finalEpoch)?.faithfulnessTest ?? null;
    return {
      seed: s.seed,
      trainPerfectEpoch,
      testAccAtMemorization: memo?.testAcc ?? null,
      grokkingEpoch: s.grokkingEpoch,
      finalTestAcc: final?.testAcc ?? null,
      grokked: mark(grokked),
      sparsityFall: fall === null ? null : round(fall, 3),
      sparse: mark(fall === null ? null : fall >= SPARSITY_FALL),
      generalizingNormRatio: gen === null ? null : round(gen, 3),
      complementaryNormRatio: comp === null ? null : round(comp, 3),
      competition: mark(gen === null || comp === null ? null : gen > 1 && comp < 1),
      generalizingFaithfulness: genFaith,
      complementaryFaithfulness: compMemo === null || compFinal === null ? null : `${round(compMemo, 4)} → ${round(compFinal, 4)}`,
      takeover: mark(genFaith === null || compMemo === null || compFinal === null ? null : genFaith === 1 && compFinal < compMemo),
    };
  });
  return {
    id: "table-claims",
    title: "The paper's claims, checked on this run",
    caption:
      `Per seed, the numbers behind the paper's claims, with ✓/✗ against the thresholds stated in the column headers: grokking (test accuracy ≥ ${GROKKED * 100}% at the end, ` +
      `reached no earlier than the first epoch with 100% train accuracy), effective sparsity (pointwise, training set) falling at least ${SPARSITY_FALL}× from the memorisation ` +
      `epoch to the final epoch, the generalising subnetwork's mean norm rising and the complementary one's falling over the same interval, and the generalising ` +
      `subnetwork's test faithfulness reaching 100% at the final epoch while the complement's falls. n/a: an event (memorisation, grokking) never came.`,
    columns: COLUMNS,
    rows,
  };
}

const VERDICTS = ["grokked", "sparse", "competition", "takeover"] as const satisfies readonly Key[];

/** "seed S: <column label>" for every verdict of the table that is not ✓ (✗ or n/a). */
export function claimsNotShown(table: Table<Key>): string[] {
  const label = (k: Key) => COLUMNS.find((c) => c.key === k)!.label;
  return table.rows.flatMap((r) => VERDICTS.filter((k) => r[k] !== "✓").map((k) => `seed ${r.seed}: ${label(k)}`));
}
