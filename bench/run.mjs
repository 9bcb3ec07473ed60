// node bench/run.mjs [--runs R] [--throttle] [--sizes 0,1000,10000,100000,1000000]
//                    [--targets app,svg,canvas,ol-canvas,ol-webgl,maplibre] [--out DIR] [--encoding gzip|br]
//                    [--ready-timeout S] [--svg-at-1m] [--gl-flags gl|default] [--no-editing] [--no-probe] [--editing-only]
// node bench/run.mjs --report-only   (writes RESULTS.md again from results.json)
// node bench/run.mjs --serve   (only serves the targets, to look at them in a browser)
//
// The performance benchmark: the release build (dist/) against five peers drawing the same data in the same
// view (bench/peers/: Leaflet 1.9.4 with its SVG and its Canvas renderer, OpenLayers 10.11.0 with Canvas and
// with WebGL vector layers, MapLibre GL JS 6.20.0), in headless Debian Chromium through playwright-core, all
// served by this script on 127.0.0.1. For each target and each N of the synthetic workload (?synthetic=N&seed=1),
// R runs, each in a fresh browser context with the cache disabled, window 1280×800:
//   (a) time from navigation start to performance.mark("map-ready"), to the frame it announces, and to the
//       first frame that shows the scene's view with the workload drawn;
//   (b) bytes of the first load and of the session by category (wasm, js, css, data, other): raw, gzip and
//       brotli sizes of every body, counted by the server;
//   (c) JS heap used (after a GC), wasm memory and DOM node count once ready;
//   (d) how many synthetic points each page draws in its view (its own count) and how many lie in that view
//       (the bench's count from the view read back);
//   (e) latency from a click on the first [data-feature-id] element to a visible [role="dialog"];
//   (f) rAF frame intervals during a 2 s mouse drag-pan and 10 wheel-zoom steps.
// Then the app alone, editing under load (bench/editing.mjs), and one probe per WebGL target of whether it
// renders with the default flags. Writes bench/results.json and bench/RESULTS.md. See bench/README.md.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { EDITING, editingRun, summarizeEditing } from './editing.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
const DIST = join(ROOT, 'dist');
const PEERS = join(HERE, 'peers');
const MODULES = join(HERE, 'node_modules');

// ---- options ----------------------------------------------------------------------------------------------
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`--${name} needs a value`);
  return v;
}
const flag = (name) => process.argv.includes(`--${name}`);
const RUNS = Number(option('runs', '3'));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
const THROTTLE = flag('throttle');
const SIZES = option('sizes', '0,1000,10000,100000,1000000').split(',').map(Number);
const ALL_TARGETS = ['app', 'svg', 'canvas', 'ol-canvas', 'ol-webgl', 'maplibre'];
const TARGET_IDS = option('targets', ALL_TARGETS.join(',')).split(',');
const OUT = resolve(option('out', HERE));
const ENCODING = option('encoding', 'gzip');
if (!['gzip', 'br'].includes(ENCODING)) throw new Error('--encoding is gzip or br');
const READY_TIMEOUT = Number(option('ready-timeout', '60')) * 1000;
const SVG_AT_1M = flag('svg-at-1m');
const GL_FLAGS = option('gl-flags', 'gl'); // the flag set the WebGL targets run with: gl (software GL flags) or default
const EDITING_ONLY = flag('editing-only');
const RUN_EDITING = !flag('no-editing') && TARGET_IDS.includes('app');
const RUN_PROBE = !flag('no-probe') && !EDITING_ONLY;
const RUN_BUDGET = 45_000; // a run longer than this is the only run of its cell
const FRAMES_BUDGET = 15_000; // the drag and the wheel steps stop here (the frames so far are kept)
const SLOW_SCENE = 30_000; // a page whose scene took longer than this to draw gets no drag and wheel
const VIEWPORT = { width: 1280, height: 800 };
const THROTTLE_N = 10_000;
const THROTTLE_RATE = 4;

// ---- the shared peer module, run here too: the generator and the scene's view --------------------------------
const shared = (() => {
  const context = vm.createContext({ URLSearchParams });
  vm.runInContext(readFileSync(join(PEERS, 'shared.js'), 'utf8'), context, { filename: 'peers/shared.js' });
  return context.BenchPeer;
})();
const SCENE = shared.sceneView();
// The app's fragment (src/domain/url_state.rs): c=lon,lat with 5 decimals, z with 3, web-map zoom.
const FRAGMENT = `v1;c=${SCENE.lon.toFixed(5)},${SCENE.lat.toFixed(5)};z=${SCENE.zoom.toFixed(3)}`;
const workloads = new Map();
const workload = (n) => { if (!workloads.has(n)) workloads.set(n, shared.synthetic(n, 1)); return workloads.get(n); };

const q = (n) => `synthetic=${n}&seed=1`;
const TARGETS = {
  app: { id: 'app', label: 'app', app: true, path: (n) => `/?${q(n)}#${FRAGMENT}`, map: '[data-map]', flags: 'default' },
  svg: { id: 'svg', label: 'Leaflet SVG', path: (n) => `/peers/leaflet/?renderer=svg&${q(n)}`, map: '#map', flags: 'default' },
  canvas: { id: 'canvas', label: 'Leaflet Canvas', path: (n) => `/peers/leaflet/?renderer=canvas&${q(n)}`, map: '#map', flags: 'default' },
  'ol-canvas': { id: 'ol-canvas', label: 'OpenLayers Canvas', path: (n) => `/peers/openlayers/?renderer=canvas&${q(n)}`, map: '#map', flags: 'default' },
  'ol-webgl': { id: 'ol-webgl', label: 'OpenLayers WebGL', gl: true, path: (n) => `/peers/openlayers/?renderer=webgl&${q(n)}`, map: '#map', flags: 'gl' },
  maplibre: { id: 'maplibre', label: 'MapLibre', gl: true, path: (n) => `/peers/maplibre/?${q(n)}`, map: '#map', flags: 'gl' },
};
for (const t of TARGET_IDS) if (!TARGETS[t]) throw new Error(`unknown target ${t} (${ALL_TARGETS.join(', ')})`);
if (!['gl', 'default'].includes(GL_FLAGS)) throw new Error('--gl-flags is gl or default');
for (const t of Object.values(TARGETS)) if (t.gl) t.flags = GL_FLAGS;
const PEER_IDS = TARGET_IDS.filter((t) => !TARGETS[t].app);

// ---- Chromium: the flag sets ---------------------------------------------------------------------------------
const COMMON_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const FLAG_SETS = {
  // Playwright adds --enable-unsafe-swiftshader to every launch (its default arguments): "plain" removes it.
  default: { args: [...COMMON_ARGS, '--disable-gpu'], shown: '--disable-gpu' },
  gl: { args: [...COMMON_ARGS, '--use-angle=swiftshader', '--enable-unsafe-swiftshader'], shown: '--use-angle=swiftshader --enable-unsafe-swiftshader' },
  plain: { args: [...COMMON_ARGS, '--disable-gpu'], ignoreDefaultArgs: ['--enable-unsafe-swiftshader'], shown: '--disable-gpu, without Playwright\'s --enable-unsafe-swiftshader' },
};
function launchBrowser(set) {
  const s = FLAG_SETS[set];
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: s.args,
    ...(s.ignoreDefaultArgs ? { ignoreDefaultArgs: s.ignoreDefaultArgs } : {}) });
}
// One browser at a time (the machine has two cores): switching flag sets closes the other.
const browsers = {};
async function browserFor(set) {
  for (const [k, b] of Object.entries(browsers)) {
    if (k !== set || !b.isConnected()) { await b.close().catch(() => {}); delete browsers[k]; }
  }
  if (!browsers[set]) browsers[set] = await launchBrowser(set);
  return browsers[set];
}
async function dropBrowser(set) { await browsers[set]?.close().catch(() => {}); delete browsers[set]; }

