// node bench/run.mjs [--runs R] [--throttle] [--sizes 0,1000,10000,100000] [--targets app,svg,canvas] [--out DIR]
// node bench/run.mjs --serve   (only serves the three targets, to look at them in a browser)
//
// The performance benchmark: the release build (dist/) against a Leaflet 1.9.4 peer with its SVG and its
// Canvas renderer (bench/leaflet-peer/), in headless Debian Chromium through playwright-core, all served by
// this script on 127.0.0.1. For each target and each N of the synthetic workload (?synthetic=N&seed=1),
// R runs, each in a fresh browser context with the cache disabled, 1280×800:
//   (a) time from navigation start to performance.mark("map-ready");
//   (b) bytes transferred by category (wasm, js, css, data, other), raw and gzip, counted by the server;
//   (c) JS heap used (after a GC) and DOM node count once ready;
//   (d) latency from a click on the first [data-feature-id] element to a visible [role="dialog"];
//   (e) rAF frame intervals during a 2 s mouse drag-pan and 10 wheel-zoom steps.
// Writes bench/results.json and bench/RESULTS.md. See bench/README.md.
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
const DIST = join(ROOT, 'dist');
const PEER = join(HERE, 'leaflet-peer');
const LEAFLET = join(HERE, 'node_modules', 'leaflet', 'dist');

// ---- options ----------------------------------------------------------------------------------------------
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}
const RUNS = Number(option('runs', '3'));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
const THROTTLE = process.argv.includes('--throttle');
const SIZES = option('sizes', '0,1000,10000,100000').split(',').map(Number);
const TARGET_IDS = option('targets', 'app,svg,canvas').split(',');
const OUT = resolve(option('out', HERE));
const READY_TIMEOUT = 120_000;
const STEP_TIMEOUT = 90_000;
const VIEWPORT = { width: 1280, height: 800 };
const THROTTLE_N = 10_000;
const THROTTLE_RATE = 4;

const TARGETS = {
  app: { id: 'app', label: 'app', path: (n) => `/?synthetic=${n}&seed=1`, map: '[data-map]' },
  svg: { id: 'svg', label: 'Leaflet SVG', path: (n) => `/leaflet-peer/?renderer=svg&synthetic=${n}&seed=1`, map: '#map' },
  canvas: { id: 'canvas', label: 'Leaflet Canvas', path: (n) => `/leaflet-peer/?renderer=canvas&synthetic=${n}&seed=1`, map: '#map' },
};
for (const t of TARGET_IDS) if (!TARGETS[t]) throw new Error(`unknown target ${t} (app, svg, canvas)`);

// ---- the server: everything the three targets load, gzip when asked, and counted ---------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
const CATEGORIES = ['wasm', 'js', 'css', 'data', 'other'];
function category(path) {
  const ext = extname(path).toLowerCase();
  if (ext === '.wasm') return 'wasm';
  if (ext === '.js' || ext === '.mjs') return 'js';
  if (ext === '.css') return 'css';
  if (ext === '.json' || ext === '.geojson') return 'data';
  return 'other';
}

// The peer's own files, beside its page: the region data (L0 is embedded in the app's wasm, so it is served
// from assets/), the finer levels and the story package.
const PEER_FILES = {
  '/leaflet-peer/l0.geojson': join(ROOT, 'assets/geo/l0.geojson'),
  '/leaflet-peer/l1.geojson': join(ROOT, 'assets/geo/l1.geojson'),
  '/leaflet-peer/l2.geojson': join(ROOT, 'assets/geo/l2.geojson'),
  '/leaflet-peer/umarov-tajikistan-2021.json': join(ROOT, 'assets/story/umarov-tajikistan-2021.json'),
};

function resolveFile(pathname) {
  const safe = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
  const under = (root, rest) => {
    const file = resolve(root, '.' + sep + (rest.endsWith('/') || rest === '' ? join(rest, 'index.html') : rest));
    return file.startsWith(root + sep) ? file : null;
  };
  if (PEER_FILES[safe]) return PEER_FILES[safe];
  if (safe.startsWith('/leaflet-peer/') || safe === '/leaflet-peer') return under(PEER, safe.slice('/leaflet-peer'.length) || '/');
  if (safe.startsWith('/leaflet/')) return under(LEAFLET, safe.slice('/leaflet'.length));
  return under(DIST, safe);
}

