import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { writeReport } from "../../src/report/write-report.js";
import { writeSyntheticRun } from "./synthetic-run.js";

/**
 * Opens report.html in Debian's headless Chromium (the apt package `chromium`, which
 * .ci/run installs) and fails on any console error, page error, request that failed or
 * left the file, and any image that did not load. A missing Chromium is a failure with
 * the install command, never a skip.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

interface PageReport {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly failedRequests: string[];
  readonly images: Array<{ alt: string; complete: boolean; naturalWidth: number }>;
  readonly tables: number;
}

const root = mkdtempSync(join(tmpdir(), "report-chromium-"));
let context: Promise<BrowserContext> | undefined;

/** Launched by the first test that needs it, so that a missing Chromium fails each test (rather than skipping them). */
function browser(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with 'apt-get install -y chromium' (Debian) or set CHROMIUM_PATH`);
  context ??= chromium.launchPersistentContext(join(root, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS });
  return context;
}

afterAll(async () => {
  if (context) await (await context).close();
  rmSync(root, { recursive: true, force: true });
});

async function inspect(file: string): Promise<PageReport> {
  const page = await (await browser()).newPage();
  const report: PageReport = { consoleErrors: [], requests: [], failedRequests: [], images: [], tables: 0 };
  page.on("console", (m) => void (m.type() === "error" && report.consoleErrors.push(m.text())));
  page.on("pageerror", (e) => void report.consoleErrors.push(e.message));
  page.on("request", (r) => void report.requests.push(r.url()));
  page.on("requestfailed", (r) => void report.failedRequests.push(`${r.url().slice(0, 80)}: ${r.failure()?.errorText}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const found = await page.evaluate(() => ({
    images: Array.from(document.images).map((img) => ({ alt: img.alt, complete: img.complete, naturalWidth: img.naturalWidth })),
    tables: document.querySelectorAll("table").length,
  }));
  await page.close();
  return { ...report, ...found };
}

describe("report.html in headless Chromium", () => {
  it("loads with no console error, no failed or outside request, and every figure drawn", async () => {
    const dir = join(root, "run");
    writeSyntheticRun(dir, { seeds: [0, 1, 2], p: 40, epochs: 40 });
    const { html, figures } = await writeReport(dir);
    const page = await inspect(html);
    expect(page.consoleErrors).toEqual([]);
    expect(page.failedRequests).toEqual([]);
    expect(page.requests.filter((u) => !u.startsWith("data:") && u !== pathToFileURL(html).href)).toEqual([]);
    expect(page.images).toHaveLength(figures.length);
    for (const img of page.images) expect({ alt: img.alt, loaded: img.complete && img.naturalWidth > 0 }).toEqual({ alt: img.alt, loaded: true });
    expect(page.tables).toBe(3);
  });

  it("the check sees a broken image and an outside request (it can fail)", async () => {
    const bad = join(root, "bad.html");
    writeFileSync(
      bad,
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body>` +
        `<img alt="broken" src="data:image/svg+xml;base64,${Buffer.from("<svg").toString("base64")}"><img alt="outside" src="http://127.0.0.1:9/x.png"></body></html>`,
    );
    const page = await inspect(bad);
    expect(page.images.filter((i) => i.naturalWidth === 0).map((i) => i.alt).sort()).toEqual(["broken", "outside"]);
    expect(page.failedRequests.length + page.consoleErrors.length).toBeGreaterThan(0);
  });
});