// ---- the server: everything the targets load, compressed once, and counted ----------------------------------
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.webp': 'image/webp',
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

// The peers' data is the app's: the GeoJSON levels the app's quantized files are written from (assets/geo/),
// and the story package from dist/.
const FILES = {
  '/peer-data/l0.geojson': join(ROOT, 'assets/geo/l0.geojson'),
  '/peer-data/l1.geojson': join(ROOT, 'assets/geo/l1.geojson'),
  '/peer-data/l2.geojson': join(ROOT, 'assets/geo/l2.geojson'),
  '/peer-data/umarov-tajikistan-2021.json': join(DIST, 'stories/umarov-tajikistan-2021.json'),
  '/lib/ol/ol.js': join(MODULES, 'ol/dist/ol.js'),
  '/lib/ol/ol.css': join(MODULES, 'ol/ol.css'),
};
const FOLDERS = [
  ['/peers/', PEERS],
  ['/lib/leaflet/', join(MODULES, 'leaflet/dist')],
  ['/lib/maplibre-gl/', join(MODULES, 'maplibre-gl/dist')],
  ['/', DIST],
];
function resolveFile(pathname) {
  const safe = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
  if (FILES[safe]) return FILES[safe];
  for (const [prefix, root] of FOLDERS) {
    if (!safe.startsWith(prefix) && safe !== prefix.slice(0, -1)) continue;
    const rest = safe.slice(prefix.length - 1) || '/';
    const file = resolve(root, '.' + sep + (rest.endsWith('/') ? join(rest, 'index.html') : rest));
    return file.startsWith(root + sep) ? file : null;
  }
  return null;
}

// Each body once: raw, gzip (level 6) and brotli (quality 11), computed before the first run.
const bodies = new Map();
const TEXT_TYPES = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.svg']);
function compress(file, raw) {
  return {
    raw,
    gzip: gzipSync(raw, { level: 6 }),
    br: brotliCompressSync(raw, { params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [zlibConstants.BROTLI_PARAM_MODE]: TEXT_TYPES.has(extname(file)) ? zlibConstants.BROTLI_MODE_TEXT : zlibConstants.BROTLI_MODE_GENERIC,
    } }),
  };
}
async function body(file) {
  let b = bodies.get(file);
  if (!b) { b = compress(file, await readFile(file)); bodies.set(file, b); }
  return b;
}
function servedFiles() {
  const out = new Set(Object.values(FILES));
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!/\.(map|d\.ts|br|gz)$/.test(name) && !name.includes('-dev.')) out.add(p);
    }
  };
  for (const [, root] of FOLDERS) walk(root);
  return [...out];
}

const log = { requests: [], inflight: 0, lastActivity: Date.now() };
const server = createServer(async (req, res) => {
  log.inflight += 1;
  log.lastActivity = Date.now();
  const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const entry = { path: pathname, category: category(pathname), status: 200, raw: 0, gzip: 0, br: 0, sent: 0, encoding: 'identity', at: Date.now() };
  log.requests.push(entry);
  res.on('close', () => { log.inflight -= 1; log.lastActivity = Date.now(); });
  try {
    const file = resolveFile(pathname);
    if (!file) throw new Error('outside');
    const b = await body(file);
    const accepts = req.headers['accept-encoding'] ?? '';
    const encoding = ENCODING === 'br' && /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : 'identity';
    const payload = encoding === 'identity' ? b.raw : b[encoding];
    Object.assign(entry, { raw: b.raw.length, gzip: b.gzip.length, br: b.br.length, sent: payload.length, encoding });
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': payload.length,
      'cache-control': 'no-store',
      vary: 'accept-encoding',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
  } catch {
    entry.status = 404;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});

function bytesOf(requests) {
  const zero = () => ({ raw: 0, gzip: 0, br: 0, sent: 0, requests: 0 });
  const out = { total: zero() };
  for (const c of CATEGORIES) out[c] = zero();
  for (const r of requests) {
    for (const k of [r.category, 'total']) {
      for (const f of ['raw', 'gzip', 'br', 'sent']) out[k][f] += r[f];
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
const thousands = (n) => Number(n).toLocaleString('en-US');

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
  let memory = '';
  try { memory = execSync('grep -m1 MemTotal /proc/meminfo', { encoding: 'utf8' }).replace(/\s+/g, ' ').trim(); } catch { /* none */ }
  return { nproc, cpu, kernel, memory, node: process.version };
}

// ---- what every page gets before its own scripts --------------------------------------------------------------
// - the app's WebAssembly memory (trunk's loader announces the module), which the JS heap does not include;
// - every WebGL context a page asks for (and whether it got one), to name the renderer;
// - when the frame that map-ready announces has been rendered: map-ready is marked before the browser renders
//   that frame (in the app's effect, in the peers' callbacks), so the page records the first task after the next
//   rendering step. A timer set during a frame's animation-frame phase runs after that frame is rendered; the
//   wrapper of requestAnimationFrame only notes that phase (it costs a closure per call);
// - for the app, when the scene is drawn: the app marks map-ready on its first frame (its home view) and opens
//   the fragment's view just after, so "scene drawn" is the first task after the frame in which [data-map] shows
//   the scene's zoom and (with N > 0) the synthetic canvas has been drawn again after that. For a peer, which is
//   built in the scene's view, it is the map-ready frame.
const PAGE_INIT = (cfg) => {
  addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail?.wasm; });
  window.__benchGl = [];
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = getContext.call(this, type, ...rest);
    if (/webgl/i.test(String(type)) && !window.__benchGl.some((g) => g.ctx === ctx && ctx)) window.__benchGl.push({ type: String(type), ctx });
    return ctx;
  };
  const raf = window.requestAnimationFrame.bind(window);
  let inFrame = false;
  window.requestAnimationFrame = function requestAnimationFrame(cb) {
    return raf((t) => {
      if (!inFrame) { inFrame = true; setTimeout(() => { inFrame = false; }, 0); }
      return cb(t);
    });
  };
  const afterRendered = (cb) => { if (inFrame) setTimeout(cb, 0); else raf(() => setTimeout(cb, 0)); };
  const mark = Performance.prototype.mark;
  Performance.prototype.mark = function (name, ...rest) {
    const entry = mark.call(this, name, ...rest);
    if (name === 'map-ready' && !('__benchRendered' in window)) {
      window.__benchRendered = null;
      afterRendered(() => {
        window.__benchRendered = performance.now();
        if (!cfg.sceneZoom) window.__benchScene = window.__benchRendered;
      });
    }
    return entry;
  };
  if (cfg.sceneZoom) {
    let sawView = false;
    let done = false;
    const finish = () => { done = true; observer.disconnect(); afterRendered(() => { window.__benchScene = performance.now(); }); };
    const observer = new MutationObserver((records) => {
      if (done) return;
      // The value each data-zoom record left is the next record's old value, or the current one.
      const zoomRecords = records.filter((r) => r.attributeName === 'data-zoom' && r.target.hasAttribute('data-map'));
      for (const r of records) {
        if (r.type === 'childList' && !sawView) {
          const m = document.querySelector('[data-map]');
          if (m && m.dataset.zoom === cfg.sceneZoom && !zoomRecords.length) sawView = true;
        } else if (r.attributeName === 'data-zoom' && r.target.hasAttribute('data-map')) {
          const k = zoomRecords.indexOf(r);
          const value = k + 1 < zoomRecords.length ? zoomRecords[k + 1].oldValue : r.target.dataset.zoom;
          sawView = value === cfg.sceneZoom;
        } else if (sawView && r.target.matches?.('canvas[data-layer="synthetic"]')) {
          finish();
          return;
        }
        if (sawView && !cfg.n) { finish(); return; }
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true,
      attributeFilter: ['data-zoom', 'width', 'data-drawn-points'] });
  }
};

// What a page shows: its map's size, its view read back (web-map zoom) and how many synthetic points it says it
// draws, with how it counted them. The app's count is canvas[data-layer="synthetic"]'s data-drawn-points.
async function readScene(page, target) {
  return page.evaluate(({ app, sel }) => {
    const gl = (window.__benchGl || []).map((g) => {
      let renderer = null;
      try {
        const ext = g.ctx && g.ctx.getExtension('WEBGL_debug_renderer_info');
        renderer = g.ctx ? String(g.ctx.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : g.ctx.RENDERER)) : null;
      } catch { /* lost */ }
      return { type: g.type, ok: !!g.ctx, renderer };
    });
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const size = { width: Math.round(r.width), height: Math.round(r.height) };
    if (app) {
      const canvas = document.querySelector('canvas[data-layer="synthetic"]');
      const attr = canvas?.getAttribute('data-drawn-points');
      return {
        library: 'app (release build)', size, gl,
        view: { lon: Number(el.dataset.centerLon), lat: Number(el.dataset.centerLat), zoom: Number(el.dataset.zoom), width: r.width, height: r.height },
        drawn: attr == null ? null : { count: Number(attr), method: 'canvas[data-layer="synthetic"] data-drawn-points' },
      };
    }
    const p = window.__peer;
    return { library: p?.library ?? null, size, gl, view: p ? p.view() : null, drawn: p ? p.drawnPoints() : null };
  }, { app: !!target.app, sel: target.map });
}

