// node bench/worst-case.mjs [--runs R] [--only story,import,link,storage,handin,viewport] [--no-trace] [--keep]
//
// The worst-case table: for each input class (story package, GeoJSON import, share link, saved document,
// hand-ins, viewport), the largest input the app accepts, how long the release build (dist/) takes to answer
// it in headless Chromium, and what a larger input gets. Every case runs R times (default 3), each in a fresh
// browser context at 1280×800 (the viewport cases excepted); the table gives the median and the spread.
//
// Times are taken in the page (performance.now()), from the action to the app's visible answer:
//   - navigation cases (?story=, #v1;a=, saved document, viewports): from navigation start;
//   - file cases (import, hand-ins): from the input's `change` event (what the reader's pick fires);
// to the first task after the rendering step that follows the answer appearing in the DOM (a MutationObserver
// sees it; a timer set in the next animation frame runs after that frame is rendered). A page error, a crash
// or a [data-failure-panel] is a failure; each run is capped (a timeout is a result, later runs are skipped).
// A case whose median is over one second gets one extra run under a Chrome trace, summarised by where the
// renderer's main thread spent the time (the wasm has no name section, so "script" is not split further).
//
// Inputs are generated into a temporary folder; story packages go to dist/stories/bench-fixtures/ (the only
// place `?story=` loads from), removed at the end unless --keep. Writes bench/WORST-CASE.md and
// bench/worst-case.json. Reuses no build: dist/ must be there (it is never built here).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '..');
const DIST = join(ROOT, 'dist');
const FIXTURES = join(DIST, 'stories', 'bench-fixtures');
// playwright-core as the end-to-end tests have it installed (e2e/node_modules), or bench/node_modules.
const require = createRequire(join(ROOT, 'e2e', 'package.json'));
const { chromium } = require('playwright-core');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}
const RUNS = Number(option('runs', '3'));
const OUT = option('out', 'worst-case'); // bench/<OUT>.json; the table goes to WORST-CASE.md only for the default
const ONLY = option('only', 'story,import,link,storage,handin,viewport').split(',');
const TRACE = !process.argv.includes('--no-trace');
const KEEP = process.argv.includes('--keep');
const VIEWPORT = { width: 1280, height: 800 };
const SLOW_RUN_MS = 20_000; // a run this slow is not repeated

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null; };
const thousands = (n) => n.toLocaleString('en-US');
const kib = (n) => n >= 1048576 ? `${(n / 1048576).toFixed(2)} MiB` : `${(n / 1024).toFixed(0)} KiB`;

// ---- the limits, as the source has them (checked against it at start) -----------------------------------
const L = {
  storyBytes: 1024 * 1024, storyParagraphs: 2000, storySections: 500, storyFeatures: 1000, storyQuotes: 500,
  storyParagraphChars: 20_000, storyArticleChars: 300_000, storyQuoteChars: 2000, storyQuotesPerFeature: 50,
  storyVerticesPerFeature: 50_000, storySourcesPerFeature: 50, storyLabelChars: 2000, quoteCountCap: 100,
  importBytes: 5 * 1024 * 1024, importFeatures: 5_000, importVertices: 250_000, importQuotesPerFeature: 50, importQuotes: 5_000, fileMiB: 6,
  savedBytes: 80 * 1024 * 1024, // saved documents are read with wider limits (saved_limits); the app builds none past the import limits
  linkReadChars: 12_000, linkAnnotations: 500, linkVertices: 20_000, linkInflated: 1024 * 1024,
  handInBytes: 2 * 1024 * 1024, handInTotalBytes: 8 * 1024 * 1024, handInAnnotations: 2000, handInVertices: 50_000, handInFiles: 60,
};
async function checkLimits() {
  const src = async (p) => readFile(join(ROOT, p), 'utf8');
  const story = await src('src/domain/story.rs');
  const quoteIndex = await src('src/domain/quote_index.rs');
  const imp = await src('src/domain/geojson_import.rs');
  const saved = await src('src/domain/saved_document.rs');
  const link = await src('src/domain/shared_annotations.rs');
  const hand = await src('src/domain/hand_in.rs');
  const files = await src('src/browser/files.rs');
  const loader = await src('src/ui/story_loader.rs');
  const expect = [
    [story, /max_bytes: 1024 \* 1024,/], [story, /max_sections: 500/], [story, /max_paragraphs: 2_000/],
    [story, /max_paragraph_chars: 20_000/], [story, /max_article_chars: 300_000/], [story, /max_features: 1_000/],
    [story, /max_quotes_per_feature: 50/], [story, /max_quotes: 500/], [story, /max_quote_chars: 2_000/],
    [story, /max_vertices_per_feature: 50_000/], [story, /max_sources_per_feature: 50/], [story, /max_label_chars: 2_000/],
    [quoteIndex, /COUNT_CAP: usize = 100/],
    [imp, /max_bytes: 5 \* 1024 \* 1024,\s*max_features: 5_000,\s*max_vertices: 250_000,\s*max_depth: 32,\s*max_quotes_per_feature: 50,\s*max_quotes: 5_000/],
    [saved, /max_bytes: 80 \* 1024 \* 1024/],
    [link, /MAX_LINK_CHARS: usize = 6000/], [link, /MAX_READ_CHARS: usize = 2 \* MAX_LINK_CHARS/],
    [link, /MAX_INFLATED: usize = 1024 \* 1024/], [link, /MAX_LINK_ANNOTATIONS: usize = 500/],
    [link, /MAX_LINK_VERTICES: usize = 20_000/], [link, /MAX_LINK_QUOTES_PER_ANNOTATION: usize = 20/],
    [hand, /MAX_HAND_IN_BYTES: usize = 2 \* 1024 \* 1024/], [hand, /MAX_HAND_IN_TOTAL_BYTES: usize = 8 \* 1024 \* 1024/],
    [hand, /MAX_HAND_IN_ANNOTATIONS: usize = 2_000/], [hand, /MAX_HAND_IN_VERTICES: usize = 50_000/],
    [hand, /MAX_HAND_IN_FILES: usize = 60/], [files, /MAX_FILE_MIB: f64 = 6\.0/],
    [loader, /MAX_STORY_BYTES: usize = crate::domain::story::StoryLimits::DEFAULT\.max_bytes/],
  ];
  const changed = expect.filter(([text, re]) => !re.test(text)).map(([, re]) => re.source);
  if (changed.length) console.warn(`warning: limits changed in src/ since this script was written: ${changed.join('; ')}`);
  return changed;
}

