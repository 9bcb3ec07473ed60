// Editing under load, for bench/run.mjs: the app with 100 000 synthetic points in the scene's view and 1 000
// annotations restored from localStorage (seeded before the app starts, in the envelope the app saves:
// src/domain/saved_document.rs), then (a) a vertex of a selected area dragged with the mouse for 2 s and
// (b) a line drawn with the line tool. Records rAF intervals during each gesture and the time from the gesture's
// end (pointerup, dblclick) to the animation frame after the DOM shows the committed shape (as click → popup).
// No peer measures this.

export const EDITING = { n: 100_000, annotations: 1_000, lineVertices: 8, areaVertices: 12, dragMs: 2000 };
// storage_key("/", "annotations") in src/domain/saved_document.rs.
const STORAGE_KEY = 'article-map@/:annotations';

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => { const s = sorted(xs); if (!s.length) return null; const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, p) => { const s = sorted(xs); return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : null; };
function frameStats(stamps, from, to) {
  const inside = stamps.filter((t) => t >= from && t <= to);
  const d = [];
  for (let i = 1; i < inside.length; i++) d.push(inside[i] - inside[i - 1]);
  return { count: d.length, medianMs: median(d), p95Ms: quantile(d, 0.95), maxMs: d.length ? Math.max(...d) : null, over50: d.filter((x) => x > 50).length };
}

// The saved envelope for `count` annotations inside `box` (degrees), sized in screen pixels for a map at
// `degPerPx` degrees of longitude per pixel: points; lines of 8 vertices 12 px apart; areas of 12 vertices on a
// circle of 22 px (counter-clockwise, closed: the right-hand rule the app writes). Keys in the order serde_json
// writes them (sorted), coordinates rounded to 6 decimals as the export does.
export function savedDocument(shared, box, degPerPx, count = EDITING.annotations) {
  const next = shared.mulberry32(3); // the workload's generator (peers/shared.js), seed 3 as bench/hot_paths.rs
  const r6 = (x) => Math.round(x * 1e6) / 1e6;
  const pos = (lon, lat) => `[${r6(lon)},${r6(lat)}]`;
  const features = [];
  for (let i = 0; i < count; i++) {
    const lon = box.west + (box.east - box.west) * next();
    const lat = box.south + (box.north - box.south) * next();
    const dLon = degPerPx;
    const dLat = degPerPx * Math.cos((lat * Math.PI) / 180); // Mercator: a pixel is cos(lat) as many degrees of latitude
    let geometry;
    if (i % 3 === 0) {
      geometry = `{"coordinates":${pos(lon, lat)},"type":"Point"}`;
    } else if (i % 3 === 1) {
      const line = [];
      for (let k = 0; k < EDITING.lineVertices; k++) line.push(pos(lon + 12 * k * dLon, lat + 6 * (k % 2) * dLat));
      geometry = `{"coordinates":[${line.join(',')}],"type":"LineString"}`;
    } else {
      const ring = [];
      for (let k = 0; k < EDITING.areaVertices; k++) {
        const a = (k / EDITING.areaVertices) * 2 * Math.PI;
        ring.push(pos(lon + 22 * dLon * Math.cos(a), lat + 22 * dLat * Math.sin(a)));
      }
      ring.push(ring[0]);
      geometry = `{"coordinates":[[${ring.join(',')}]],"type":"Polygon"}`;
    }
    features.push(`{"geometry":${geometry},"id":"a${i + 1}","properties":{"description":"","title":""},"type":"Feature"}`);
  }
  return `{"document":{"features":[${features.join(',')}],"type":"FeatureCollection"},"format":"article-map/annotations@1","next_id":${count + 1},"saved_at":"2026-01-01T00:00:00Z"}`;
}