const bodies = new Map(); // file -> { raw, gzip }
async function body(file) {
  let b = bodies.get(file);
  if (!b) {
    const raw = await readFile(file);
    b = { raw, gzip: gzipSync(raw, { level: 6 }) };
    bodies.set(file, b);
  }
  return b;
}

const log = { requests: [], inflight: 0, lastActivity: Date.now() };
const server = createServer(async (req, res) => {
  log.inflight += 1;
  log.lastActivity = Date.now();
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const entry = { path: pathname, category: category(pathname), status: 200, raw: 0, sent: 0, gzip: false };
  log.requests.push(entry);
  res.on('close', () => { log.inflight -= 1; log.lastActivity = Date.now(); });
  try {
    const file = resolveFile(pathname);
    if (!file) throw new Error('outside');
    const b = await body(file);
    const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const payload = gz ? b.gzip : b.raw;
    entry.raw = b.raw.length;
    entry.sent = payload.length;
    entry.gzip = gz;
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': payload.length,
      'cache-control': 'no-store',
      vary: 'accept-encoding',
    };
    if (gz) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
  } catch {
    entry.status = 404;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

function bytesOf(requests) {
  const out = { total: { raw: 0, gzip: 0, requests: 0 } };
  for (const c of CATEGORIES) out[c] = { raw: 0, gzip: 0, requests: 0 };
  for (const r of requests) {
    for (const k of [r.category, 'total']) {
      out[k].raw += r.raw;
      out[k].gzip += r.sent;
      out[k].requests += 1;
    }
  }
  return out;
}

async function networkQuiet(quietMs = 500, maxMs = 10_000) {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    if (log.inflight === 0 && Date.now() - log.lastActivity >= quietMs) return;
    await sleep(50);
  }
}

// ---- helpers ----------------------------------------------------------------------------------------------
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`timeout: ${what} took over ${ms / 1000} s`)), ms); }),
  ]);
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const quantile = (xs, p) => { const s = sorted(xs); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null; };

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = execSync('grep -m1 "model name" /proc/cpuinfo', { encoding: 'utf8' });
    cpu = line.split(':').slice(1).join(':').trim() || cpu;
  } catch { /* keep os.cpus() */ }
  let nproc = cpus().length;
  try { nproc = Number(execSync('nproc', { encoding: 'utf8' }).trim()); } catch { /* keep */ }
  let kernel = '';
  try { kernel = execSync('uname -sr', { encoding: 'utf8' }).trim(); } catch { /* none */ }
  return { nproc, cpu, kernel, node: process.version };
}

function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// ---- one run ----------------------------------------------------------------------------------------------
// map-ready is marked before the browser renders the frame it announces (in the app's effect, in the peer's
// animation frame callback), so the style, layout and paint of that frame are not in it. This page script records
// also when that frame has been rendered: the first task after the next rendering step (a timer set inside an
// animation frame callback runs after that frame's rendering). requestAnimationFrame is wrapped only to know
// whether the mark is made inside a callback; the wrapper costs a closure per call.
const INIT_RENDERED = () => {
  const raf = window.requestAnimationFrame.bind(window);
  let depth = 0;
  window.requestAnimationFrame = function requestAnimationFrame(cb) {
    return raf((t) => { depth += 1; try { return cb(t); } finally { depth -= 1; } });
  };
  const mark = Performance.prototype.mark;
  Performance.prototype.mark = function (name, ...rest) {
    const entry = mark.call(this, name, ...rest);
    if (name === 'map-ready' && !('__benchRendered' in window)) {
      window.__benchRendered = null;
      const after = () => setTimeout(() => { window.__benchRendered = performance.now(); }, 0);
      if (depth > 0) after(); else raf(after);
    }
    return entry;
  };
};