// ---- the server: dist/, with content-length (as a real server sends it) -----------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.geojson': 'application/geo+json', '.svg': 'image/svg+xml' };
async function serve() {
  await stat(join(DIST, 'index.html'));
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = resolve(DIST, '.' + sep + (path.endsWith('/') ? join(path, 'index.html') : path));
    try {
      if (!file.startsWith(DIST + sep)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

// ---- the in-page watcher (an init script: the page's CSP forbids eval, so the conditions are named) --------
function WATCHER(initial) {
  const mark = performance.mark.bind(performance);
  const w = (window.__wc = { t0: null, seen: null, t1: null, hit: null, seed: null, armed: null });
  if (initial && initial.seed) {
    const a = performance.now();
    try { localStorage.setItem(initial.seed.key, initial.seed.value); w.seed = { ms: performance.now() - a }; }
    catch (e) { w.seed = { error: `${e.name}: ${e.message}` }; }
  }
  // An element's text without its dismiss button's "×".
  const text = (el) => {
    const copy = el.cloneNode(true);
    for (const b of copy.querySelectorAll('.alert-dismiss')) b.remove();
    return (copy.textContent || '').replace(/\s+/g, ' ').trim();
  };
  const conditions = {
    mapReady: () => (performance.getEntriesByName('map-ready').length ? 'map-ready' : null),
    title: (s) => {
      const t = document.querySelector('.story-title');
      return t && t.textContent === s.title && performance.getEntriesByName('map-ready').length ? `title “${s.title}” and map-ready` : null;
    },
    alert: (s) => {
      const re = new RegExp(s.re);
      for (const el of document.querySelectorAll(s.selector || '.alert, [role="status"]')) { const t = text(el); if (re.test(t)) return t; }
      return null;
    },
    handIns: (s) => {
      const rows = document.querySelectorAll('[data-hand-in-row]').length;
      const layers = document.querySelectorAll('[data-layer^="hand-in:"]').length;
      return rows >= s.count && layers >= s.count ? `${rows} hand-in rows, ${layers} layers` : null;
    },
  };
  let observer = null;
  const check = () => {
    const spec = w.armed;
    if (!spec || w.seen != null) return;
    let hit = null;
    const panel = document.querySelector('[data-failure-panel]');
    if (panel) hit = { kind: 'failure', text: text(panel) };
    else if (w.seed && w.seed.error) hit = { kind: 'not-seeded', text: `localStorage.setItem refused the seed: ${w.seed.error}` };
    for (const c of spec.any) {
      if (hit) break;
      const got = conditions[c.kind](c);
      if (got) hit = { kind: c.name || c.kind, text: got };
    }
    if (!hit) return;
    w.seen = performance.now();
    w.hit = hit;
    if (observer) observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { w.t1 = performance.now(); mark('wc-answer'); }, 0));
  };
  window.__wcArm = (spec) => {
    Object.assign(w, { t0: spec.fromNavigation ? 0 : null, seen: null, t1: null, hit: null, armed: spec });
    if (observer) observer.disconnect();
    observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, characterData: true });
    check();
  };
  performance.mark = function (...args) { const r = mark(...args); check(); return r; };
  document.addEventListener('change', (e) => {
    if (w.armed && w.t0 == null && e.target && e.target.type === 'file') { w.t0 = performance.now(); mark('wc-start'); }
  }, true);
  if (initial && initial.arm) window.__wcArm(initial.arm);
  mark('wc-start');
}

// ---- a run: a fresh context, the action, the answer ----------------------------------------------------------
let browser;
let server;

async function withTimeout(promise, ms, what) {
  let timer;
  try {
    return await Promise.race([promise, new Promise((_, no) => { timer = setTimeout(() => no(Object.assign(new Error(`timeout after ${ms / 1000} s (${what})`), { timeout: true })), ms); })]);
  } finally { clearTimeout(timer); }
}

async function closeContext(context) {
  try { await withTimeout(context.close(), 20_000, 'closing the context'); }
  catch {
    console.warn('  (the context did not close; restarting Chromium)');
    try { await withTimeout(browser.close(), 20_000, 'closing Chromium'); } catch { /* it is gone */ }
    browser = await launch();
  }
}

// Summarises a Chrome trace of the renderer's main thread between the marks wc-start and wc-answer.
function summariseTrace(events) {
  const mains = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(`${e.pid}:${e.tid}`, 0);
  const marks = events.filter((e) => e.name === 'wc-start' || e.name === 'wc-answer');
  const start = Math.max(...marks.filter((e) => e.name === 'wc-start').map((e) => e.ts));
  const endMarks = marks.filter((e) => e.name === 'wc-answer' && e.ts > start);
  const end = endMarks.length ? Math.min(...endMarks.map((e) => e.ts)) : Math.max(...events.map((e) => e.ts || 0));
  const inWindow = (e) => e.ph === 'X' && e.ts >= start && e.ts <= end && mains.has(`${e.pid}:${e.tid}`);
  for (const e of events) if (inWindow(e) && e.name === 'RunTask') mains.set(`${e.pid}:${e.tid}`, mains.get(`${e.pid}:${e.tid}`) + e.dur);
  const main = [...mains.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sum = (names) => events.filter((e) => inWindow(e) && `${e.pid}:${e.tid}` === main && names.includes(e.name)).reduce((s, e) => s + e.dur, 0) / 1000;
  const busy = (mains.get(main) ?? 0) / 1000;
  const style = sum(['UpdateLayoutTree', 'RecalculateStyles']);
  const layout = sum(['Layout']);
  const paint = sum(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'CompositeLayers', 'PaintImage']);
  const gc = sum(['MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'V8.GCScavenger', 'BlinkGC.AtomicPauseMarkTransitiveClosure', 'BlinkGC.AtomicPauseSweepAndCompact']);
  const parse = sum(['ParseHTML', 'v8.parseOnBackground']);
  const longest = events.filter((e) => inWindow(e) && `${e.pid}:${e.tid}` === main && e.name === 'RunTask').reduce((m, e) => Math.max(m, e.dur), 0) / 1000;
  return { windowMs: (end - start) / 1000, busyMs: busy, styleMs: style, layoutMs: layout, paintMs: paint, gcMs: gc, parseMs: parse,
    scriptMs: Math.max(0, busy - style - layout - paint), longestTaskMs: longest };
}

/**
 * One run of a case. `c` has: viewport, path (URL tail), seed ({key, value}), arm (watch spec), before(page)
 * (after map-ready, before arming), act(page) (the action, for file cases), after(page, result) (extra work).
 */
async function runOnce(c, { trace = false, holder = {} } = {}) {
  const context = await browser.newContext({ viewport: c.viewport ?? VIEWPORT, deviceScaleFactor: 1 });
  holder.context = context;
  const page = await context.newPage();
  holder.page = page;
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e).slice(0, 300)}`));
  page.on('crash', () => errors.push('the page crashed'));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text().slice(0, 300)}`); });
  const fromNavigation = !c.act;
  await page.addInitScript(WATCHER, { seed: c.seed ?? null, arm: fromNavigation ? { ...c.arm, fromNavigation: true } : null });
  let cdp = null;
  const traceEvents = [];
  try {
    if (trace) {
      cdp = await context.newCDPSession(page);
      cdp.on('Tracing.dataCollected', (d) => traceEvents.push(...d.value));
    }
    const startTrace = async () => {
      if (cdp) await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
    };
    if (fromNavigation) await startTrace();
    const wall0 = Date.now();
    await page.goto(server.url + (c.path ?? ''), { waitUntil: 'commit' });
    let result;
    if (fromNavigation) {
      await page.waitForFunction(() => window.__wc && window.__wc.t1 != null, null, { timeout: 0, polling: 50 });
      result = await page.evaluate(() => window.__wc);
      result.wallMs = Date.now() - wall0;
    } else {
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 0, polling: 50 });
      if (c.before) await c.before(page);
      await page.evaluate((spec) => window.__wcArm(spec), c.arm);
      await startTrace();
      const w0 = Date.now();
      await c.act(page);
      await page.waitForFunction(() => window.__wc.t1 != null, null, { timeout: 0, polling: 50 });
      result = await page.evaluate(() => window.__wc);
      result.wallMs = Date.now() - w0;
    }
    if (result.t0 == null) { errors.push('no change event seen: timed from the action in Node'); result.ms = result.wallMs; }
    else result.ms = result.t1 - result.t0;
    result.alerts = await page.evaluate(() => [...document.querySelectorAll('.alert')].map((el) => {
      const copy = el.cloneNode(true);
      for (const b of copy.querySelectorAll('.alert-dismiss')) b.remove();
      return (copy.textContent || '').replace(/\s+/g, ' ').trim();
    }));
    result.failurePanel = await page.locator('[data-failure-panel]').count() > 0;
    if (cdp) {
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      result.trace = summariseTrace(traceEvents);
    }
    if (c.after && !result.failurePanel) Object.assign(result, await c.after(page, result));
    await sleep(100);
    result.errors = [...errors];
    return result;
  } catch (e) {
    e.errors = [...errors];
    throw e;
  } finally {
    await closeContext(context);
  }
}

