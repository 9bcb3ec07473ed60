// node bench/memory.mjs [cycles]: does the app leak across pan/zoom cycles? Opens the release build (dist/),
// records DOM nodes, JS event listeners, JS heap and wasm memory after a garbage collection, runs `cycles`
// (default 50) drag + wheel-in + wheel-out cycles, collects garbage again and records the same. Appends a
// "Memory across pan/zoom cycles" section to bench/RESULTS.md and prints it.
import { appendFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openApp, readView, serveStatic } from '../e2e/lib/harness.mjs';

const cycles = Number(process.argv[2] ?? 50);
const results = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  return { nodes: dom.nodes, listeners: dom.jsEventListeners, heapMB: heap.usedSize / 1048576 };
}

const server = await serveStatic();
const browser = await launchBrowser();
try {
  const app = await openApp(browser, server.url);
  const { page } = app;
  const cdp = await app.context.newCDPSession(page);
  await page.waitForTimeout(500);
  const before = await sample(page, cdp);
  const v = await readView(page);
  const x = v.left + v.width / 2;
  const y = v.top + v.height / 2;
  for (let i = 0; i < cycles; i++) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 120, y + 60, { steps: 4 });
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.up();
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(200);
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  const after = await sample(page, cdp);
  const row = (name, a, b, unit = '') => `| ${name} | ${a.toFixed?.(2) ?? a}${unit} | ${b.toFixed?.(2) ?? b}${unit} | ${(b - a).toFixed?.(2) ?? b - a}${unit} |`;
  const section = [
    '',
    `## Memory across ${cycles} pan/zoom cycles (app, N = 0)`,
    '',
    `Measured by \`node bench/memory.mjs ${cycles}\` on ${new Date().toISOString()}: each cycle drags the map out and back and`,
    'zooms in and out one wheel step; garbage is collected before each sample (CDP `HeapProfiler.collectGarbage`).',
    '',
    '| measure | before | after | change |',
    '|---|---:|---:|---:|',
    row('DOM nodes', before.nodes, after.nodes),
    row('JS event listeners', before.listeners, after.listeners),
    row('JS heap used (MB)', before.heapMB, after.heapMB),
    '',
  ].join('\n');
  console.log(section);
  await appendFile(results, section);
  await app.context.close();
} finally {
  await browser.close();
  await server.close();
}
