import { describe, expect, it } from "vitest";
import { PAPER_CONFIG, validateConfig } from "../../src/train/config.js";
import { PRESET_NAMES, parsePreset, presetConfig } from "../../src/report/presets.js";
import { figureFont } from "../../src/report/fonts.js";

describe("reproduce presets", () => {
  it("each differs from the paper's setup in its one hyperparameter (and wd-0.001 in the epochs it needs to grok), and is valid", () => {
    const differences = (name: (typeof PRESET_NAMES)[number]) => {
      const c = presetConfig(name);
      validateConfig(c);
      return (Object.keys(PAPER_CONFIG) as (keyof typeof PAPER_CONFIG)[]).filter((k) => JSON.stringify(c[k]) !== JSON.stringify(PAPER_CONFIG[k]));
    };
    expect(differences("paper")).toEqual([]);
    expect(differences("wd-0.001")).toEqual(["weightDecay", "epochs"]);
    expect(presetConfig("wd-0.001").epochs).toBe(2000);
    expect(presetConfig("wd-0.001").weightDecay).toBe(0.001);
    expect(differences("k-4")).toEqual(["k"]);
    expect(presetConfig("k-4").k).toBe(4);
  });

  it("--epochs overrides the preset's epochs without touching the preset", () => {
    expect(presetConfig("k-4", { epochs: 600 }).epochs).toBe(600);
    expect(presetConfig("k-4").epochs).toBe(300);
  });

  it("an unknown preset is an InputError naming the choices", () => {
    expect(parsePreset("wd-0.001")).toBe("wd-0.001");
    expect(() => parsePreset("paperr")).toThrow("--preset: unknown preset 'paperr' (choose paper, wd-0.001, k-4)");
  });
});

describe("figure font", () => {
  it("is one line naming the Debian package when no DejaVu Sans is found", () => {
    expect(() => figureFont(["/nonexistent/DejaVuSans.ttf"])).toThrow("no font for the PNG figures: install DejaVu Sans (Debian: apt-get install fonts-dejavu-core)");
  });
});