// Before the app starts: the saved document, and when the app says it restored it.
const SEED = ({ key, value }) => {
  try { localStorage.setItem(key, value); } catch (e) { window.__seedError = `${e.name}: ${e.message}`; }
  window.__restoredAt = null;
  const mo = new MutationObserver(() => {
    for (const el of document.querySelectorAll('.alert, [role="status"]')) {
      if (/Restored [\d,]+ annotation/.test(el.textContent || '')) { window.__restoredAt = performance.now(); window.__restoredText = el.textContent.trim(); mo.disconnect(); return; }
    }
  });
  mo.observe(document, { subtree: true, childList: true, characterData: true });
};

const mapRect = (page) => page.$eval('[data-map]', (el) => {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height, lon: Number(el.dataset.centerLon), lat: Number(el.dataset.centerLat), zoom: Number(el.dataset.zoom) };
});

async function resting(page) {
  let before = await mapRect(page);
  for (let i = 0; i < 40; i++) {
    await sleep(150);
    const now = await mapRect(page);
    if (now.lon === before.lon && now.lat === before.lat && now.zoom === before.zoom) return now;
    before = now;
  }
  return before;
}

// A frame recorder in the page: every rAF timestamp until stopped.
const startFrames = (page) => page.evaluate(() => {
  window.__frames = [];
  window.__framesOn = true;
  const tick = (t) => { window.__frames.push(performance.now()); if (window.__framesOn) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
});
const stopFrames = (page) => page.evaluate(() => { window.__framesOn = false; return window.__frames; });

export async function editingRun({ shared, browser, baseUrl, fragment, viewport, initScript }) {
  const problems = [];
  const out = { ok: false, problems };
  const path = `?synthetic=${EDITING.n}&seed=1#${fragment}`;

  // The view the app shows for the scene (read once, with no annotations), to place the annotations in it.
  let view;
  {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${baseUrl}?synthetic=0#${fragment}`);
    await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 60_000 });
    const zoom = Number(/;z=([\d.]+)/.exec(fragment)?.[1]).toFixed(4);
    await page.waitForFunction((z) => document.querySelector('[data-map]')?.dataset.zoom === z, zoom, { timeout: 30_000 })
      .catch(() => problems.push(`the app did not open the fragment's zoom ${zoom}`));
    view = await resting(page);
    await context.close();
  }
  const degPerPx = 360 / (256 * 2 ** view.zoom);
  const mercY = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const unmercY = (y) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;
  const radPerPx = (2 * Math.PI) / (256 * 2 ** view.zoom);
  // Anchors at least 10 % of the map plus a shape's reach (lines go 84 px east, areas 22 px around) from its edges.
  const px = (x, y) => ({ lon: view.lon + (x - view.width / 2) * degPerPx, lat: unmercY(mercY(view.lat) - (y - view.height / 2) * radPerPx) });
  const nw = px(0.1 * view.width + 22, 0.1 * view.height + 22);
  const se = px(0.9 * view.width - 84, 0.9 * view.height - 22);
  const box = { west: nw.lon, north: nw.lat, east: se.lon, south: se.lat };
  const saved = savedDocument(shared, box, degPerPx);
  out.setup = { view, box, savedBytes: saved.length };

  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(initScript, { sceneZoom: view.zoom.toFixed(4), n: EDITING.n });
  await page.addInitScript(SEED, { key: STORAGE_KEY, value: saved });
  try {
    await page.goto(baseUrl + path);
    await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 60_000 });
    await page.waitForFunction(() => typeof window.__benchScene === 'number', null, { timeout: 30_000 }).catch(() => problems.push('the scene was not seen drawn'));
    await page.waitForFunction(() => window.__restoredAt != null || window.__seedError, null, { timeout: 60_000 })
      .catch(() => problems.push('no "Restored … annotation(s)" notice within 60 s'));
    const seeded = await page.evaluate(() => ({ error: window.__seedError ?? null, at: window.__restoredAt, text: window.__restoredText ?? null }));
    if (seeded.error) throw new Error(`localStorage refused the document: ${seeded.error}`);
    out.restoredMs = seeded.at;
    out.restoredText = seeded.text;
    await resting(page);
    await sleep(1000);
    out.annotationsInDom = await page.evaluate(() => new Set([...document.querySelectorAll('[data-map] [data-annotation-id]')].map((e) => e.dataset.annotationId)).size);
    if (out.annotationsInDom < EDITING.annotations * 0.9) problems.push(`only ${out.annotationsInDom} annotations on the map`);

    // (a) select an area in the list, drag one of its vertex handles for 2 s
    const AREA = 'a3';
    await page.getByRole('tab', { name: 'My annotations' }).click();
    await page.locator(`[data-annotation-item="${AREA}"]`).click();
    await page.locator('[data-vertex]').first().waitFor({ timeout: 10_000 });
    await resting(page);
    await sleep(300);
    const handle = await page.evaluate(() => {
      const order = [6, 3, 9, 1, 4, 7, 10, 2, 5, 8, 11, 0];
      for (const i of order) {
        const h = document.querySelector(`[data-vertex="${i}"]`);
        if (!h) continue;
        const r = h.getBoundingClientRect();
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        if (document.elementFromPoint(x, y) === h) return { i, x, y };
      }
      return null;
    });
    if (!handle) throw new Error('no vertex handle of the selected area is uncovered');
    out.drag = { vertex: handle.i };
    const before = await page.locator(`[data-annotation-item="${AREA}"] .place-meta`).textContent();
    await page.evaluate(({ id, before }) => {
      const c = (window.__commit = { down: null, t0: null, seen: null, t1: null });
      addEventListener('pointerdown', () => { c.down = performance.now(); }, { capture: true, once: true });
      addEventListener('pointerup', () => { c.t0 = performance.now(); }, { capture: true, once: true });
      const mo = new MutationObserver(() => {
        if (c.t0 == null || c.seen != null) return;
        const text = document.querySelector(`[data-annotation-item="${id}"] .place-meta`)?.textContent;
        if (text != null && text !== before) {
          c.seen = performance.now();
          mo.disconnect();
          requestAnimationFrame(() => { c.t1 = performance.now(); });
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    }, { id: AREA, before });
    await startFrames(page);
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    const t0 = Date.now();
    let moves = 0;
    for (let elapsed = 0; elapsed < EDITING.dragMs; elapsed = Date.now() - t0) {
      const f = elapsed / EDITING.dragMs;
      const a = (2 * Math.PI * elapsed) / 500;
      await page.mouse.move(handle.x + 60 * f + 15 * Math.sin(a), handle.y + 40 * f + 15 * (1 - Math.cos(a)), { steps: 1 });
      moves += 1;
      const next = t0 + moves * 16;
      if (next > Date.now()) await sleep(next - Date.now());
    }
    await page.mouse.move(handle.x + 60, handle.y + 40);
    await page.mouse.up();
    await page.waitForFunction(() => window.__commit.t1 != null, null, { timeout: 30_000 }).catch(() => problems.push('(a) the committed shape never showed in the list'));
    const commit = await page.evaluate(() => window.__commit);
    const stamps = await stopFrames(page);
    out.drag.moves = moves;
    out.drag.frames = frameStats(stamps, commit.down ?? 0, commit.t0 ?? Infinity);
    out.drag.commitMs = commit.t1 != null ? commit.t1 - commit.t0 : null;
    out.drag.seenMs = commit.seen != null ? commit.seen - commit.t0 : null;
    out.drag.measures = { before, after: await page.locator(`[data-annotation-item="${AREA}"] .place-meta`).textContent() };

    // (b) the line tool: vertices placed with clicks, the mouse moving between them, then a double click
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Draw line' }).click();
    await sleep(300);
    const rect = await mapRect(page);
    const at = ([fx, fy]) => ({ x: rect.left + rect.width * fx, y: rect.top + rect.height * fy });
    const stops = [[0.15, 0.3], [0.3, 0.55], [0.45, 0.35], [0.6, 0.6], [0.72, 0.4], [0.85, 0.55]].map(at);
    await page.evaluate(() => {
      const c = (window.__finish = { start: null, t0: null, seen: null, t1: null, id: null });
      const known = new Set([...document.querySelectorAll('[data-annotation-id]')].map((e) => e.dataset.annotationId));
      addEventListener('pointermove', () => { if (c.start == null) c.start = performance.now(); }, { capture: true });
      addEventListener('dblclick', () => { c.t0 = performance.now(); }, { capture: true, once: true });
      const mo = new MutationObserver(() => {
        if (c.t0 == null || c.seen != null) return;
        const added = [...document.querySelectorAll('[data-map] [data-annotation-id]')].find((e) => !known.has(e.dataset.annotationId));
        if (added) {
          c.seen = performance.now();
          c.id = added.dataset.annotationId;
          mo.disconnect();
          requestAnimationFrame(() => { c.t1 = performance.now(); });
        }
      });
      mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-annotation-id'] });
    });
    await startFrames(page);
    let from = { x: stops[0].x - 40, y: stops[0].y - 30 };
    await page.mouse.move(from.x, from.y);
    for (let k = 0; k < stops.length; k++) {
      const to = stops[k];
      for (let s = 1; s <= 15; s++) {
        await page.mouse.move(from.x + ((to.x - from.x) * s) / 15, from.y + ((to.y - from.y) * s) / 15);
        await sleep(16);
      }
      if (k < stops.length - 1) await page.mouse.click(to.x, to.y);
      else await page.mouse.dblclick(to.x, to.y);
      from = to;
    }
    await page.waitForFunction(() => window.__finish.t1 != null, null, { timeout: 30_000 }).catch(() => problems.push('(b) the finished line never showed'));
    const finish = await page.evaluate(() => window.__finish);
    const lineStamps = await stopFrames(page);
    out.line = {
      vertices: stops.length,
      id: finish.id,
      frames: frameStats(lineStamps, finish.start ?? 0, finish.t0 ?? Infinity),
      commitMs: finish.t1 != null ? finish.t1 - finish.t0 : null,
      seenMs: finish.seen != null ? finish.seen - finish.t0 : null,
    };
    if (finish.id) {
      out.line.measures = await page.locator(`[data-annotation-item="${finish.id}"] .place-meta`).textContent({ timeout: 5000 }).catch(() => null);
      if (!/Length/.test(out.line.measures ?? '')) problems.push(`(b) the new annotation ${finish.id} is not a line (${out.line.measures})`);
    }
    out.ok = out.drag.commitMs != null && out.line.commitMs != null;
  } catch (e) {
    problems.push(String(e.message ?? e).split('\n')[0]);
  } finally {
    out.errors = errors.slice(0, 10);
    for (const e of out.errors) problems.push(`console: ${e.slice(0, 200)}`);
    await context.close().catch(() => {});
  }
  return out;
}

export function summarizeEditing(runs) {
  const ok = runs.filter((r) => r.ok);
  const of = (get) => {
    const xs = ok.map(get).filter((v) => typeof v === 'number' && Number.isFinite(v));
    return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null;
  };
  return {
    restoredMs: of((r) => r.restoredMs),
    annotationsInDom: of((r) => r.annotationsInDom),
    dragCount: of((r) => r.drag.frames.count),
    dragMedian: of((r) => r.drag.frames.medianMs),
    dragP95: of((r) => r.drag.frames.p95Ms),
    dragOver50: of((r) => r.drag.frames.over50),
    dragMax: of((r) => r.drag.frames.maxMs),
    dragMoves: of((r) => r.drag.moves),
    dragCommit: of((r) => r.drag.commitMs),
    lineCount: of((r) => r.line.frames.count),
    lineMedian: of((r) => r.line.frames.medianMs),
    lineP95: of((r) => r.line.frames.p95Ms),
    lineOver50: of((r) => r.line.frames.over50),
    lineMax: of((r) => r.line.frames.maxMs),
    lineCommit: of((r) => r.line.commitMs),
  };
}