async function oneRun(browser, baseUrl, target, n, throttle) {
  const result = { ok: false };
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  // The app's WebAssembly memory, which the JS heap figure does not include (trunk's loader announces the module).
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail?.wasm; });
  });
  await page.addInitScript(INIT_RENDERED);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
  const timeoutScale = throttle ? 2 : 1;

  await networkQuiet(200, 3000); // nothing left over from the run before
  const first = log.requests.length;
  try {
    // (a) time to map-ready
    await page.goto(baseUrl + target.path(n).slice(1), { waitUntil: 'commit', timeout: READY_TIMEOUT });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null,
        { timeout: READY_TIMEOUT * timeoutScale, polling: 100 });
    } catch {
      result.readyTimeout = true;
      throw new Error(`timeout: map-ready not marked within ${READY_TIMEOUT * timeoutScale / 1000} s`);
    }
    result.readyMs = await page.evaluate(() => performance.getEntriesByName('map-ready')[0].startTime);
    await page.waitForFunction(() => typeof window.__benchRendered === 'number', null,
      { timeout: READY_TIMEOUT * timeoutScale, polling: 50 }).catch(() => {});
    result.renderedMs = await page.evaluate(() => window.__benchRendered ?? null);
    result.lod = await page.evaluate((sel) => document.querySelector(sel)?.dataset.lod ?? null, target.map);

    // (b) bytes of the first load (until the network is quiet after map-ready)
    await networkQuiet();
    result.loadRequests = log.requests.slice(first).map((r) => ({ ...r }));
    result.load = bytesOf(result.loadRequests);

    // (c) JS heap and DOM nodes, after a full GC
    await withTimeout((async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      result.heapUsed = heap.usedSize;
      result.heapTotal = heap.totalSize;
      if (heap.backingStorageSize !== undefined) result.backingStorage = heap.backingStorageSize; // ArrayBuffers (not wasm memory)
      result.domNodes = dom.nodes;
      result.wasmMemory = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? 0);
      result.documentNodesInTree = await page.evaluate(() => document.getElementsByTagName('*').length);
    })(), STEP_TIMEOUT * timeoutScale, 'heap and DOM counters');

    // (d) click on the first [data-feature-id] to a visible [role=dialog], measured in the page
    result.popup = await withTimeout(page.evaluate(() => new Promise((done) => {
      const el = document.querySelector('[data-feature-id]');
      if (!el) { done({ error: 'no [data-feature-id] element' }); return; }
      const before = new Set(document.querySelectorAll('[role="dialog"]'));
      const visible = (d) => {
        if (before.has(d) || !d.isConnected) return false;
        const r = d.getBoundingClientRect();
        const cs = getComputedStyle(d);
        return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden';
      };
      const anyVisible = () => [...document.querySelectorAll('[role="dialog"]')].some(visible);
      let t0 = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        mo.disconnect();
        requestAnimationFrame(() => done({ ms: performance.now() - t0, id: el.getAttribute('data-feature-id') }));
      };
      const mo = new MutationObserver(() => { if (anyVisible()) finish(); });
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true,
        attributeFilter: ['role', 'style', 'class', 'hidden', 'open'] });
      const r = el.getBoundingClientRect();
      t0 = performance.now();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window, button: 0, detail: 1,
        clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));
      setTimeout(() => { if (!finished) { finished = true; mo.disconnect(); done({ error: 'no visible [role=dialog] within 10 s' }); } }, 10_000);
    })), STEP_TIMEOUT * timeoutScale, 'popup');
    if (result.popup.error) errors.push(`popup: ${result.popup.error}`);
    result.popupMs = result.popup.ms ?? null;
    await sleep(600); // let a popup's auto-pan and fade finish
    result.popupClosed = await closePopup(page);

    // (e) frame intervals during a 2 s drag-pan and 10 wheel-zoom steps
    result.frames = await withTimeout(measureFrames(page, target), STEP_TIMEOUT * 2 * timeoutScale, 'drag and wheel');

    await networkQuiet();
    result.session = bytesOf(log.requests.slice(first));
    result.ok = true;
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0];
    result.timeout = /timeout/i.test(result.error);
  } finally {
    result.errors = errors.slice(0, 10);
    result.foreignRequests = foreign;
    result.notFound = log.requests.slice(first).filter((r) => r.status !== 200).map((r) => r.path);
    await withTimeout(context.close(), 30_000, 'closing the context').catch((e) => { result.closeError = String(e); });
  }
  return result;
}

