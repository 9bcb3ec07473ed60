// Test harness: serves the release build (../dist) on 127.0.0.1 from a port the OS picks, launches Debian's
// headless Chromium through playwright-core, and records every request and console error a page makes.
//
// Each test file runs in its own process and shares nothing with the others: its server, browser (a fresh
// profile) and fixtures are its own. Fixtures are never written into the build: `writeFixture` puts them in a
// folder of this process, which the server shows at /stories/test-fixtures/ (inside the app's stories folder, the
// only place `?story=` loads from), and which is removed when the process ends.
import { createServer } from 'node:http';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { basename, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
export const DIST = resolve(here, '../../dist');
export const ARTIFACTS = resolve(here, '../artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Where the server shows this process's fixtures, relative to the app. */
export const FIXTURES_PATH = 'stories/test-fixtures/';
let fixturesDir = null;

/** Writes a fixture of this process (text, or a value as JSON); the app reads it at FIXTURES_PATH + name. */
export async function writeFixture(name, value) {
  if (basename(name) !== name) throw new Error(`a fixture is named without folders: ${name}`);
  if (!fixturesDir) {
    fixturesDir = await mkdtemp(join(tmpdir(), 'article-map-e2e-'));
    const made = fixturesDir;
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  await writeFile(join(fixturesDir, name), typeof value === 'string' ? value : JSON.stringify(value));
}

/** Starts a static file server for `root` (and this process's fixtures); resolves to { url, close }. */
export async function serveStatic(root = DIST) {
  await stat(join(root, 'index.html')); // fails clearly when the app was not built
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const fixture = path.startsWith(`/${FIXTURES_PATH}`) ? path.slice(FIXTURES_PATH.length + 1) : null;
    const file = fixture !== null
      ? (fixturesDir && fixture && basename(fixture) === fixture ? join(fixturesDir, fixture) : '/nonexistent')
      : join(root, path.endsWith('/') ? join(path, 'index.html') : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium with the flags this machine needs (no background network traffic). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Opens the app in a fresh page; resolves to { page, requests, errors } once map-ready is marked. */
export async function openApp(browser, baseUrl, { width = 1280, height = 800, path = '' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(baseUrl + path);
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 30_000 });
  return { page, context, requests, errors };
}

/** The map's settled view as its root element reports it. */
export async function readView(page) {
  return page.$eval('[data-map]', (el) => {
    const r = el.getBoundingClientRect();
    return {
      lon: Number(el.dataset.centerLon),
      lat: Number(el.dataset.centerLat),
      zoom: Number(el.dataset.zoom),
      lod: el.dataset.lod,
      left: r.left, top: r.top, width: r.width, height: r.height,
    };
  });
}

/** The view once it has stopped moving (a flight has landed): two reads 150 ms apart agree. */
export async function restingView(page) {
  let before = await readView(page);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await readView(page);
    if (now.lon === before.lon && now.lat === before.lat && now.zoom === before.zoom) return now;
    before = now;
  }
  throw new Error('the view did not come to rest');
}

/** Waits until the view's attributes differ from `before`. */
export async function waitForViewChange(page, before) {
  await page.waitForFunction(
    (b) => {
      const el = document.querySelector('[data-map]');
      return el.dataset.centerLon !== String(b.lon.toFixed(5)) || el.dataset.centerLat !== String(b.lat.toFixed(5))
        || el.dataset.zoom !== String(b.zoom.toFixed(4));
    },
    before,
    { timeout: 10_000 },
  );
  return readView(page);
}

// Spherical Web Mercator, written independently of the app's Rust code, to check what the app reports.
const R = 6378137;
const project = ({ lon, lat }) => ({
  x: R * lon * Math.PI / 180,
  y: R * Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)),
});
const unproject = ({ x, y }) => ({
  lon: x / R * 180 / Math.PI,
  lat: (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * 180 / Math.PI,
});

/** The longitude/latitude under a point given in page pixels, for a view read with readView. */
export function lonLatAt(view, pageX, pageY) {
  const res = (2 * Math.PI * R) / (256 * 2 ** view.zoom);
  const c = project(view);
  return unproject({
    x: c.x + (pageX - view.left - view.width / 2) * res,
    y: c.y - (pageY - view.top - view.height / 2) * res,
  });
}

/** Where a longitude/latitude appears, in page pixels, for a view read with readView. */
export function pageAt(view, lonLat) {
  const res = (2 * Math.PI * R) / (256 * 2 ** view.zoom);
  const c = project(view);
  const p = project(lonLat);
  return { x: view.left + view.width / 2 + (p.x - c.x) / res, y: view.top + view.height / 2 - (p.y - c.y) / res };
}

/** Distance in pixels between two page points. */
export const pixelsApart = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Registers the suite's set-up and tear-down: a static server for the build and one Chromium, shared by the
 * file's tests. Returns an object whose `server` and `browser` are set once the suite has started.
 */
export function setUpSuite() {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await serveStatic();
    suite.browser = await launchBrowser();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