// The synthetic points' colour in a screenshot of the page: rgb(120, 60, 150) at 65 % over any ground the maps
// use is purple (b − g > 30 and r − g > 20); nothing else on the maps is. Decoded in the page.
async function syntheticPixels(page) {
  const png = await page.screenshot({ type: 'png' });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 2] - d[i + 1] > 30 && d[i] - d[i + 1] > 20) n += 1;
    return n;
  }, png.toString('base64'));
}

// ---- one run ----------------------------------------------------------------------------------------------
async function oneRun(baseUrl, target, n, throttle, { pixels = false } = {}) {
  const result = { ok: false };
  const browser = await browserFor(target.flags);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(baseUrl) && !/^(data|blob):/.test(r.url())) foreign.push(r.url()); });
  await page.addInitScript(PAGE_INIT, { sceneZoom: target.app ? SCENE.zoom.toFixed(4) : null, n });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
  const timeoutScale = throttle ? 2 : 1;

  await networkQuiet(200, 3000); // nothing left over from the run before
  const first = log.requests.length;
  try {
    // (a) time to map-ready, to its frame, to the scene
    await page.goto(baseUrl + target.path(n).slice(1), { waitUntil: 'commit', timeout: READY_TIMEOUT });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null,
        { timeout: READY_TIMEOUT * timeoutScale, polling: 100 });
    } catch {
      result.readyTimeout = true;
      throw new Error(`timeout: map-ready not marked within ${READY_TIMEOUT * timeoutScale / 1000} s`);
    }
    result.readyMs = await page.evaluate(() => performance.getEntriesByName('map-ready')[0].startTime);
    // The same moment on the server's clock (one machine), to split the bytes asked for before it.
    result.readyEpoch = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName('map-ready')[0].startTime);
    await page.waitForFunction(() => typeof window.__benchRendered === 'number', null,
      { timeout: READY_TIMEOUT * timeoutScale, polling: 50 }).catch(() => {});
    result.renderedMs = await page.evaluate(() => window.__benchRendered ?? null);
    await page.waitForFunction(() => typeof window.__benchScene === 'number', null,
      { timeout: 30_000 * timeoutScale, polling: 50 }).catch(() => {});
    result.sceneMs = await page.evaluate(() => window.__benchScene ?? null);
    if (result.sceneMs == null) errors.push('the scene\'s view was not seen drawn within 30 s');

    // From here on a step that fails or runs out of time is recorded and the run goes on with what it has;
    // after a step that timed out (the page is busy) the remaining steps are skipped.
    result.stepErrors = {};
    let busy = null;
    const step = async (name, ms, fn) => {
      if (busy) { result.stepErrors[name] = `skipped: ${busy}`; return; }
      try {
        await withTimeout(fn(), ms, name);
      } catch (e) {
        const why = String(e.message ?? e).split('\n')[0];
        result.stepErrors[name] = why;
        if (/timeout/i.test(why)) busy = `${name} timed out`;
      }
    };

    // (b) bytes of the first load (until the network is quiet after map-ready)
    await networkQuiet();
    result.loadRequests = log.requests.slice(first).map((r) => ({ ...r }));
    result.load = bytesOf(result.loadRequests);
    result.untilReady = bytesOf(result.loadRequests.filter((r) => r.at <= result.readyEpoch));

    // (d) the scene: view read back, points drawn (the page's count), points in that view (the bench's count)
    await step('reading the scene', 30_000 * timeoutScale, async () => {
      result.lod = await page.evaluate((sel) => document.querySelector(sel)?.dataset.lod ?? null, target.map);
      const scene = await readScene(page, target);
      result.scene = { library: scene.library, size: scene.size, view: scene.view, gl: scene.gl };
      result.drawnPoints = scene.drawn?.count ?? null;
      result.drawnMethod = scene.drawn?.method ?? null;
      result.pointsInView = scene.view ? shared.pointsInView(workload(n), scene.view) : null;
    });
    if (pixels) await step('screenshot', 30_000 * timeoutScale, async () => { result.syntheticPixels = await syntheticPixels(page); });

    // (c) JS heap and DOM nodes, after a full GC
    await step('heap and DOM counters', 60_000 * timeoutScale, async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      const dom = await cdp.send('Memory.getDOMCounters');
      result.heapUsed = heap.usedSize;
      result.heapTotal = heap.totalSize;
      if (heap.backingStorageSize !== undefined) result.backingStorage = heap.backingStorageSize; // ArrayBuffers (not wasm memory)
      result.domNodes = dom.nodes;
      result.wasmMemory = await page.evaluate(() => window.__benchWasm?.memory?.buffer?.byteLength ?? 0);
      result.documentNodesInTree = await page.evaluate(() => document.getElementsByTagName('*').length);
    });

    // (e) a mouse click on a story marker to a visible [role=dialog], measured in the page from the pointerup
    await step('popup', 30_000 * timeoutScale, async () => {
      result.popup = await clickToPopup(page, target);
      if (result.popup.error) errors.push(`popup: ${result.popup.error}`);
      result.popupMs = result.popup.ms ?? null;
      await sleep(600); // let a popup's auto-pan and fade finish
      result.popupClosed = await closePopup(page);
    });

    // (f) frame intervals during a 2 s drag-pan and 10 wheel-zoom steps (cut short after FRAMES_BUDGET; not tried
    // when the scene took over SLOW_SCENE to draw: every input event waits for frames of that order)
    if ((result.sceneMs ?? result.renderedMs ?? Infinity) > SLOW_SCENE * timeoutScale) {
      result.stepErrors['drag and wheel'] = `skipped: the scene took ${result.sceneMs == null ? 'over 30' : (result.sceneMs / 1000).toFixed(0)} s to draw`;
    } else {
      await step('drag and wheel', (FRAMES_BUDGET + 25_000) * timeoutScale, async () => {
        result.frames = await measureFrames(page, target, Date.now() + FRAMES_BUDGET * timeoutScale);
      });
    }

    if (!busy) await networkQuiet();
    result.session = bytesOf(log.requests.slice(first));
    result.ok = true;
    result.partial = Object.keys(result.stepErrors).length > 0;
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