async function runCase(c) {
  const runs = [];
  let timeout = null;
  let timeoutState = null;
  let error = null;
  for (let r = 0; r < (c.runs ?? RUNS); r++) {
    const holder = {};
    try {
      const res = await withTimeout(runOnce(c, { holder }), c.timeout ?? 30_000, c.id);
      runs.push(res);
      const flag = res.hit?.kind === 'failure' || res.errors.length ? ' FAILURE' : '';
      console.log(`  ${c.id} run ${r + 1}: ${res.ms.toFixed(0)} ms (wall ${res.wallMs} ms) → ${res.hit?.text?.slice(0, 140)}${flag}`);
      if (res.ms > SLOW_RUN_MS) break;
    } catch (e) {
      if (e.timeout) {
        timeout = e.message;
        // What the page shows at the timeout, if it still answers.
        try {
          const state = await withTimeout(holder.page.evaluate(() => ({
            failurePanel: !!document.querySelector('[data-failure-panel]'),
            mapReady: performance.getEntriesByName('map-ready').length > 0,
            alerts: [...document.querySelectorAll('.alert')].map((el) => (el.textContent || '').replace(/\s+/g, ' ').trim()),
            map: (() => { const r = document.querySelector('[data-map]')?.getBoundingClientRect(); return r ? `${r.width}×${r.height}` : null; })(),
          })), 5000, 'probe');
          timeoutState = `at the timeout: map ${state.map ?? 'absent'}, map-ready ${state.mapReady ? 'marked' : 'not marked'}, failure panel ${state.failurePanel ? 'SHOWN' : 'not shown'}${state.alerts.length ? `, messages: ${state.alerts.join(' / ').slice(0, 200)}` : ''}`;
        } catch { timeoutState = 'at the timeout the page did not answer within 5 s (main thread busy)'; }
        console.log(`  ${c.id} run ${r + 1}: ${e.message}; ${timeoutState}`);
        if (holder.context) await closeContext(holder.context);
        break;
      }
      error = `${String(e.message).split('\n')[0]}${e.errors?.length ? ` [${e.errors.join(' | ')}]` : ''}`;
      console.log(`  ${c.id} run ${r + 1}: error ${error}`);
      break;
    }
  }
  const ms = runs.map((r) => r.ms);
  const out = {
    id: c.id, group: c.group, label: c.label, over: !!c.over, input: c.input, runs: runs.length, timeout, timeoutState, error,
    size: runs[0]?.size ?? null,
    medianMs: ms.length ? median(ms) : null, minMs: ms.length ? Math.min(...ms) : null, maxMs: ms.length ? Math.max(...ms) : null,
    answer: runs[0]?.hit?.text ?? null, answerKind: runs[0]?.hit?.kind ?? null,
    alerts: runs[0]?.alerts ?? [], seed: runs[0]?.seed ?? null,
    failures: [...new Set(runs.flatMap((r) => [...r.errors, ...(r.failurePanel || r.hit?.kind === 'failure' ? ['[data-failure-panel] shown'] : [])]))],
    wallMs: runs.map((r) => r.wallMs),
    frames: runs.some((r) => r.frames) ? {
      p95Ms: median(runs.filter((r) => r.frames).map((r) => r.frames.p95Ms)),
      medianMs: median(runs.filter((r) => r.frames).map((r) => r.frames.medianMs)),
      maxMs: Math.max(...runs.filter((r) => r.frames).map((r) => r.frames.maxMs)),
      settleMaxMs: Math.max(...runs.filter((r) => r.frames).map((r) => r.frames.settleMaxMs)),
      counts: runs.filter((r) => r.frames).map((r) => r.frames.count),
      over50: runs.filter((r) => r.frames).map((r) => r.frames.over50),
      moved: runs.filter((r) => r.frames).every((r) => r.frames.moved),
    } : null,
    expect: c.expect ?? null,
  };
  if (c.expect && out.answerKind && out.answerKind !== c.expect && out.answerKind !== 'failure') out.failures.push(`expected ${c.expect}, got ${out.answerKind}`);
  if (TRACE && out.medianMs != null && out.medianMs > 1000 && out.medianMs < 60_000 && !timeout && runs.length) {
    const holder = {};
    try {
      const t = await withTimeout(runOnce({ ...c, after: null }, { trace: true, holder }), (c.timeout ?? 30_000) + 30_000, `${c.id} traced`);
      out.trace = { ...t.trace, ms: t.ms };
      console.log(`  ${c.id} traced: ${JSON.stringify(out.trace, (k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
    } catch (e) {
      out.trace = { error: e.message.split('\n')[0] };
      if (e.timeout && holder.context) await closeContext(holder.context);
    }
  }
  return out;
}

// Pans the map with the mouse for 2 s; rAF intervals during the drag (p95) and the longest one in the 1.5 s
// after the release (the view settling: the viewBox catches up, the level of detail is chosen again).
async function panFrames(page) {
  await sleep(2000); // let autosave and the list settle first
  const box = await page.$eval('[data-map]', (el) => { const r = el.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height }; });
  const before = await page.$eval('[data-map]', (el) => el.dataset.centerLon);
  await page.evaluate(() => {
    window.__frames = []; window.__framesOn = true;
    const tick = (t) => { window.__frames.push(t); if (window.__framesOn) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const ax = Math.min(300, box.w / 2 - 20);
  const ay = Math.min(150, box.h / 2 - 20);
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  const t0 = Date.now();
  let moves = 0;
  for (let elapsed = 0; elapsed < 2000; elapsed = Date.now() - t0) {
    const phase = (2 * Math.PI * elapsed) / 1000;
    await page.mouse.move(box.x + ax * Math.sin(phase), box.y + ay * Math.sin(phase * 0.7) + 40, { steps: 1 });
    moves += 1;
    const next = t0 + moves * 16;
    if (next > Date.now()) await sleep(next - Date.now());
  }
  const dragStamps = await page.evaluate(() => window.__frames.length);
  await page.mouse.up();
  await sleep(1500);
  const stamps = await page.evaluate(() => { window.__framesOn = false; return window.__frames; });
  const after = await page.$eval('[data-map]', (el) => el.dataset.centerLon);
  const iv = (a, b) => { const out = []; for (let i = a + 1; i < b; i++) out.push(stamps[i] - stamps[i - 1]); return out; };
  const drag = iv(0, dragStamps);
  const settle = iv(dragStamps - 1, stamps.length);
  return { frames: { p95Ms: quantile(drag, 0.95), medianMs: median(drag), maxMs: Math.max(...drag), count: drag.length, over50: drag.filter((d) => d > 50).length, settleMaxMs: Math.max(...settle), moved: before !== after } };
}

// ---- generated inputs ----------------------------------------------------------------------------------------
const r4 = (x) => Math.round(x * 1e4) / 1e4;
const padTo = (text, bytes) => {
  const n = Buffer.byteLength(text);
  if (n > bytes) throw new Error(`generated text is ${n} bytes, over ${bytes}`);
  return text + ' '.repeat(bytes - n);
};
function fc(features, extra = '') {
  return `{"type":"FeatureCollection"${extra},"features":[${features.join(',')}]}`;
}
const pointFeature = (i, props = '{}') => `{"type":"Feature","geometry":{"type":"Point","coordinates":[${r4(60 + (i % 1000) * 0.03)},${r4(30 + Math.floor(i / 1000) * 0.02)}]},"properties":${props}}`;
function ring(k, cx, cy, rad) {
  const pos = [];
  for (let j = 0; j < k - 1; j++) { const a = (2 * Math.PI * j) / (k - 1); pos.push(`[${(cx + rad * Math.cos(a)).toFixed(5)},${(cy + rad * Math.sin(a)).toFixed(5)}]`); }
  pos.push(pos[0]);
  return pos.join(',');
}
const polygonFeature = (k, idx) => `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[${ring(k, 62 + idx * 4, 40, 1.5)}]]},"properties":{"title":"ring ${idx}"}}`;
function lineCoords(k, seed) {
  const pos = [];
  for (let j = 0; j < k; j++) pos.push(`[${(62 + ((j * 7919 + seed) % 30000) / 1000).toFixed(3)},${(33 + ((j * 104729 + seed * 31) % 15000) / 1000).toFixed(3)}]`);
  return pos.join(',');
}
const lineFeature = (k, seed, props = '{}') => `{"type":"Feature","geometry":{"type":"LineString","coordinates":[${lineCoords(k, seed)}]},"properties":${props}}`;
const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const linkBlob = (text) => b64url(deflateRawSync(Buffer.from(text), { level: 9 }));

// A story package at the limits: 500 sections × 4 paragraphs (2,000) of exactly 150 characters each
// (300,000 characters of article), 1,000 features of which the first 500 carry one quote each (500 quotes, all
// resolving, each unique: the "Site N is marked here." of its own paragraph, with prefix and suffix), and the
// rest of the bytes filled either with feature descriptions (`fill: 'description'`, the same length for every
// feature, ≤ 20,000 chars) or with LineString geometry (`fill: 'geometry'`, the same number of positions
// for every feature, ≤ 50,000), then padded with spaces to exactly `bytes`. `features`, `quotes` and
// `articleChars` can be set past the limits for the refused cases (the file still fits `bytes`).
const WORDS = 'the road runs along river valley border post village market winter supply convoy patrol station report reporters officials said weeks later district province mountain pass traders bridge crossing plateau lake garrison agreement visit delegation training exercise construction'.split(' ');
function storyAtLimits(bytes, title, { fill = 'description', features: nF = L.storyFeatures, quotes: nQ = L.storyQuotes, articleChars = L.storyArticleChars } = {}) {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const prose = (n) => {
    const words = [];
    let len = 0;
    while (len < n + 1) { const w = WORDS[Math.floor(rnd() * WORDS.length)]; words.push(w); len += w.length + 1; }
    return words.join(' ').slice(0, n).replace(/ $/, 'x');
  };
  const nP = L.storySections * 4;
  const per = Math.floor(articleChars / nP);
  const extra = articleChars - per * nP; // the last paragraphs get one more character each
  const sections = [];
  const marks = []; // per paragraph: its exact, prefix, suffix
  for (let s = 0; s < L.storySections; s++) {
    const paragraphs = [];
    for (let k = 0; k < 4; k++) {
      const i = s * 4 + k + 1;
      const len = per + (i > nP - extra ? 1 : 0);
      const exact = `Site ${i} is marked here.`;
      const before = prose(40);
      const after = prose(len - 40 - 2 - exact.length);
      const text = `${before} ${exact} ${after}`;
      if (text.length !== len) throw new Error(`paragraph ${i} is ${text.length} chars, not ${len}`);
      paragraphs.push({ id: `p${i}`, text });
      marks.push({ exact, prefix: `${before.slice(-24)} `, suffix: ` ${after.slice(0, 24)}` });
    }
    sections.push({ id: `s${s + 1}`, heading: `Section ${s + 1}`, paragraphs });
  }
  const step = Math.max(1, Math.floor(nP / nQ));
  const quoteOf = (i) => (i <= nQ ? [marks[((i - 1) * step) % nP]] : []); // feature i (1-based) quotes paragraph (i-1)·step+1
  const descriptions = Array.from({ length: nF }, () => prose(L.storyParagraphChars)); // cut to the fill length below
  const build = (n) => {
    const features = [];
    for (let i = 1; i <= nF; i++) {
      const lon = r4(62 + (i % 50) * 0.5), lat = r4(33 + Math.floor(i / 50) * 0.4);
      const geometry = fill === 'geometry'
        ? { type: 'LineString', coordinates: Array.from({ length: n }, (_, j) => [r4(lon + (j % 20) * 0.01), r4(lat + Math.floor(j / 20) * 0.005 + (j % 2) * 0.002)]) }
        : { type: 'Point', coordinates: [lon, lat] };
      features.push({
        type: 'Feature', id: `f${i}`, geometry,
        properties: {
          title: `Site ${i}`, kind: fill === 'geometry' ? 'border' : 'site', precision: { level: 'exact', radius_km: 0 }, confidence: 'confirmed',
          ...(fill === 'description' ? { description: descriptions[i - 1].slice(0, n) } : {}),
          sources: [{ publisher: 'Bench', url: `https://example.org/${i}` }],
          quotes: quoteOf(i),
        },
      });
    }
    return JSON.stringify({ format: 'article-map/story@1', article: { title, sections }, features: { type: 'FeatureCollection', features } });
  };
  // Upper bounds for the search: a position takes at least 8 bytes ("[62,33],"), a description character 1.
  let lo = fill === 'geometry' ? 2 : 1;
  let hi = fill === 'geometry' ? Math.min(L.storyVerticesPerFeature, Math.ceil(bytes / (nF * 8))) : Math.min(L.storyParagraphChars, Math.ceil(bytes / nF));
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (Buffer.byteLength(build(mid)) <= bytes) lo = mid; else hi = mid - 1; }
  return { text: padTo(build(lo), bytes), fillPer: lo };
}

