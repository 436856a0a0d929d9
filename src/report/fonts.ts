import { existsSync } from "node:fs";
import { InputError } from "../errors.js";

/**
 * resvg draws text only with fonts it is given, and silently drops text without one, so
 * the PNG renderer loads one known file rather than trusting whatever the system has:
 * DejaVu Sans (the family the figures' SVG names), from Debian's fonts-dejavu-core.
 */
export const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
  "/usr/local/share/fonts/DejaVuSans.ttf",
  "/Library/Fonts/DejaVuSans.ttf",
] as const;

/** The first DejaVu Sans file found, or one line saying what to install. */
export function figureFont(candidates: readonly string[] = FONT_CANDIDATES): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new InputError("no font for the PNG figures: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core)");
  return found;
}

/** The regular face and, when it sits beside it, the bold one (vega draws titles in bold). */
export function figureFontFiles(regular: string = figureFont()): string[] {
  const bold = regular.replace(/DejaVuSans\.ttf$/, "DejaVuSans-Bold.ttf");
  return bold !== regular && existsSync(bold) ? [regular, bold] : [regular];
}