// A real mouse click (pointerdown, pointerup, click) on the centre of the first story marker that is the topmost
// element there; the time runs from the pointerup (a capture listener on window, so before the page's own) to
// the animation frame after a new [role="dialog"] is visible (a MutationObserver sees it). The app opens a
// marker's popup from its map gestures (a pointer's click on a marker is the map's), Leaflet on the marker's
// click, MapLibre on the map's click, the OpenLayers peer on the overlay element's click.
async function clickToPopup(page, target) {
  const at = await page.evaluate((sel) => {
    const map = document.querySelector(sel);
    const markers = [...map.querySelectorAll('[data-feature-id]')];
    const centre = (el) => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; };
    const el = markers.find((m) => { const c = centre(m); return document.elementFromPoint(c.x, c.y)?.closest('[data-feature-id]') === m; }) ?? markers[0];
    if (!el) return null;
    const before = new Set([...document.querySelectorAll('[role="dialog"]')].filter((d) => d.getBoundingClientRect().width > 0));
    const visible = (d) => {
      if (before.has(d) || !d.isConnected) return false;
      const r = d.getBoundingClientRect();
      const cs = getComputedStyle(d);
      return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden';
    };
    const w = (window.__popup = { t0: null, ms: null, id: el.getAttribute('data-feature-id'), error: null });
    addEventListener('pointerup', () => { w.t0 = performance.now(); }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      if (w.t0 == null || w.ms != null) return;
      if ([...document.querySelectorAll('[role="dialog"]')].some(visible)) {
        mo.disconnect();
        w.seen = true;
        requestAnimationFrame(() => { w.ms = performance.now() - w.t0; });
      }
    });
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true,
      attributeFilter: ['role', 'style', 'class', 'hidden', 'open'] });
    return { ...centre(el), id: w.id };
  }, target.map);
  if (!at) return { error: 'no [data-feature-id] element' };
  await page.mouse.click(at.x, at.y);
  const ok = await page.waitForFunction(() => window.__popup.ms != null, null, { timeout: 10_000, polling: 20 }).then(() => true, () => false);
  const w = await page.evaluate(() => window.__popup);
  return ok ? { ms: w.ms, id: at.id } : { error: `no visible [role=dialog] within 10 s of a click on ${at.id}` };
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

async function measureFrames(page, target, deadline = Infinity) {
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
        && !hit.closest('[data-feature-id], [role="dialog"], button, a, input, .leaflet-control, .maplibregl-ctrl, .maplibregl-popup, .ol-control, .ol-overlay-container, [data-annotation-id]')) {
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
  // Whether the drag pans: where the first marker is (every map places its markers in screen space) at the start
  // and at the two farthest points of the drag (250 ms and 750 ms in).
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
  for (let elapsed = 0; elapsed < 2000 && Date.now() < deadline; elapsed = Date.now() - t0) {
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
  let wheelSteps = 0;
  for (let i = 0; i < 10 && Date.now() < deadline; i++) {
    if (i === 5) deepest = (await zoomOf()).zoom;
    wheelSteps += 1;
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
    wheelSteps,
    cutShort: wheelSteps < 10 ? `the frames budget (${FRAMES_BUDGET / 1000} s) ran out after ${wheelSteps} of 10 wheel steps` : null,
    zoom: { beforeWheel, afterFiveIn: deepest, afterWheel },
  };
}

// ---- whether the WebGL targets render at all with the default flags ---------------------------------------
// One page each (N = 1 000), in a browser of its own: the run's default flags (as Playwright launches them, which
// adds --enable-unsafe-swiftshader), and the same without Playwright's --enable-unsafe-swiftshader (what Chromium
// itself does with --disable-gpu). The measured runs show whether they render with their own flags. "Renders" = map-ready marked, a WebGL context created, and the synthetic points' colour on
// screen.
async function probe(baseUrl, target, set) {
  const out = { target: target.id, flags: set, shown: FLAG_SETS[set].shown };
  const browser = await launchBrowser(set);
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(PAGE_INIT, { sceneZoom: null, n: 1000 });
    await page.goto(baseUrl + target.path(1000).slice(1), { waitUntil: 'commit' });
    out.ready = await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 30_000, polling: 100 })
      .then(() => true, () => false);
    if (out.ready) out.readyMs = await page.evaluate(() => performance.getEntriesByName('map-ready')[0].startTime);
    await sleep(500);
    const scene = await readScene(page, target).catch(() => null);
    out.gl = scene?.gl ?? [];
    out.webgl = out.gl.some((g) => g.ok);
    out.renderer = out.gl.find((g) => g.ok)?.renderer ?? null;
    out.syntheticPixels = await syntheticPixels(page).catch(() => null);
    out.errors = errors.slice(0, 5);
    out.renders = !!(out.ready && out.webgl && out.syntheticPixels > 500);
    await context.close();
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
    out.renders = false;
  } finally {
    await browser.close().catch(() => {});
  }
  return out;
}

// ---- metrics, summaries and the report ---------------------------------------------------------------------
const MB = (v) => (v / 1048576).toFixed(2);
const METRICS = [
  { key: 'readyMs', label: 'map-ready (ms)', get: (r) => r.readyMs, fmt: (v) => v.toFixed(0) },
  { key: 'renderedMs', label: 'map-ready frame rendered (ms)', get: (r) => r.renderedMs, fmt: (v) => v.toFixed(0) },
  { key: 'sceneMs', label: 'scene drawn (ms)', get: (r) => r.sceneMs, fmt: (v) => v.toFixed(0) },
  { key: 'readyGzip', label: 'requested up to map-ready, gzip (KB)', get: (r) => r.untilReady?.total.gzip, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'readyBr', label: 'requested up to map-ready, brotli (KB)', get: (r) => r.untilReady?.total.br, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'loadGzip', label: 'first load, gzip (KB)', get: (r) => r.load?.total.gzip, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'loadBr', label: 'first load, brotli (KB)', get: (r) => r.load?.total.br, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'loadRaw', label: 'first load, raw (KB)', get: (r) => r.load?.total.raw, fmt: (v) => (v / 1024).toFixed(1) },
  { key: 'heapUsed', label: 'JS heap used (MB)', get: (r) => r.heapUsed, fmt: MB },
  { key: 'wasmMemory', label: 'wasm memory (MB)', noRatio: true, get: (r) => r.wasmMemory, fmt: MB },
  { key: 'heapWasm', label: 'JS heap + wasm memory (MB)', get: (r) => (r.heapUsed == null ? undefined : r.heapUsed + (r.wasmMemory ?? 0)), fmt: MB },
  { key: 'domNodes', label: 'DOM nodes', get: (r) => r.domNodes, fmt: (v) => v.toFixed(0) },
  { key: 'popupMs', label: 'click → popup (ms)', get: (r) => r.popupMs, fmt: (v) => v.toFixed(1) },
  { key: 'frameMedian', label: 'frame median (ms)', get: (r) => r.frames?.medianMs, fmt: (v) => v.toFixed(1) },
  { key: 'frameP95', label: 'frame p95 (ms)', get: (r) => r.frames?.p95Ms, fmt: (v) => v.toFixed(1) },
  { key: 'framesOver50', label: 'frames > 50 ms', get: (r) => r.frames?.over50, fmt: (v) => v.toFixed(0) },
  { key: 'frameMax', label: 'longest frame (ms)', get: (r) => r.frames?.maxMs, fmt: (v) => v.toFixed(0) },
  { key: 'frameCount', label: 'frames (drag + wheel)', noRatio: true, get: (r) => r.frames?.count, fmt: (v) => v.toFixed(0) },
  { key: 'drawnPoints', label: 'synthetic points drawn (page\'s count)', noRatio: true, get: (r) => r.drawnPoints, fmt: (v) => thousands(v) },
  { key: 'pointsInView', label: 'synthetic points in its view (bench\'s count)', noRatio: true, get: (r) => r.pointsInView, fmt: (v) => thousands(v) },
];