// Closes the open popup so that it does not catch the drag or the wheel: Escape, else its close button.
async function closePopup(page) {
  const open = () => page.evaluate(() => [...document.querySelectorAll('[role="dialog"]')]
    .some((d) => d.isConnected && d.getBoundingClientRect().width > 0));
  if (!(await open())) return true;
  await page.keyboard.press('Escape');
  await sleep(300);
  if (!(await open())) return true;
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('[role="dialog"]')) {
      const close = d.querySelector('.leaflet-popup-close-button, button[aria-label*="lose" i], button[title*="lose" i]');
      close?.click();
    }
  });
  await sleep(300);
  return !(await open());
}

async function measureFrames(page, target) {
  // A point of the map to grab that is not a marker, a popup or a control.
  const start = await page.evaluate((sel) => {
    const map = document.querySelector(sel);
    const r = map.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    for (let k = 0; k < 200; k++) {
      const a = k * 2.4;
      const d = k * 4;
      const x = cx + d * Math.cos(a);
      const y = cy + d * Math.sin(a);
      const hit = document.elementFromPoint(x, y);
      if (hit && map.contains(hit)
        && !hit.closest('[data-feature-id], [role="dialog"], button, a, input, .leaflet-control, [data-annotation-id]')) {
        return { x, y, left: r.left, top: r.top, width: r.width, height: r.height };
      }
    }
    return { x: cx, y: cy, left: r.left, top: r.top, width: r.width, height: r.height };
  }, target.map);
  // Keep the drag inside the map and the viewport.
  const ax = Math.min(300, Math.max(50, Math.min(start.x - start.left, start.left + start.width - start.x) - 10));
  const ay = Math.min(150, Math.max(30, Math.min(start.y - start.top, start.top + start.height - start.y) - 10));

  await page.evaluate(() => {
    window.__benchFrames = [];
    window.__benchFramesOn = true;
    const tick = (t) => { window.__benchFrames.push(t); if (window.__benchFramesOn) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  // Whether the drag pans: where the first marker is (both maps place markers in screen space) at the start and at
  // the two farthest points of the drag (250 ms and 750 ms in).
  const markerAt = () => page.evaluate(() => {
    const r = document.querySelector('[data-feature-id]')?.getBoundingClientRect();
    return r ? { x: r.left, y: r.top } : null;
  });
  const m0 = await markerAt();
  let shift = 0;
  const samples = [250, 750];
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const t0 = Date.now();
  let moves = 0;
  for (let elapsed = 0; elapsed < 2000; elapsed = Date.now() - t0) {
    if (samples.length && elapsed >= samples[0]) {
      samples.shift();
      const m = await markerAt();
      if (m && m0) shift = Math.max(shift, Math.hypot(m.x - m0.x, m.y - m0.y));
    }
    const phase = (2 * Math.PI * elapsed) / 1000;
    await page.mouse.move(start.x + ax * Math.sin(phase), start.y + ay * Math.sin(phase * 0.7), { steps: 1 });
    moves += 1;
    const next = t0 + moves * 16;
    if (next > Date.now()) await sleep(next - Date.now());
  }
  await page.mouse.move(start.x, start.y);
  await page.mouse.up();
  await sleep(150);
  const zoomOf = () => page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { zoom: Number(el.dataset.zoom), lod: el.dataset.lod ?? null };
  }, target.map);
  const under = () => page.evaluate(({ x, y }) => {
    const e = document.elementFromPoint(x, y);
    return e ? `${e.tagName.toLowerCase()}.${String(e.className?.baseVal ?? e.className).split(' ')[0]}` : null;
  }, start);
  const beforeWheel = { ...(await zoomOf()), under: await under() };
  let deepest = beforeWheel.zoom;
  // Five steps in, five steps out.
  for (let i = 0; i < 10; i++) {
    if (i === 5) deepest = (await zoomOf()).zoom;
    await page.mouse.wheel(0, i < 5 ? -100 : 100);
    await sleep(150);
  }
  await sleep(400);
  const stamps = await page.evaluate(() => { window.__benchFramesOn = false; return window.__benchFrames; });
  const afterWheel = await zoomOf();
  const intervals = [];
  for (let i = 1; i < stamps.length; i++) intervals.push(stamps[i] - stamps[i - 1]);
  return {
    moves,
    count: intervals.length,
    medianMs: median(intervals),
    p95Ms: quantile(intervals, 0.95),
    maxMs: intervals.length ? Math.max(...intervals) : null,
    over50: intervals.filter((d) => d > 50).length,
    dragShiftPx: shift,
    zoom: { beforeWheel, afterFiveIn: deepest, afterWheel },
  };
}

// ---- metrics, summaries and the report ---------------------------------------------------------------------
const METRICS = [
  { key: 'readyMs', label: 'map-ready (ms)', get: (r) => r.readyMs, fmt: (v) => v.toFixed(0) },
  { key: 'renderedMs', label: 'map-ready frame rendered (ms)', get: (r) => r.renderedMs, fmt: (v) => v.toFixed(0) },
  { key: 'loadGzip', label: 'first load, gzip (KB)', get: (r) => r.load?.total.gzip, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'loadRaw', label: 'first load, raw (KB)', get: (r) => r.load?.total.raw, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'heapUsed', label: 'JS heap used (MB)', get: (r) => r.heapUsed, fmt: (v) => (v / 1048576).toFixed(2) },
  { key: 'wasmMemory', label: 'wasm memory (MB)', noRatio: true, get: (r) => r.wasmMemory, fmt: (v) => (v / 1048576).toFixed(2) },
  { key: 'domNodes', label: 'DOM nodes', get: (r) => r.domNodes, fmt: (v) => v.toFixed(0) },
  { key: 'popupMs', label: 'click → popup (ms)', get: (r) => r.popupMs, fmt: (v) => v.toFixed(1) },
  { key: 'frameMedian', label: 'frame median (ms)', get: (r) => r.frames?.medianMs, fmt: (v) => v.toFixed(1) },
  { key: 'frameP95', label: 'frame p95 (ms)', get: (r) => r.frames?.p95Ms, fmt: (v) => v.toFixed(1) },
  { key: 'framesOver50', label: 'frames > 50 ms', get: (r) => r.frames?.over50, fmt: (v) => v.toFixed(0) },
  { key: 'frameCount', label: 'frames (drag + wheel)', get: (r) => r.frames?.count, fmt: (v) => v.toFixed(0) },
];

function summarize(runs) {
  const out = {};
  for (const m of METRICS) {
    const xs = runs.map(m.get).filter((v) => typeof v === 'number' && Number.isFinite(v));
    out[m.key] = xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null;
  }
  const bytes = {};
  for (const phase of ['load', 'session']) {
    bytes[phase] = {};
    for (const c of [...CATEGORIES, 'total']) {
      const raw = runs.map((r) => r[phase]?.[c].raw).filter((v) => v !== undefined);
      const gz = runs.map((r) => r[phase]?.[c].gzip).filter((v) => v !== undefined);
      bytes[phase][c] = raw.length ? { raw: median(raw), gzip: median(gz) } : null;
    }
  }
  out.bytes = bytes;
  return out;
}

function cell(s, m) {
  if (!s) return '—';
  const v = m.fmt(s.median);
  return s.n > 1 && s.min !== s.max ? `${v} (${m.fmt(s.min)}–${m.fmt(s.max)})` : v;
}
function ratio(a, b) {
  if (!a || !b || typeof a.median !== 'number' || typeof b.median !== 'number') return '—';
  if (b.median === 0) return a.median === 0 ? '1.00' : '∞';
  return (a.median / b.median).toFixed(2);
}

function markdown(report) {
  const lines = [];
  const cfg = report.config;
  lines.push('# Benchmark results', '');
  lines.push(`- Date: ${report.date}`);
  lines.push(`- Machine: ${report.machine.nproc} CPUs (\`nproc\`), ${report.machine.cpu}; ${report.machine.kernel}; Node ${report.machine.node}`);
  lines.push(`- Browser: ${report.machine.chromium} (headless, \`--disable-gpu\`: software rendering), viewport ${cfg.viewport.width}×${cfg.viewport.height}, device scale 1`);
  lines.push(`- Runs per cell: ${cfg.runs} (fresh browser context each, cache disabled); cells show median (min–max)`);
  lines.push(`- Workload: \`?synthetic=N&seed=1\`${cfg.throttle ? `; "N ×${THROTTLE_RATE}" rows ran with CDP CPU throttling rate ${THROTTLE_RATE}` : ''}`);
  lines.push(`- Total run time: ${(report.durationMs / 60000).toFixed(1)} min`);
  lines.push('');
  lines.push('Ratios are app ÷ Leaflet (medians): below 1 the app is smaller/faster, above 1 it is larger/slower. On a');
  lines.push('shared 2-core machine absolute times drift from run to run; the ratios, measured in the same session, are what count.');
  lines.push('');

  const rows = report.cells.reduce((acc, c) => {
    const key = `${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''}`;
    (acc[key] ??= {})[c.target] = c;
    return acc;
  }, {});
  const label = (id) => TARGETS[id].label;
  lines.push('## Summary', '');
  lines.push(`| N | metric | ${TARGET_IDS.map(label).join(' | ')} | app ÷ SVG | app ÷ Canvas |`);
  lines.push(`|---|---|${TARGET_IDS.map(() => '---:').join('|')}|---:|---:|`);
  for (const [key, byTarget] of Object.entries(rows)) {
    for (const m of METRICS) {
      const cells = TARGET_IDS.map((t) => {
        const c = byTarget[t];
        if (!c) return '—';
        if (!c.summary[m.key]) return c.runs.some((r) => r.timeout) ? 'timeout' : 'failed';
        return cell(c.summary[m.key], m);
      });
      const app = byTarget.app?.summary[m.key];
      const ratios = m.noRatio ? ['n/a', 'n/a'] : [ratio(app, byTarget.svg?.summary[m.key]), ratio(app, byTarget.canvas?.summary[m.key])];
      lines.push(`| ${key} | ${m.label} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
    }
  }
  lines.push('');

  lines.push('## Bytes by category (median KB, gzip / raw)', '');
  lines.push('"first load" is everything requested until the network is quiet after map-ready; "session" adds what the');
  lines.push('drag and the wheel zoom fetched (finer basemap levels).', '');
  lines.push(`| target | N | phase | ${CATEGORIES.join(' | ')} | total |`);
  lines.push(`|---|---|---|${CATEGORIES.map(() => '---:').join('|')}|---:|`);
  const kb = (b) => (b ? `${(b.gzip / 1024).toFixed(1)} / ${(b.raw / 1024).toFixed(1)}` : '—');
  for (const c of report.cells) {
    for (const phase of ['load', 'session']) {
      const b = c.summary.bytes[phase];
      lines.push(`| ${label(c.target)} | ${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''} | ${phase === 'load' ? 'first load' : 'session'} | ${CATEGORIES.map((k) => kb(b[k])).join(' | ')} | ${kb(b.total)} |`);
    }
  }
  lines.push('');

  const problems = [];
  for (const c of report.cells) {
    c.runs.forEach((r, i) => {
      const where = `${label(c.target)}, N=${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''}, run ${i + 1}`;
      if (r.error) problems.push(`${where}: ${r.error}`);
      if (r.skipped) problems.push(`${where}: skipped (${r.skipped})`);
      for (const e of r.errors ?? []) problems.push(`${where}: console: ${e.slice(0, 200)}`);
      if (r.foreignRequests?.length) problems.push(`${where}: requests to another origin: ${r.foreignRequests.join(', ')}`);
      if (r.notFound?.length) problems.push(`${where}: not found: ${r.notFound.join(', ')}`);
      if (r.frames && r.frames.dragShiftPx < 20) problems.push(`${where}: the drag did not pan the map (first marker moved ${r.frames.dragShiftPx.toFixed(0)} px)`);
      if (r.frames && r.frames.zoom.afterFiveIn === r.frames.zoom.beforeWheel.zoom) problems.push(`${where}: the wheel did not zoom the map`);
      if (r.popupClosed === false) problems.push(`${where}: the popup could not be closed before the drag`);
    });
  }
  lines.push('## Notes', '');
  lines.push('- JS heap is `Runtime.getHeapUsage().usedSize` after a forced GC: the JavaScript heap only. The app\'s data lives in');
  lines.push('  WebAssembly linear memory, reported on its own row (its size: it grows and never shrinks); Leaflet has none.');
  lines.push('- DOM nodes is `Memory.getDOMCounters().nodes` for the page\'s renderer after the GC.');
  lines.push('- Frames are `requestAnimationFrame` intervals from the start of the drag to 400 ms after the last wheel step.');
  lines.push('- Level of detail shown at map-ready: ' + report.cells.filter((c) => !c.throttle)
    .map((c) => `${label(c.target)} N=${c.n}: ${[...new Set(c.runs.map((r) => r.lod ?? '?'))].join('/')}`).join('; '));
  lines.push('');
  if (problems.length) {
    lines.push('## Problems', '');
    for (const p of problems) lines.push(`- ${p}`);
    lines.push('');
  }
  return lines.join('\n');
}

// ---- main -------------------------------------------------------------------------------------------------
const began = Date.now();
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const baseUrl = `http://127.0.0.1:${server.address().port}/`;
await readFile(join(DIST, 'index.html')).catch(() => {
  throw new Error('dist/index.html is missing: build the app first (bash bench/run.sh does)');
});
if (process.argv.includes('--serve')) { // serve only, to look at the targets by hand
  console.log(`serving the app at ${baseUrl}?synthetic=1000 and the peer at ${baseUrl}leaflet-peer/?renderer=svg&synthetic=1000 (Ctrl+C stops)`);
  await new Promise(() => {});
}
let browser = await launchBrowser();
const report = {
  date: new Date().toISOString(),
  machine: { ...machine(), chromium: `Chromium ${browser.version()}` },
  config: { runs: RUNS, sizes: SIZES, targets: TARGET_IDS, viewport: VIEWPORT, seed: 1, throttle: THROTTLE ? { rate: THROTTLE_RATE, n: THROTTLE_N } : null, readyTimeoutMs: READY_TIMEOUT },
  url: baseUrl,
  cells: [],
};
console.log(`bench: ${report.machine.chromium}, ${report.machine.nproc} CPUs, ${report.machine.cpu}; ${RUNS} run(s) per cell; serving on ${baseUrl}`);

const plan = [];
for (const target of TARGET_IDS) for (const n of SIZES) plan.push({ target, n, throttle: false });
if (THROTTLE) for (const target of TARGET_IDS) plan.push({ target, n: THROTTLE_N, throttle: true });

try {
  for (const { target, n, throttle } of plan) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      if (runs.some((r) => r.readyTimeout)) { runs.push({ ok: false, skipped: 'an earlier run of this cell never became ready' }); continue; }
      const t = Date.now();
      let r;
      try {
        r = await oneRun(browser, baseUrl, TARGETS[target], n, throttle);
      } catch (e) {
        r = { ok: false, error: String(e.message ?? e).split('\n')[0] };
      }
      if (r.closeError || !browser.isConnected()) { // a hung renderer: start over with a new browser
        await browser.close().catch(() => {});
        browser = await launchBrowser();
      }
      const f = r.frames;
      console.log(`${TARGETS[target].label.padEnd(15)} N=${String(n).padStart(6)}${throttle ? ` ×${THROTTLE_RATE}` : '   '} run ${i + 1}/${RUNS}: ${r.ok
        ? `ready ${r.readyMs.toFixed(0)} ms, ${(r.load.total.gzip / 1024).toFixed(0)} KB gzip, heap ${(r.heapUsed / 1048576).toFixed(1)} MB, ${r.domNodes} nodes, popup ${r.popupMs?.toFixed(1) ?? '—'} ms, frames p50 ${f.medianMs?.toFixed(1)} p95 ${f.p95Ms?.toFixed(1)} >50ms ${f.over50}/${f.count}`
        : `FAILED: ${r.error}`} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
      runs.push(r);
    }
    report.cells.push({ target, n, throttle, runs, summary: summarize(runs) });
  }
} finally {
  await browser.close().catch(() => {});
  await new Promise((ok) => server.close(ok));
}
report.durationMs = Date.now() - began;
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'results.json'), JSON.stringify(report, null, 2) + '\n');
await writeFile(join(OUT, 'RESULTS.md'), markdown(report));
console.log(`\nwrote ${join(OUT, 'results.json')} and ${join(OUT, 'RESULTS.md')} in ${(report.durationMs / 60000).toFixed(1)} min`);