// The brief's self-overlapping package: two paragraphs of 'a' × 100,000, two quotes of exact 'a' × 50,000
// (≈ 300 KB; past the paragraph and quote length limits).
function storySelfOverlap(title) {
  const a = (n) => 'a'.repeat(n);
  const features = [0, 1].map((i) => ({
    type: 'Feature', id: `f${i}`, geometry: { type: 'Point', coordinates: [71.6, 36.7 + i * 0.1] },
    properties: { title: `F${i}`, kind: 'site', precision: { level: 'exact', radius_km: 0 }, confidence: 'confirmed',
      sources: [{ publisher: 'Bench', url: 'https://example.org/' }], quotes: [{ exact: a(50_000), prefix: '', suffix: '' }] },
  }));
  return JSON.stringify({ format: 'article-map/story@1',
    article: { title, sections: [{ id: 's', heading: null, paragraphs: [{ id: 'p1', text: a(100_000) }, { id: 'p2', text: a(100_000) }] }] },
    features: { type: 'FeatureCollection', features } });
}

// The same idea kept within every limit: an article of 'a' × 300,000 (15 paragraphs of 20,000), and 500 quotes
// (10 features × 50) of exact "aa" with prefix "a" and suffix "a": each matches everywhere (ambiguous, counted
// up to COUNT_CAP), padded with spaces to `bytes`.
function storySelfOverlapWithin(bytes, title) {
  const features = [];
  for (let i = 0; i < L.storyQuotes / L.storyQuotesPerFeature; i++) {
    features.push({ type: 'Feature', id: `f${i}`, geometry: { type: 'Point', coordinates: [62 + i * 0.5, 37] },
      properties: { title: `F${i}`, kind: 'site', precision: { level: 'exact', radius_km: 0 }, confidence: 'confirmed',
        sources: [{ publisher: 'Bench', url: 'https://example.org/' }],
        quotes: Array.from({ length: L.storyQuotesPerFeature }, () => ({ exact: 'aa', prefix: 'a', suffix: 'a' })) } });
  }
  const n = Math.ceil(L.storyArticleChars / L.storyParagraphChars);
  const last = L.storyArticleChars - (n - 1) * L.storyParagraphChars;
  const paragraphs = Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, text: 'a'.repeat(i === n - 1 ? last : L.storyParagraphChars) }));
  const text = JSON.stringify({ format: 'article-map/story@1', article: { title, sections: [{ id: 's', heading: null, paragraphs }] }, features: { type: 'FeatureCollection', features } });
  return { text: padTo(text, bytes), paragraphs: n, last, bytesOfJson: Buffer.byteLength(text) };
}