// The step of a run that each metric comes from (for a cell that has no value: skipped, timed out or failed).
const STEP_OF = {
  heapUsed: 'heap and DOM counters', wasmMemory: 'heap and DOM counters', heapWasm: 'heap and DOM counters', domNodes: 'heap and DOM counters',
  popupMs: 'popup', frameMedian: 'drag and wheel', frameMax: 'drag and wheel', frameP95: 'drag and wheel', framesOver50: 'drag and wheel', frameCount: 'drag and wheel',
  drawnPoints: 'reading the scene', pointsInView: 'reading the scene',
};

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
      const of = (f) => runs.map((r) => r[phase]?.[c][f]).filter((v) => v !== undefined);
      bytes[phase][c] = of('raw').length ? { raw: median(of('raw')), gzip: median(of('gzip')), br: median(of('br')) } : null;
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
function ratioTo(a, b) {
  if (b === 0) return a === 0 ? '1.00' : '∞';
  return (a / b).toFixed(2);
}

function markdown(report) {
  const lines = [];
  const cfg = report.config;
  const label = (id) => TARGETS[id].label;
  const targets = cfg.targets;
  const peers = targets.filter((t) => !TARGETS[t].app);
  lines.push('# Benchmark results', '');
  lines.push(`- Date: ${report.date}`);
  lines.push(`- Machine: ${report.machine.nproc} CPUs (\`nproc\`), ${report.machine.cpu}; ${report.machine.memory}; ${report.machine.kernel}; Node ${report.machine.node}`);
  lines.push(`- Browser: ${report.machine.chromium}, headless, window ${cfg.viewport.width}×${cfg.viewport.height}, device scale 1 (flags per target below)`);
  lines.push(`- Runs per cell: ${cfg.runs} (fresh browser context each, cache disabled); cells show median (min–max)`);
  lines.push(`- Workload: \`?synthetic=N&seed=1\`; scene: the workload's extent (${shared.SCENE_BOUNDS.west}–${shared.SCENE_BOUNDS.east}°E × ${shared.SCENE_BOUNDS.south}–${shared.SCENE_BOUNDS.north}°N) fitted to ${shared.SCENE_SIZE.width}×${shared.SCENE_SIZE.height}: centre ${SCENE.lon}, ${SCENE.lat}, web-map zoom ${SCENE.zoom} (the app: \`#${FRAGMENT}\`)${cfg.throttle ? `; "N ×${THROTTLE_RATE}" rows ran with CDP CPU throttling rate ${THROTTLE_RATE}` : ''}`);
  lines.push(`- Responses sent ${cfg.encoding}; the gzip (level 6) and brotli (quality 11) sizes of every body are both counted`);
  lines.push(`- Total run time: ${(report.durationMs / 60000).toFixed(1)} min (\`node bench/run.mjs ${cfg.argv.join(' ')}\`)`);
  if (report.renderedAgain) lines.push(`- These tables were rendered again from that run's results.json on ${report.renderedAgain} (\`node bench/run.mjs --report-only\`)`);
  lines.push('');

  // Targets
  lines.push('## Targets', '');
  lines.push('| target | what | Chromium flags | WebGL context (renderer) | map size (CSS px) | view read back (lon, lat, web-map zoom) |');
  lines.push('|---|---|---|---|---|---|');
  for (const t of targets) {
    const r = report.cells.filter((c) => c.target === t).flatMap((c) => c.runs).find((x) => x.scene);
    const s = r?.scene;
    const gl = s ? (s.gl.length ? s.gl.map((g) => (g.ok ? `${g.type}: ${g.renderer}` : `${g.type}: refused`)).join('; ') : 'none (2D canvas / SVG)') : '—';
    const view = s?.view ? `${s.view.lon.toFixed(4)}, ${s.view.lat.toFixed(4)}, ${s.view.zoom.toFixed(3)}` : '—';
    lines.push(`| ${label(t)} | ${s?.library ?? '—'} | \`${FLAG_SETS[TARGETS[t].flags].shown}\` | ${gl} | ${s ? `${s.size.width}×${s.size.height}` : '—'} | ${view} |`);
  }
  lines.push('');
  const appRun = report.cells.filter((c) => c.target === 'app').flatMap((c) => c.runs).find((x) => x.scene);
  if (appRun) {
    const sz = appRun.scene.size;
    lines.push(`The peers' map fills the window (${cfg.viewport.width}×${cfg.viewport.height}). The app's map is ${sz.width}×${sz.height}: its`);
    lines.push('header and its side panel (40 % of the width) take the rest; `?embed=1` gives a full-width map of a fixed');
    lines.push(`height (${report.embedSize ? `${report.embedSize.width}×${report.embedSize.height}` : '440 px'} measured), no nearer to ${cfg.viewport.width}×${cfg.viewport.height}, so the bench uses the app's normal page. The app is given`);
    lines.push('the peers\' centre and zoom in its fragment: the same scale, on a smaller map, so it shows part of the scene');
    lines.push('(see "points in its view").', '');
  }

  const rows = report.cells.reduce((acc, c) => {
    const key = `${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''}`;
    (acc[key] ??= {})[c.target] = c;
    return acc;
  }, {});
  lines.push('## Summary', '');
  lines.push('"app ÷ best peer" is the app\'s median over the lowest median among the peers for that metric (named): below 1');
  lines.push('the app is smaller or faster than every peer, above 1 some peer does better. "timeout": map-ready never came');
  lines.push(`within ${cfg.readyTimeoutMs / 1000} s; "skipped": not run (the reason is under Problems).`, '');
  lines.push(`| N | metric | ${targets.map(label).join(' | ')} | app ÷ best peer |`);
  lines.push(`|---|---|${targets.map(() => '---:').join('|')}|---:|`);
  for (const [key, byTarget] of Object.entries(rows)) {
    for (const m of METRICS) {
      const cells = targets.map((t) => {
        const c = byTarget[t];
        if (!c) return '—';
        if (c.skipped) return 'skipped';
        if (!c.summary[m.key]) {
          if (c.runs.some((r) => r.readyTimeout)) return 'timeout';
          const why = c.runs.map((r) => r.stepErrors?.[STEP_OF[m.key]]).find(Boolean);
          if (why) return why.startsWith('skipped') ? 'skipped' : /timeout/i.test(why) ? 'timeout' : 'failed';
          if (m.key === 'drawnPoints' && TARGETS[t].app && c.runs.some((r) => r.ok)) return 'n/a';
          return c.runs.some((r) => r.ok) ? '—' : 'failed';
        }
        return cell(c.summary[m.key], m);
      });
      let ratio = 'n/a';
      const app = byTarget.app?.summary?.[m.key];
      if (!m.noRatio && app && targets.includes('app')) {
        // Lowest median as shown (ties go to the first peer in column order).
        const best = peers.map((t) => ({ t, s: byTarget[t]?.summary?.[m.key] })).filter((x) => x.s)
          .sort((a, b) => Number(m.fmt(a.s.median)) - Number(m.fmt(b.s.median)))[0];
        ratio = best ? `${ratioTo(app.median, best.s.median)} (${label(best.t)})` : '—';
      }
      lines.push(`| ${key} | ${m.label} | ${cells.join(' | ')} | ${ratio} |`);
    }
  }
  lines.push('');

  // Features drawn
  lines.push('## Features drawn', '');
  lines.push('Per target and N (first run of each cell): the synthetic points the page says it draws in its view (the app:');
  lines.push('`data-drawn-points` on `canvas[data-layer="synthetic"]`, "n/a" when the build has no such attribute; the peers:');
  lines.push('their own API, named below), the points that lie in the view it reports (computed by the bench with the same');
  lines.push('generator), and the screenshot\'s pixels of the points\' colour (a check that something was drawn at all).', '');
  lines.push('| target | N | drawn (page\'s count) | in its view (bench) | of N | points\' pixels on screen |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  for (const c of report.cells.filter((x) => !x.throttle && x.n > 0)) {
    const r = c.runs.find((x) => x.scene);
    if (!r) { lines.push(`| ${label(c.target)} | ${thousands(c.n)} | ${c.skipped ? 'skipped' : 'failed'} | | | |`); continue; }
    const drawn = r.drawnPoints == null ? 'n/a' : thousands(r.drawnPoints);
    lines.push(`| ${label(c.target)} | ${thousands(c.n)} | ${drawn} | ${r.pointsInView == null ? '—' : thousands(r.pointsInView)} | ${r.pointsInView == null ? '—' : `${((100 * r.pointsInView) / c.n).toFixed(1)} %`} | ${r.syntheticPixels == null ? '—' : thousands(r.syntheticPixels)} |`);
  }
  lines.push('');
  const methods = targets.map((t) => {
    const r = report.cells.filter((c) => c.target === t).flatMap((c) => c.runs).find((x) => x.drawnMethod);
    return `${label(t)}: ${r ? `\`${r.drawnMethod}\`` : (TARGETS[t].app ? 'no `data-drawn-points` attribute in this build' : '—')}`;
  });
  lines.push(`Counted by: ${methods.join('; ')}.`, '');

  // Bytes
  lines.push('## Bytes by category (median KB: gzip / brotli / raw)', '');
  lines.push('"first load" is everything requested until the network is quiet after map-ready (for the app that includes the');
  lines.push('reference layers it fetches just after map-ready; the summary\'s "requested up to map-ready" rows stop at the mark); "session" adds what the');
  lines.push('drag and the wheel zoom fetched (finer basemap levels). gzip is level 6, brotli quality 11, of the same bodies.', '');
  lines.push(`| target | N | phase | ${CATEGORIES.join(' | ')} | total |`);
  lines.push(`|---|---|---|${CATEGORIES.map(() => '---:').join('|')}|---:|`);
  const kb = (b) => (b ? `${(b.gzip / 1024).toFixed(1)} / ${(b.br / 1024).toFixed(1)} / ${(b.raw / 1024).toFixed(1)}` : '—');
  for (const c of report.cells.filter((x) => !x.skipped && (x.n === 0 || x.n === 100000))) {
    for (const phase of ['load', 'session']) {
      const b = c.summary.bytes[phase];
      if (!b.total) continue;
      lines.push(`| ${label(c.target)} | ${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''} | ${phase === 'load' ? 'first load' : 'session'} | ${CATEGORIES.map((k) => kb(b[k])).join(' | ')} | ${kb(b.total)} |`);
    }
  }
  lines.push('', 'The bytes do not depend on N (the workload is generated in the page); rows for N = 0 and 100 000 are shown,');
  lines.push('every cell is in results.json.', '');

  // Editing
  if (report.editing) lines.push(...editingMarkdown(report.editing), '');

  // Probes
  if (report.probes?.length) {
    lines.push('## WebGL targets with the default flags', '');
    lines.push('One page each at N = 1 000, in a browser of its own: does it render at all with the flags the other targets');
    lines.push('run with? "renders" = map-ready marked, a WebGL context created, and the points\' colour on screen (> 500 px).');
    lines.push('Playwright adds `--enable-unsafe-swiftshader` to every launch; the second row removes it. The measured runs of');
    lines.push(`these targets use \`${FLAG_SETS.gl.shown}\` (their points' pixels are under Features drawn).`, '');
    lines.push('| target | flags | map-ready (ms) | WebGL context (renderer) | points\' pixels | renders | errors |');
    lines.push('|---|---|---:|---|---:|---|---|');
    for (const p of report.probes) {
      const gl = p.gl?.length ? p.gl.map((g) => (g.ok ? g.renderer : `${g.type} refused`)).join('; ') : 'none';
      lines.push(`| ${label(p.target)} | \`${p.shown}\` | ${p.ready ? p.readyMs.toFixed(0) : 'not marked'} | ${gl} | ${p.syntheticPixels ?? '—'} | ${p.renders ? 'yes' : 'no'} | ${[p.error, ...(p.errors ?? [])].filter(Boolean).map((e) => e.slice(0, 120)).join('; ') || '—'} |`);
    }
    lines.push('');
    if (report.glDefaultRuns?.length) {
      lines.push(`The same pages at N = 10 000: the cell's runs with \`${FLAG_SETS.gl.shown}\` (median), and one run with`);
      lines.push('`--disable-gpu` (WebGL through SwiftShader either way; the flags differ in what rasterizes and composites the page).', '');
      lines.push('| target | flags | runs | map-ready (ms) | scene drawn (ms) | frame median (ms) | frame p95 (ms) | frames > 50 ms | frames |');
      lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|');
      const v = (x, d = 0) => (x == null ? '—' : x.toFixed(d));
      for (const { target, run } of report.glDefaultRuns) {
        const own = report.cells.find((c) => c.target === target && c.n === 10_000 && !c.throttle);
        if (own) {
          const m = own.summary;
          lines.push(`| ${label(target)} | \`${FLAG_SETS.gl.shown}\` | ${own.runs.filter((r) => r.ok).length} | ${v(m.readyMs?.median)} | ${v(m.sceneMs?.median)} | ${v(m.frameMedian?.median, 1)} | ${v(m.frameP95?.median, 1)} | ${v(m.framesOver50?.median)} | ${v(m.frameCount?.median)} |`);
        }
        lines.push(`| ${label(target)} | \`${FLAG_SETS.default.shown}\` | 1 | ${v(run.readyMs)} | ${v(run.sceneMs)} | ${v(run.frames?.medianMs, 1)} | ${v(run.frames?.p95Ms, 1)} | ${v(run.frames?.over50)} | ${v(run.frames?.count)} |`);
      }
      lines.push('');
    }
  }

  // Problems
  const problems = [];
  for (const c of report.cells) {
    const cellName = `${label(c.target)}, N=${c.n}${c.throttle ? ` ×${THROTTLE_RATE}` : ''}`;
    if (c.skipped) problems.push(`${cellName}: skipped (${c.skipped})`);
    c.runs.forEach((r, i) => {
      const where = `${cellName}, run ${i + 1}`;
      if (r.error) problems.push(`${where}: ${r.error}`);
      if (r.skipped) problems.push(`${where}: skipped (${r.skipped})`);
      for (const [name, why] of Object.entries(r.stepErrors ?? {})) problems.push(`${where}: ${name}: ${why}`);
      if (r.frames?.cutShort) problems.push(`${where}: ${r.frames.cutShort}`);
      for (const e of r.errors ?? []) problems.push(`${where}: console: ${e.slice(0, 200)}`);
      if (r.foreignRequests?.length) problems.push(`${where}: requests to another origin: ${r.foreignRequests.join(', ')}`);
      if (r.notFound?.length) problems.push(`${where}: not found: ${r.notFound.join(', ')}`);
      if (r.frames && r.frames.dragShiftPx < 20) problems.push(`${where}: the drag had not panned the map when sampled 250 and 750 ms in (the first marker had moved ${r.frames.dragShiftPx.toFixed(0)} px)`);
      if (r.frames && r.frames.wheelSteps > 5 && r.frames.zoom.afterFiveIn === r.frames.zoom.beforeWheel.zoom) problems.push(`${where}: the wheel did not zoom the map`);
      if (r.popupClosed === false) problems.push(`${where}: the popup could not be closed before the drag`);
      const v = r.scene?.view;
      if (v && (Math.abs(v.zoom - SCENE.zoom) > 0.002 || Math.abs(v.lon - SCENE.lon) > 0.001 || Math.abs(v.lat - SCENE.lat) > 0.001)) {
        problems.push(`${where}: the view read back (${v.lon.toFixed(4)}, ${v.lat.toFixed(4)}, z ${v.zoom.toFixed(3)}) is not the scene's`);
      }
    });
  }
  for (const e of report.editing?.runs ?? []) for (const p of e.problems ?? []) problems.push(`editing under load: ${p}`);
  lines.push('## Notes', '');
  lines.push('- "scene drawn": the first task after the frame that shows the scene\'s view with the workload drawn. The peers are');
  lines.push('  built in that view, so it is their map-ready frame; the app marks map-ready on its first frame (its home view)');
  lines.push('  and then opens the fragment\'s view, so its "scene drawn" is later than its map-ready.');
  lines.push('- JS heap is `Runtime.getHeapUsage().usedSize` after a forced GC: the JavaScript heap only. The app\'s data lives in');
  lines.push('  WebAssembly linear memory, reported on its own row (its size: it grows and never shrinks); the peers have none.');
  lines.push('  MapLibre and OpenLayers WebGL also keep data in workers and on the GPU process, which neither row includes.');
  lines.push('- DOM nodes is `Memory.getDOMCounters().nodes` for the page\'s renderer after the GC.');
  lines.push('- Frames are `requestAnimationFrame` intervals from the start of the drag to 400 ms after the last wheel step.');
  lines.push('- Level of detail shown after the first load: ' + report.cells.filter((c) => !c.throttle && !c.skipped)
    .map((c) => `${label(c.target)} N=${c.n}: ${[...new Set(c.runs.filter((r) => !r.skipped).map((r) => r.lod ?? '?'))].join('/')}`).join('; '));
  lines.push('');
  if (problems.length) {
    lines.push('## Problems', '');
    for (const p of problems) lines.push(`- ${p}`);
    lines.push('');
  }
  return lines.join('\n');
}

