// node bench/first-load.mjs [runs]: first-load size and speed of the release build (dist/) in headless
// Chromium, and how smooth a drag is. Run `trunk build --release` and `bash scripts/install-test-tools.sh` first.
// Reports: bytes of each file (raw and gzip -9), total first-load gzip bytes, time to performance mark
// "map-ready" (median of runs, fresh browser context each), and frame intervals during a 2-second mouse drag.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchBrowser, openApp, readView, serveStatic } from '../e2e/lib/harness.mjs';

const runs = Number(process.argv[2] ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

let totalRaw = 0;
let totalGzip = 0;
console.log('file                                         raw      gzip');
for (const entry of (await readdir(DIST, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
  if (!entry.isFile()) continue; // e.g. fixtures the end-to-end tests put beside the build
  const name = entry.name;
  const body = await readFile(join(DIST, name));
  const gz = gzipSync(body, { level: 9 }).length;
  totalRaw += body.length;
  totalGzip += gz;
  console.log(`${name.padEnd(40)} ${String(body.length).padStart(9)} ${String(gz).padStart(9)}`);
}
console.log(`${'first load (all of dist/)'.padEnd(40)} ${String(totalRaw).padStart(9)} ${String(totalGzip).padStart(9)}`);

const server = await serveStatic();
const browser = await launchBrowser();
try {
  const ready = [];
  for (let i = 0; i < runs; i++) {
    const app = await openApp(browser, server.url);
    ready.push(await app.page.evaluate(() => performance.getEntriesByName('map-ready')[0].startTime));
    await app.context.close();
  }
  console.log(`map-ready: median ${median(ready).toFixed(0)} ms, min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)} (${runs} runs, 1280×800)`);

  const app = await openApp(browser, server.url);
  const { page } = app;
  const view = await readView(page);
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 10000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const x = view.left + view.width / 2;
  const y = view.top + view.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < 2000) {
    i += 1;
    await page.mouse.move(x + 300 * Math.sin(i / 20), y + 150 * Math.cos(i / 25));
  }
  await page.mouse.up();
  const frames = (await page.evaluate(() => window.__frames)).slice(2);
  console.log(`drag: ${i} pointer moves in 2 s; frame interval p50 ${pct(frames, 0.5).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms, frames > 50 ms: ${frames.filter((f) => f > 50).length} of ${frames.length}`);
  await app.context.close();
} finally {
  await browser.close();
  await server.close();
}