// ---- the cases ---------------------------------------------------------------------------------------------
const answer = (re, name) => ({ kind: 'alert', re, name });
const IMPORT_ANSWER = { any: [answer('annotation\\(s\\) added', 'accepted'), answer('was not imported', 'refused')] };
const importAct = (file) => async (page) => { await page.locator('[data-import-file]').setInputFiles(file); };

async function buildCases(tmp) {
  const cases = [];
  const write = async (name, text) => { const f = join(tmp, name); await writeFile(f, text); return { file: f, bytes: Buffer.byteLength(text) }; };

  if (ONLY.includes('story')) {
    await mkdir(FIXTURES, { recursive: true });
    const put = async (name, text) => { await writeFile(join(FIXTURES, name), text); return Buffer.byteLength(text); };
    const STORY_ANSWER = (title) => ({ any: [{ kind: 'title', title, name: 'accepted' }, answer('is not a story package', 'refused')] });
    const tA = 'Bench: a package at the limits';
    const limits = storyAtLimits(L.storyBytes, tA, { fill: 'description' });
    const nA = await put('at-limits.json', limits.text);
    await put('over-bytes.json', limits.text + ' ');
    const SA = { group: 'story', label: 'Story package (`?story=`)', arm: STORY_ANSWER(tA), timeout: 60_000 };
    const common = `${L.storySections} sections, ${thousands(L.storyParagraphs)} paragraphs × 150 chars (${thousands(L.storyArticleChars)} chars of article), ${thousands(L.storyFeatures)} features, ${L.storyQuotes} quotes (all resolve, unique)`;
    cases.push({ ...SA, id: 'story-limits', input: `${thousands(nA)} B (= ${L.storyBytes / 1048576} MiB): ${common}, filled with ${thousands(limits.fillPer)}-char feature descriptions`, path: '?story=stories/bench-fixtures/at-limits.json', expect: 'accepted' });
    const lines = storyAtLimits(L.storyBytes, tA, { fill: 'geometry' });
    const nA2 = await put('at-limits-lines.json', lines.text);
    cases.push({ ...SA, id: 'story-limits-lines', input: `${thousands(nA2)} B (= ${L.storyBytes / 1048576} MiB): ${common}, filled with geometry: ${thousands(L.storyFeatures)} LineStrings × ${thousands(lines.fillPer)} positions (${thousands(L.storyFeatures * lines.fillPer)})`, path: '?story=stories/bench-fixtures/at-limits-lines.json', expect: 'accepted' });
    cases.push({ ...SA, id: 'story-over-bytes', over: true, input: `${thousands(nA + 1)} B (1 byte over)`, path: '?story=stories/bench-fixtures/over-bytes.json', expect: 'refused' });
    await put('over-article.json', storyAtLimits(L.storyBytes, tA, { articleChars: L.storyArticleChars + 1 }).text);
    cases.push({ ...SA, id: 'story-over-article-chars', over: true, input: `${thousands(L.storyArticleChars + 1)} chars of article (${L.storyBytes / 1048576} MiB)`, path: '?story=stories/bench-fixtures/over-article.json', expect: 'refused' });
    await put('over-features.json', storyAtLimits(L.storyBytes, tA, { features: L.storyFeatures + 1 }).text);
    cases.push({ ...SA, id: 'story-over-features', over: true, input: `${thousands(L.storyFeatures + 1)} features (${L.storyBytes / 1048576} MiB)`, path: '?story=stories/bench-fixtures/over-features.json', expect: 'refused' });
    await put('over-quotes.json', storyAtLimits(L.storyBytes, tA, { quotes: L.storyQuotes + 1 }).text);
    cases.push({ ...SA, id: 'story-over-quotes', over: true, input: `${L.storyQuotes + 1} quotes (${L.storyBytes / 1048576} MiB)`, path: '?story=stories/bench-fixtures/over-quotes.json', expect: 'refused' });
    const tB = 'Bench: self-overlapping quote';
    const nB = await put('self-overlap.json', storySelfOverlap(tB));
    cases.push({ group: 'story-adv', id: 'story-self-overlap', label: 'Story package, self-overlapping quote', input: `${thousands(nB)} B: 2 paragraphs of 'a' × 100,000, 2 quotes of exact 'a' × 50,000`, path: '?story=stories/bench-fixtures/self-overlap.json', arm: STORY_ANSWER(tB), timeout: 60_000 });
    const tC = 'Bench: self-overlapping quotes within the limits';
    const within = storySelfOverlapWithin(L.storyBytes, tC);
    const nC = await put('self-overlap-within.json', within.text);
    cases.push({ group: 'story-adv', id: 'story-self-overlap-within', label: 'Story package, self-overlapping quotes within the limits', input: `${thousands(nC)} B (${kib(within.bytesOfJson)} of JSON, padded with spaces): ${within.paragraphs} paragraphs of 'a' × ${thousands(L.storyParagraphChars)} (${thousands(L.storyArticleChars)} chars), ${L.storyQuotes} quotes "a[aa]a" (${L.storyQuotes / L.storyQuotesPerFeature} features × ${L.storyQuotesPerFeature}; each ambiguous, counted up to ${L.quoteCountCap})`, path: '?story=stories/bench-fixtures/self-overlap-within.json', arm: STORY_ANSWER(tC), timeout: 90_000 });
  }

  if (ONLY.includes('import')) {
    const base = { group: 'import', label: 'GeoJSON import (file input)', arm: IMPORT_ANSWER, timeout: 90_000 };
    const pts = (n) => fc(Array.from({ length: n }, (_, i) => pointFeature(i, `{"title":"p${i}"}`)));
    const a1 = await write(`points-${L.importFeatures}.geojson`, pts(L.importFeatures));
    cases.push({ ...base, id: 'import-features', input: `${thousands(L.importFeatures)} points (${kib(a1.bytes)})`, act: importAct(a1.file), expect: 'accepted', after: panFrames });
    const o1 = await write(`points-${L.importFeatures + 1}.geojson`, pts(L.importFeatures + 1));
    cases.push({ ...base, id: 'import-features-over', over: true, input: `${thousands(L.importFeatures + 1)} points`, act: importAct(o1.file), expect: 'refused' });
    const polys = (extra) => fc([0, 1, 2, 3].map((i) => polygonFeature(L.importVertices / 4 + (i === 3 ? extra : 0), i)));
    const a2 = await write(`vertices-${L.importVertices}.geojson`, polys(0));
    cases.push({ ...base, id: 'import-vertices', input: `4 polygons × ${thousands(L.importVertices / 4)} positions = ${thousands(L.importVertices)} (${kib(a2.bytes)})`, act: importAct(a2.file), expect: 'accepted', after: panFrames });
    const o2 = await write(`vertices-${L.importVertices}-plus-1.geojson`, polys(1));
    cases.push({ ...base, id: 'import-vertices-over', over: true, input: `${thousands(L.importVertices + 1)} positions`, act: importAct(o2.file), expect: 'refused' });
    // Exactly 5 MiB: 5,000 points (the feature limit), each with a long description, padded with trailing spaces.
    const noteLen = Math.floor((L.importBytes - L.importFeatures * 130) / L.importFeatures);
    const bytesDoc = fc(Array.from({ length: L.importFeatures }, (_, i) => pointFeature(i, `{"title":"p${i}","description":"${WORDS[i % WORDS.length].padEnd(noteLen, ' x')}"}`)));
    const a3 = await write('bytes-max.geojson', padTo(bytesDoc, L.importBytes));
    cases.push({ ...base, id: 'import-bytes', input: `${thousands(a3.bytes)} B (= ${L.importBytes / 1048576} MiB): ${thousands(L.importFeatures)} points with ${thousands(noteLen)}-char notes`, act: importAct(a3.file), expect: 'accepted' });
    const o3 = await write('bytes-max-plus-1.geojson', padTo(bytesDoc, L.importBytes + 1));
    cases.push({ ...base, id: 'import-bytes-over', over: true, input: `${thousands(o3.bytes)} B (1 byte over)`, act: importAct(o3.file), expect: 'refused' });
    const o4 = await write('file-max-plus-1.geojson', padTo(bytesDoc, L.fileMiB * 1048576 + 1));
    cases.push({ ...base, id: 'import-file-over', over: true, input: `${thousands(o4.bytes)} B (1 byte over the ${L.fileMiB} MiB file-read limit)`, act: importAct(o4.file), expect: 'refused' });
    // Quotes: the default story's first quote, repeated (resolving ones). One point with the most quotes a
    // feature may carry, one with one more, and as many points × that many quotes as fit in the byte limit.
    const story = JSON.parse(await readFile(join(ROOT, 'assets/story/umarov-tajikistan-2021.json'), 'utf8'));
    const q = JSON.stringify(story.features.features[0].properties.quotes[0]);
    const quotesFeature = (i, n) => pointFeature(i, `{"title":"quotes ${i}","quotes":[${Array(n).fill(q).join(',')}]}`);
    const quotesDoc = (points, n) => fc(Array.from({ length: points }, (_, i) => quotesFeature(i, n)));
    const nQ = L.importQuotesPerFeature;
    const a5 = await write('quotes-max.geojson', quotesDoc(1, nQ));
    cases.push({ ...base, id: 'import-quotes-max', input: `1 point with ${nQ} quotes (${kib(a5.bytes)}; resolving ones, from the default article)`, act: importAct(a5.file), expect: 'accepted' });
    const o5 = await write('quotes-max-plus-1.geojson', quotesDoc(1, nQ + 1));
    cases.push({ ...base, id: 'import-quotes-over', over: true, input: `1 point with ${nQ + 1} quotes`, act: importAct(o5.file), expect: 'refused' });
    // The most quotes a file may carry in all: 100 points × 50 quotes = 5,000, and one quote more.
    const nPts = L.importQuotes / nQ;
    const a6 = await write('quotes-total.geojson', quotesDoc(nPts, nQ));
    cases.push({ ...base, id: 'import-quotes-total', input: `${thousands(nPts)} points × ${nQ} quotes = ${thousands(nPts * nQ)} quotes (the limit in all; ${kib(a6.bytes)})`, act: importAct(a6.file), expect: 'accepted', timeout: 120_000 });
    const o6 = await write('quotes-total-plus-1.geojson', fc([...Array.from({ length: nPts }, (_, i) => quotesFeature(i, nQ)), quotesFeature(nPts, 1)]));
    cases.push({ ...base, id: 'import-quotes-total-over', over: true, input: `${thousands(nPts * nQ + 1)} quotes in all`, act: importAct(o6.file), expect: 'refused' });
    cases.push({ group: 'import', id: 'import-baseline-pan', label: 'Pan with no import (reference)', input: 'default story, no annotations', arm: { any: [{ kind: 'mapReady' }] }, path: '', after: panFrames });
  }

  if (ONLY.includes('link')) {
    const base = { group: 'link', label: 'Share link (`#v1;a=`)', arm: { any: [answer('The link brought', 'accepted'), answer("The link's annotations could not be read", 'refused')] } };
    const linkPoints = (n) => fc(Array.from({ length: n }, (_, i) => `{"type":"Feature","id":"a${i + 1}","geometry":{"type":"Point","coordinates":[${(65 + (i % 25) * 0.2).toFixed(1)},${(34 + Math.floor(i / 25) * 0.2).toFixed(1)}]},"properties":{}}`));
    const cycle = (n) => { const p = []; for (let j = 0; j < n; j++) p.push(`[${(68 + (j % 10) * 0.5).toFixed(1)},${(36 + (j % 7) * 0.3).toFixed(1)}]`); return p.join(','); };
    const linkLine = (n) => fc([`{"type":"Feature","id":"a1","geometry":{"type":"LineString","coordinates":[${cycle(n)}]},"properties":{}}`]);
    const add = (id, over, input, text, expect) => {
      const blob = typeof text === 'string' && !text.startsWith('{') ? text : linkBlob(text);
      cases.push({ ...base, id, over, input: `${input}; blob ${thousands(blob.length)} chars`, path: `#v1;a=${blob}`, expect });
    };
    add('link-annotations', false, `${L.linkAnnotations} points`, linkPoints(L.linkAnnotations), 'accepted');
    add('link-annotations-over', true, `${L.linkAnnotations + 1} points`, linkPoints(L.linkAnnotations + 1), 'refused');
    add('link-vertices', false, `1 line of ${thousands(L.linkVertices)} positions`, linkLine(L.linkVertices), 'accepted');
    add('link-vertices-over', true, `1 line of ${thousands(L.linkVertices + 1)} positions`, linkLine(L.linkVertices + 1), 'refused');
    add('link-chars-over', true, `${thousands(L.linkReadChars + 1)} base64url chars`, 'A'.repeat(L.linkReadChars + 1), 'refused');
    const bomb = fc([`{"type":"Feature","id":"a1","geometry":{"type":"Point","coordinates":[70,37]},"properties":{"note":"${'x'.repeat(L.linkInflated)}"}}`]);
    add('link-inflated-over', true, `deflate bomb (${kib(Buffer.byteLength(bomb))} inflated)`, bomb, 'refused');
  }

  if (ONLY.includes('storage')) {
    const KEY = 'article-map@/:annotations';
    const env = (features) => `{"format":"article-map/annotations@1","saved_at":"2026-01-01T00:00:00Z","next_id":${features.length + 1},"document":${fc(features)}}`;
    const pt = (i) => `{"type":"Feature","geometry":{"type":"Point","coordinates":[${(60 + (i % 1000) * 0.03).toFixed(2)},${(30 + Math.floor(i / 1000) * 0.02).toFixed(2)}]},"properties":{}}`;
    const points = (n) => Array.from({ length: n }, (_, i) => pt(i));
    const base = { group: 'storage', label: 'Saved document (localStorage)', timeout: 90_000,
      arm: { any: [answer('could not be read', 'warned'), answer('Restored \\d+ annotation', 'restored'), answer('not being saved|could not be saved', 'storage-error')] } };
    const e1 = env(points(L.importFeatures));
    cases.push({ ...base, id: 'storage-features', input: `${thousands(L.importFeatures)} points (${kib(e1.length)} of text)`, seed: { key: KEY, value: e1 }, expect: 'restored' });
    const e1o = env(points(L.importFeatures + 1));
    cases.push({ ...base, id: 'storage-features-over', over: true, input: `${thousands(L.importFeatures + 1)} points (${kib(e1o.length)})`, seed: { key: KEY, value: e1o } });
    const line = (k, s) => `{"type":"Feature","geometry":{"type":"LineString","coordinates":[${lineCoords(k, s)}]},"properties":{}}`;
    const quarter = L.importVertices / 4;
    const e2 = env([0, 1, 2, 3].map((s) => line(quarter, s)));
    cases.push({ ...base, id: 'storage-vertices', input: `4 lines × ${thousands(quarter)} = ${thousands(L.importVertices)} positions (the vertex limit; ${kib(e2.length)}; the ${L.savedBytes / 1048576} MiB byte limit of a saved document is past Chromium's localStorage quota)`, seed: { key: KEY, value: e2 }, expect: 'restored' });
    const e2o = env([0, 1, 2, 3].map((s) => line(quarter + (s === 3 ? 1 : 0), s)));
    cases.push({ ...base, id: 'storage-vertices-over', over: true, input: `4 lines, ${thousands(L.importVertices + 1)} positions (${kib(e2o.length)})`, seed: { key: KEY, value: e2o } });
    const damaged = points(L.importFeatures);
    const at = L.importFeatures / 2;
    damaged[at] = '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[70,37],[71,37],[71,38]]]},"properties":{}}';
    const e3 = env(damaged);
    cases.push({ ...base, group: 'storage-damaged', label: 'Saved document, damaged', id: 'storage-damaged', input: `${thousands(L.importFeatures)} features, one unclosed ring at [${at}]`, seed: { key: KEY, value: e3 }, expect: 'warned' });
  }

  if (ONLY.includes('handin')) {
    const tasks = '["Mark where the new site is said to be","Draw the Tajik–Afghan border section closest to it","Attach the sentence that supports your mark"]';
    const handIn = (name, annotations, perLine, bytes) => {
      const features = Array.from({ length: annotations }, (_, i) => lineFeature(perLine, i, `{"title":"t${i}"}`));
      const text = fc(features, `,"article-map:hand-in":{"student":"${name}","task":"Mark where the new site is said to be","tasks":${tasks}}`);
      return bytes ? padTo(text, bytes) : text;
    };
    const dir = join(tmp, 'hand-ins');
    await mkdir(dir, { recursive: true });
    // The largest single hand-in: the most annotations (lines) and positions, padded to the byte limit.
    const maxText = handIn('Student 000', L.handInAnnotations, L.handInVertices / L.handInAnnotations, L.handInBytes);
    const nBig = Math.floor(L.handInTotalBytes / L.handInBytes); // files of the byte limit that fit the total
    const files = [];
    for (let i = 0; i < nBig + 1; i++) {
      const f = join(dir, `student-${String(i).padStart(3, '0')}.geojson`);
      await writeFile(f, maxText.replace('"Student 000"', `"Student ${String(i).padStart(3, '0')}"`));
      files.push(f);
    }
    // The most files, sharing the total: 60 files of ⌊total / files⌋ B, each 100 lines with as many positions as fit.
    const classBytes = Math.floor(L.handInTotalBytes / L.handInFiles);
    const classLines = 100;
    let per = 2;
    while (per + 1 <= L.handInVertices / classLines && Buffer.byteLength(handIn('Class 000', classLines, per + 1)) <= classBytes) per += 1;
    const classFiles = [];
    for (let i = 0; i < L.handInFiles; i++) {
      const f = join(dir, `class-${String(i).padStart(3, '0')}.geojson`);
      await writeFile(f, handIn(`Class ${String(i).padStart(3, '0')}`, classLines, per, classBytes));
      classFiles.push(f);
    }
    const small = [];
    for (let i = 0; i < L.handInFiles + 1; i++) {
      const f = join(dir, `small-${String(i).padStart(3, '0')}.geojson`);
      await writeFile(f, handIn(`Small ${i}`, 1, 2));
      small.push(f);
    }
    const over = [
      await write('hand-in-bytes-over.geojson', padTo(handIn('Over bytes', 10, 10), L.handInBytes + 1)),
      await write('hand-in-annotations-over.geojson', handIn('Over annotations', L.handInAnnotations + 1, 2)),
      await write('hand-in-vertices-over.geojson', handIn('Over vertices', 1, L.handInVertices + 1)),
    ];
    const before = async (page) => { await page.getByRole('tab', { name: 'Hand-ins' }).click(); await page.locator('[data-hand-in-files]').waitFor({ state: 'attached' }); };
    const act = (list) => async (page) => { await page.locator('[data-hand-in-files]').setInputFiles(list); };
    const arm = (count) => ({ any: [answer('hand-in\\(s\\) could not be read', 'refused'), { kind: 'handIns', count, name: 'accepted' }] });
    const base = { group: 'handin', label: 'Hand-ins (teacher view)', path: '?mode=teacher', before, timeout: 120_000 };
    const mib = (n) => `${n / 1048576} MiB`;
    const one = `${thousands(L.handInAnnotations)} lines, ${thousands(L.handInVertices)} positions`;
    cases.push({ ...base, id: 'handin-one-max', group: 'handin-one', label: 'Hand-in, one file (teacher view)', input: `1 file of ${thousands(L.handInBytes)} B (${mib(L.handInBytes)}): ${one}`, act: act(files.slice(0, 1)), arm: arm(1), expect: 'accepted' });
    cases.push({ ...base, id: 'handin-one-over', group: 'handin-one', label: 'Hand-in, one file (teacher view)', over: true, input: `3 files: ${mib(L.handInBytes)} + 1 B; ${thousands(L.handInAnnotations + 1)} annotations; ${thousands(L.handInVertices + 1)} positions`, act: act(over.map((o) => o.file)), arm: arm(99), expect: 'refused' });
    cases.push({ ...base, id: 'handin-max', input: `${nBig} files × ${mib(L.handInBytes)} (${one} each): ${mib(nBig * L.handInBytes)} in all, ${thousands(nBig * L.handInVertices)} positions`, act: act(files.slice(0, nBig)), arm: arm(nBig), expect: 'accepted' });
    cases.push({ ...base, id: 'handin-class-max', input: `${L.handInFiles} files × ${thousands(classBytes)} B (${classLines} lines × ${per} positions each): ${kib(L.handInFiles * classBytes)} in all, ${thousands(L.handInFiles * classLines * per)} positions`, act: act(classFiles), arm: arm(L.handInFiles), expect: 'accepted' });
    cases.push({ ...base, id: 'handin-small-max', input: `${L.handInFiles} small files (1 line each)`, act: act(small.slice(0, L.handInFiles)), arm: arm(L.handInFiles), expect: 'accepted' });
    cases.push({ ...base, id: 'handin-total-over', over: true, input: `${nBig + 1} files × ${mib(L.handInBytes)} (${mib((nBig + 1) * L.handInBytes)} in all)`, act: act(files), arm: arm(999), expect: 'refused' });
    cases.push({ ...base, id: 'handin-files-over', over: true, input: `${L.handInFiles + 1} small files`, act: act(small), arm: arm(999), expect: 'refused' });
  }

  if (ONLY.includes('viewport')) {
    const base = { group: 'viewport', label: 'Viewport', arm: { any: [{ kind: 'mapReady', name: 'map-ready' }] }, path: '', timeout: 15_000 };
    for (const [w, h] of [[1280, 800], [1, 1], [390, 844], [20000, 800]]) {
      cases.push({ ...base, id: `viewport-${w}x${h}`, input: `${w}×${h}${w === 1280 ? ' (reference: plain load)' : ''}`, viewport: { width: w, height: h }, expect: 'map-ready',
        after: async (page) => ({ size: await page.evaluate(() => ({ w: innerWidth, h: innerHeight })) }) });
    }
  }
  return cases;
}