function editingMarkdown(e) {
  const lines = [];
  const s = e.summary;
  const fmt = (x, d = 1) => (x == null ? '—' : `${x.median.toFixed(d)}${x.n > 1 && x.min !== x.max ? ` (${x.min.toFixed(d)}–${x.max.toFixed(d)})` : ''}`);
  lines.push('## Editing under load (app)', '');
  lines.push(`The app with \`?synthetic=${EDITING.n}&seed=1\` in the scene's view and ${thousands(EDITING.annotations)} annotations (a third each points, lines of`);
  lines.push(`${EDITING.lineVertices} vertices and areas of ${EDITING.areaVertices}, spread over the map's view) seeded in localStorage as the app saves them; ${e.runs.length} run(s),`);
  lines.push('each in a fresh context. (a) An area is selected in the "My annotations" list and one of its vertex handles is');
  lines.push('dragged with the mouse for 2 s (a move every 16 ms); (b) the Draw line tool places vertices with clicks (the mouse');
  lines.push('moving between them) and finishes with a double click. Frames are rAF intervals during the gesture;');
  lines.push('"commit → repaint" runs from the `pointerup` (a) or the `dblclick` (b) to the animation frame after the DOM shows');
  lines.push('the committed shape (a MutationObserver: the list item\'s measures change (a), the new annotation appears (b)).', '');
  lines.push('| measure | value |');
  lines.push('|---|---:|');
  lines.push(`| restored notice shown (ms from navigation start) | ${fmt(s.restoredMs, 0)} |`);
  lines.push(`| annotations on the map (DOM elements with data-annotation-id) | ${fmt(s.annotationsInDom, 0)} |`);
  lines.push(`| (a) vertex drag: frames | ${fmt(s.dragCount, 0)} |`);
  lines.push(`| (a) vertex drag: frame median (ms) | ${fmt(s.dragMedian)} |`);
  lines.push(`| (a) vertex drag: frame p95 (ms) | ${fmt(s.dragP95)} |`);
  lines.push(`| (a) vertex drag: frames > 50 ms | ${fmt(s.dragOver50, 0)} |`);
  lines.push(`| (a) vertex drag: longest frame (ms) | ${fmt(s.dragMax)} |`);
  lines.push(`| (a) vertex drag: pointer moves sent | ${fmt(s.dragMoves, 0)} |`);
  lines.push(`| (a) commit → repaint (ms) | ${fmt(s.dragCommit)} |`);
  lines.push(`| (b) line tool: frames | ${fmt(s.lineCount, 0)} |`);
  lines.push(`| (b) line tool: frame median (ms) | ${fmt(s.lineMedian)} |`);
  lines.push(`| (b) line tool: frame p95 (ms) | ${fmt(s.lineP95)} |`);
  lines.push(`| (b) line tool: frames > 50 ms | ${fmt(s.lineOver50, 0)} |`);
  lines.push(`| (b) line tool: longest frame (ms) | ${fmt(s.lineMax)} |`);
  lines.push(`| (b) finish → repaint (ms) | ${fmt(s.lineCommit)} |`);
  return lines;
}

