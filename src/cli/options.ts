import { InputError } from "../errors.js";

/** Parsers for CLI flag values; each failure is one line naming the flag. */
export function parseInteger(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InputError(`${flag}: expected an integer, got '${value}'`);
    const v = Number(value);
    if (!Number.isSafeInteger(v)) throw new InputError(`${flag}: ${value} is too large`);
    return v;
  };
}

export function parseNumber(flag: string) {
  return (value: string): number => {
    const v = Number(value);
    if (value.trim() === "" || Number.isNaN(v)) throw new InputError(`${flag}: expected a number, got '${value}'`);
    return v;
  };
}

/** "0,1,2" → [0, 1, 2]. */
export function parseIndexList(flag: string) {
  return (value: string): number[] => {
    const parts = value.split(",").map((s) => s.trim());
    if (parts.length === 0 || parts.some((s) => !/^\d+$/.test(s))) throw new InputError(`${flag}: expected comma-separated non-negative integers, got '${value}'`);
    return parts.map(Number);
  };
}