// ---- the report ----------------------------------------------------------------------------------------------
function cell(r) {
  if (r.timeout) return `**timeout** (${r.timeout.replace(/^timeout after /, '> ').replace(/ \(.*/, '')}${r.timeoutState ? `; ${r.timeoutState}` : ''})`;
  if (r.error && r.medianMs == null) return `**error**: ${r.error.slice(0, 200)}`;
  const spread = r.runs > 1 && Math.round(r.minMs) !== Math.round(r.maxMs) ? ` (${r.minMs.toFixed(0)}–${r.maxMs.toFixed(0)})` : '';
  let s = `${r.medianMs.toFixed(0)}${spread}${r.runs !== RUNS ? ` [${r.runs} run${r.runs > 1 ? 's' : ''}]` : ''}`;
  if (r.medianMs > 1000) s += ' **over 1 s**';
  if (r.failures.length) s += ` **FAILURE: ${r.failures.join('; ').slice(0, 200)}**`;
  return s;
}
const quoteAnswer = (t) => (t ? `“${t.length > 230 ? `${t.slice(0, 230)}…` : t}”` : '—').replace(/\|/g, '\\|');

function report(results, meta) {
  const lines = [];
  lines.push('# Worst cases: the largest inputs and what a larger one gets');
  lines.push('');
  lines.push(`Measured ${meta.date} on ${meta.machine}, ${meta.chromium}, release build in \`dist/\` (wasm ${meta.wasm}).`);
  lines.push(`Command (from /work/main): \`node bench/worst-case.mjs\`${meta.args ? ` ${meta.args}` : ''}. ${RUNS} run${RUNS > 1 ? 's' : ''} per case unless noted; whole run ${meta.totalS} s.`);
  lines.push('');
  lines.push('Times are ms in the page, median (min–max): for `?story=`, links, saved documents and viewports from navigation start (so they include');
  lines.push(`loading the app: the reference plain load is ${meta.plainLoad}); for file inputs from the input's \`change\` event. The end is the`);
  lines.push('first task after the frame that shows the answer has been rendered. Target: none over 1 s.');
  lines.push('');
  lines.push('| class | largest accepted input | median ms (min–max) | larger input gets |');
  lines.push('|---|---|---|---|');
  const groups = [...new Set(results.map((r) => r.group))];
  for (const g of groups) {
    const acc = results.filter((r) => r.group === g && !r.over);
    const over = results.filter((r) => r.group === g && r.over);
    const overText = over.map((o) => `${o.input} → ${o.timeout ? `**timeout** (${o.timeout})` : `${quoteAnswer(o.answer)} (${cell(o)} ms)`}`).join('<br>') || '—';
    acc.forEach((a, i) => {
      const got = a.answerKind && a.expect && a.answerKind !== a.expect ? ` — answer: ${a.answerKind} ${quoteAnswer(a.answer)}` : (a.answerKind === 'refused' || a.answerKind === 'warned' ? ` — ${quoteAnswer(a.answer)}` : '');
      const frames = a.frames ? `; pan frames p95 ${a.frames.p95Ms.toFixed(1)} ms (max ${a.frames.maxMs.toFixed(0)}, settle max ${a.frames.settleMaxMs.toFixed(0)})${a.frames.moved ? '' : ' **map did not move**'}` : '';
      lines.push(`| ${i === 0 ? a.label : ''} | ${a.input}${got}${frames} | ${cell(a)} | ${i === 0 ? overText : ''} |`);
    });
    if (!acc.length) lines.push(`| ${over[0].label} | — | — | ${overText} |`);
  }
  lines.push('');
  const traced = results.filter((r) => r.trace && !r.trace.error);
  if (traced.length) {
    lines.push('## Where the time goes (cases over 1 s, one extra traced run)');
    lines.push('');
    lines.push('Chrome trace of the renderer main thread between the start and the answer; "script" is JS + wasm (the wasm has no names),');
    lines.push('i.e. busy time minus style, layout and paint; GC is part of script. Busy less than the window = waiting (reading the file, fetching).');
    lines.push('');
    lines.push('| case | traced run ms | main thread busy | script (wasm+JS) | GC | style | layout | paint+commit | longest task |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const r of traced) {
      const t = r.trace;
      lines.push(`| ${r.id} | ${t.ms.toFixed(0)} | ${t.busyMs.toFixed(0)} | ${t.scriptMs.toFixed(0)} | ${t.gcMs.toFixed(0)} | ${t.styleMs.toFixed(0)} | ${t.layoutMs.toFixed(0)} | ${t.paintMs.toFixed(0)} | ${t.longestTaskMs.toFixed(0)} |`);
    }
    lines.push('');
  }
  lines.push('## Every case');
  lines.push('');
  lines.push('| case | input | ms median (min–max) | runs | answer | other messages | notes |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const others = r.alerts.filter((a) => a !== r.answer).map((a) => quoteAnswer(a)).join('<br>') || '—';
    const notes = [
      r.seed?.ms != null ? `localStorage seeded in ${r.seed.ms.toFixed(0)} ms (inside the time)` : null,
      r.seed?.error ? `**could not be seeded: ${r.seed.error}**` : null,
      r.frames ? `pan p95 ${r.frames.p95Ms.toFixed(1)} ms, median ${r.frames.medianMs.toFixed(1)}, max ${r.frames.maxMs.toFixed(0)}, frames over 50 ms ${r.frames.over50.join('/')} of ${r.frames.counts.join('/')}, settle max ${r.frames.settleMaxMs.toFixed(0)}` : null,
      r.wallMs.length ? `Node wall ${r.wallMs.join('/')} ms` : null,
      r.failures.length ? `**failures: ${r.failures.join('; ').slice(0, 300)}**` : null,
      r.error ? `error: ${r.error.slice(0, 200)}` : null,
      r.timeoutState ? r.timeoutState : null,
      r.size ? `window ${r.size.w}×${r.size.h}` : null,
    ].filter(Boolean).join('; ');
    lines.push(`| ${r.id} | ${r.input} | ${cell(r)} | ${r.runs} | ${r.answerKind ?? '—'}: ${quoteAnswer(r.answer)} | ${others} | ${notes} |`);
  }
  lines.push('');
  if (meta.limitsChanged.length) lines.push(`**Warning:** these limits no longer read as the script expects in src/: ${meta.limitsChanged.join('; ')}`);
  return lines.join('\n');
}