// ---- main -------------------------------------------------------------------------------------------------
// --report-only: the tables again from results.json (a change to this file's tables needs no new run).
if (flag('report-only')) {
  const saved = JSON.parse(await readFile(join(OUT, 'results.json'), 'utf8'));
  for (const c of saved.cells) c.summary = summarize(c.runs);
  if (saved.editing) saved.editing.summary = summarizeEditing(saved.editing.runs);
  saved.renderedAgain = new Date().toISOString();
  await writeFile(join(OUT, 'RESULTS.md'), markdown(saved));
  console.log(`wrote ${join(OUT, 'RESULTS.md')} from ${join(OUT, 'results.json')}`);
  process.exit(0);
}
const began = Date.now();
await readFile(join(DIST, 'index.html')).catch(() => {
  throw new Error('dist/index.html is missing: build the app first (bash bench/run.sh does)');
});
{
  const t = Date.now();
  for (const f of servedFiles()) await body(f);
  console.log(`bench: ${bodies.size} files compressed (gzip 6, brotli 11) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const baseUrl = `http://127.0.0.1:${server.address().port}/`;
if (flag('serve')) { // serve only, to look at the targets by hand
  console.log(`serving on ${baseUrl} (Ctrl+C stops):`);
  for (const t of Object.values(TARGETS)) console.log(`  ${t.label.padEnd(18)} ${baseUrl}${t.path(1000).slice(1)}`);
  await new Promise(() => {});
}
const version = await (async () => { const b = await launchBrowser('default'); const v = b.version(); await b.close(); return v; })();
const report = {
  date: new Date().toISOString(),
  machine: { ...machine(), chromium: `Chromium ${version}` },
  config: { argv: process.argv.slice(2), runs: RUNS, sizes: SIZES, targets: TARGET_IDS, viewport: VIEWPORT, seed: 1, encoding: ENCODING,
    throttle: THROTTLE ? { rate: THROTTLE_RATE, n: THROTTLE_N } : null, readyTimeoutMs: READY_TIMEOUT, runBudgetMs: RUN_BUDGET,
    scene: { bounds: shared.SCENE_BOUNDS, size: shared.SCENE_SIZE, view: SCENE, fragment: FRAGMENT },
    flags: Object.fromEntries(Object.entries(FLAG_SETS).map(([k, v]) => [k, { args: v.args, ignoreDefaultArgs: v.ignoreDefaultArgs ?? [] }])) },
  url: baseUrl,
  cells: [],
};
console.log(`bench: ${report.machine.chromium}, ${report.machine.nproc} CPUs, ${report.machine.cpu}; ${RUNS} run(s) per cell; scene #${FRAGMENT}; serving on ${baseUrl}`);

try {
  // The GL targets with the default flags (and without Playwright's --enable-unsafe-swiftshader), and with theirs.
  if (RUN_PROBE) {
    report.probes = [];
    for (const t of TARGET_IDS.filter((id) => TARGETS[id].gl)) {
      for (const set of ['default', 'plain']) {
        const p = await probe(baseUrl, TARGETS[t], set);
        console.log(`probe ${TARGETS[t].label} with ${set} flags: ${p.renders ? 'renders' : 'does NOT render'} (ready ${p.ready ? p.readyMs.toFixed(0) : '—'} ms, webgl ${p.webgl ? p.renderer : 'none'}, ${p.syntheticPixels} px)`);
        report.probes.push(p);
      }
      // The same page measured once with the default flags too (N = 10 000), beside its cell's runs with its own.
      if (GL_FLAGS !== 'default' && !EDITING_ONLY) {
        const r = await oneRun(baseUrl, { ...TARGETS[t], flags: 'default' }, 10_000, false).catch((e) => ({ ok: false, error: String(e.message ?? e) }));
        await dropBrowser('default');
        console.log(`${TARGETS[t].label} N=10000 with the default flags: ${r.ok ? `ready ${r.readyMs.toFixed(0)} ms, frames p50 ${r.frames?.medianMs?.toFixed(1)} p95 ${r.frames?.p95Ms?.toFixed(1)} >50ms ${r.frames?.over50}/${r.frames?.count}` : `FAILED: ${r.error}`}`);
        (report.glDefaultRuns ??= []).push({ target: t, n: 10_000, run: r });
      }
    }
  }

  // The app's map in embed mode, for the record (the runs use its normal page).
  if (TARGET_IDS.includes('app') && !EDITING_ONLY) {
    const b = await browserFor('default');
    const c = await b.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const p = await c.newPage();
    await p.goto(`${baseUrl}?embed=1`);
    await p.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 60_000 }).catch(() => {});
    report.embedSize = await p.$eval('[data-map]', (el) => ({ width: Math.round(el.getBoundingClientRect().width), height: Math.round(el.getBoundingClientRect().height) })).catch(() => null);
    await c.close();
  }

  const plan = [];
  if (!EDITING_ONLY) {
    for (const target of TARGET_IDS) for (const n of SIZES) plan.push({ target, n, throttle: false });
    if (THROTTLE) for (const target of TARGET_IDS) plan.push({ target, n: THROTTLE_N, throttle: true });
  }
  const stopped = {}; // target -> why its larger N are not run
  for (const { target, n, throttle } of plan) {
    const t = TARGETS[target];
    const cellOf = (skipped) => { report.cells.push({ target, n, throttle, runs: [], summary: summarize([]), skipped }); console.log(`${t.label.padEnd(18)} N=${String(n).padStart(7)}: skipped (${skipped})`); };
    if (target === 'svg' && n >= 1_000_000 && !SVG_AT_1M && !throttle) {
      const at100k = report.cells.find((c) => c.target === 'svg' && c.n === 100_000 && !c.throttle)?.summary;
      const why = at100k?.sceneMs
        ? `SVG at 1M, not run: at N = 100 000 the scene took ${(at100k.sceneMs.median / 1000).toFixed(1)} s to draw, with ${thousands(at100k.domNodes?.median ?? 0)} DOM nodes (one SVG element per point), JS heap ${MB(at100k.heapUsed?.median ?? 0)} MB, frame p95 ${at100k.frameP95?.median?.toFixed(0) ?? '—'} ms (--svg-at-1m runs it)`
        : 'SVG at 1M, not run: one SVG element per point (--svg-at-1m runs it)';
      cellOf(why);
      continue;
    }
    if (stopped[target] && !throttle) { cellOf(stopped[target]); continue; }
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      if (runs.some((r) => r.readyTimeout)) { runs.push({ ok: false, skipped: 'an earlier run of this cell timed out' }); continue; }
      const slow = runs.findIndex((r) => r.durationMs > RUN_BUDGET);
      if (slow >= 0) { runs.push({ ok: false, skipped: `run ${slow + 1} took ${(runs[slow].durationMs / 1000).toFixed(0)} s, over the ${RUN_BUDGET / 1000} s budget of a run` }); continue; }
      const started = Date.now();
      let r;
      try {
        r = await oneRun(baseUrl, t, n, throttle, { pixels: i === 0 && n > 0 && !throttle });
      } catch (e) {
        r = { ok: false, error: String(e.message ?? e).split('\n')[0] };
      }
      r.durationMs = Date.now() - started;
      if (r.closeError || !browsers[t.flags]?.isConnected()) await dropBrowser(t.flags); // a hung renderer: a new browser
      const f = r.frames;
      console.log(`${t.label.padEnd(18)} N=${String(n).padStart(7)}${throttle ? ` ×${THROTTLE_RATE}` : '   '} run ${i + 1}/${RUNS}: ${r.ok
        ? `ready ${r.readyMs.toFixed(0)} ms, scene ${r.sceneMs?.toFixed(0) ?? '—'} ms, ${(r.load.total.gzip / 1024).toFixed(0)} KB gzip, heap ${MB(r.heapUsed)} MB + wasm ${MB(r.wasmMemory)}, ${r.domNodes} nodes, drawn ${r.drawnPoints ?? 'n/a'} / in view ${r.pointsInView}, popup ${r.popupMs?.toFixed(1) ?? '—'} ms, frames p50 ${f?.medianMs?.toFixed(1)} p95 ${f?.p95Ms?.toFixed(1)} >50ms ${f?.over50}/${f?.count}${r.partial ? ` [partial: ${Object.keys(r.stepErrors).join(', ')}]` : ''}`
        : `FAILED: ${r.error}`} (${(r.durationMs / 1000).toFixed(1)} s)`);
      runs.push(r);
    }
    report.cells.push({ target, n, throttle, runs, summary: summarize(runs) });
    if (!throttle && runs.some((r) => r.readyTimeout)) stopped[target] = `timed out at N = ${thousands(n)}`;
  }

  if (RUN_EDITING) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const started = Date.now();
      const r = await editingRun({ shared, browser: await browserFor('default'), baseUrl, fragment: FRAGMENT, viewport: VIEWPORT, initScript: PAGE_INIT })
        .catch((e) => ({ ok: false, problems: [String(e.message ?? e).split('\n')[0]] }));
      r.durationMs = Date.now() - started;
      console.log(`editing under load run ${i + 1}/${RUNS}: ${r.ok
        ? `drag frames p50 ${r.drag.frames.medianMs?.toFixed(1)} p95 ${r.drag.frames.p95Ms?.toFixed(1)} >50ms ${r.drag.frames.over50}/${r.drag.frames.count}, commit→repaint ${r.drag.commitMs?.toFixed(1)} ms; line frames p95 ${r.line.frames.p95Ms?.toFixed(1)} >50ms ${r.line.frames.over50}/${r.line.frames.count}, finish→repaint ${r.line.commitMs?.toFixed(1)} ms`
        : `FAILED: ${r.problems?.join('; ')}`} (${(r.durationMs / 1000).toFixed(1)} s)`);
      runs.push(r);
    }
    report.editing = { runs, summary: summarizeEditing(runs) };
  }
} finally {
  for (const k of Object.keys(browsers)) await dropBrowser(k);
  await new Promise((ok) => server.close(ok));
}
report.durationMs = Date.now() - began;
await mkdir(OUT, { recursive: true });
await writeFile(join(OUT, 'results.json'), JSON.stringify(report, null, 2) + '\n');
await writeFile(join(OUT, 'RESULTS.md'), markdown(report));
console.log(`\nwrote ${join(OUT, 'results.json')} and ${join(OUT, 'RESULTS.md')} in ${(report.durationMs / 60000).toFixed(1)} min`);
