/**
 * A system of linear inequalities a_r · z ≥ c_r over free real variables z, with small
 * integer coefficients. The minimal-width search and the threshold-set census reduce
 * every case to one such system.
 */
export interface LinearSystem {
  readonly vars: number;
  readonly rows: readonly { readonly a: readonly number[]; readonly c: number }[];
}