// ---- main ----------------------------------------------------------------------------------------------------
const started = Date.now();
const limitsChanged = await checkLimits();
const tmp = await mkdtemp(join(tmpdir(), 'worst-case-'));
console.log(`generating inputs in ${tmp} …`);
const CASE = option('case', null); // one case id, to repeat it alone (with --out)
const cases = (await buildCases(tmp)).filter((c) => !CASE || c.id === CASE);
console.log(`${cases.length} cases, generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
server = await serve();
browser = await launch();
const results = [];
try {
  for (const c of cases) {
    console.log(`${c.id}: ${c.input}`);
    results.push(await runCase(c));
  }
} finally {
  try { await browser.close(); } catch { /* gone */ }
  await server.close();
  await rm(tmp, { recursive: true, force: true });
  if (!KEEP) await rm(FIXTURES, { recursive: true, force: true });
}
let chromiumVersion = '';
try { chromiumVersion = execSync('/usr/bin/chromium --version 2>/dev/null').toString().trim().split(' built')[0]; } catch { /* unknown */ }
const wasmFile = (await import('node:fs')).readdirSync(DIST).find((f) => f.endsWith('.wasm'));
const plain = results.find((r) => r.id === 'viewport-1280x800');
const meta = {
  date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
  machine: `${cpus().length} cores (${cpus()[0]?.model?.trim() ?? 'unknown CPU'})`,
  chromium: `${chromiumVersion} headless, --disable-gpu`,
  wasm: wasmFile ? `${wasmFile}, ${kib((await stat(join(DIST, wasmFile))).size)}` : '?',
  args: process.argv.slice(2).join(' '),
  totalS: ((Date.now() - started) / 1000).toFixed(0),
  plainLoad: plain?.medianMs != null ? `${plain.medianMs.toFixed(0)} ms to map-ready at 1280×800` : 'not measured in this run',
  limitsChanged,
};
const md = report(results, meta);
await writeFile(join(HERE, OUT === 'worst-case' ? 'WORST-CASE.md' : `${OUT}.md`), md + '\n');
await writeFile(join(HERE, `${OUT}.json`), JSON.stringify({ meta, results }, null, 1) + '\n');
console.log('\n' + md);
