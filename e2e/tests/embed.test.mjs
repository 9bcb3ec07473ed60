// Embedding in a news page: the example host page, its iframe resized by the app's height messages,
// cooperative wheel gestures, the Embed dialog, and a strict Content-Security-Policy with no violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {ARTIFACTS, openApp, setUpSuite} from '../lib/harness.mjs';

const suite = setUpSuite();

async function openHost() {
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 800 } });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${suite.server.url}examples/embed-host.html`);
  const frame = page.frameLocator('iframe[data-article-map]');
  const appFrame = page.frames().find((f) => f.url().includes('embed=1')) ?? (await (await page.$('iframe[data-article-map]')).contentFrame());
  await appFrame.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 30_000 });
  return { context, page, frame, appFrame, requests };
}

test('the example host page: the iframe grows to fit the map and again when the article opens', async () => {
  const host = await openHost();
  try {
    const { page, appFrame } = host;
    await page.waitForFunction(() => document.querySelector('iframe[data-article-map]').hasAttribute('data-article-map-height'));
    const content = await appFrame.evaluate(() => Math.ceil(document.querySelector('.app').getBoundingClientRect().height));
    const first = await page.$eval('iframe[data-article-map]', (f) => f.getBoundingClientRect().height);
    assert.ok(Math.abs(first - content) <= 1, `iframe ${first} px fits content ${content} px`);
    assert.notEqual(first, 560, 'the snippet’s initial height was replaced');
    await page.screenshot({ path: join(ARTIFACTS, 'embed-host.png') });
    await appFrame.getByRole('button', { name: 'Read the article' }).click();
    await page.waitForFunction((h) => document.querySelector('iframe[data-article-map]').getBoundingClientRect().height > h + 100, first);
    const grown = await page.$eval('iframe[data-article-map]', (f) => f.getBoundingClientRect().height);
    const inner = await appFrame.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
    assert.ok(inner[0] <= inner[1] + 1, `no scrollbar inside the iframe (${inner})`);
    assert.ok(grown > first);
    const origin = new URL(suite.server.url).origin;
    assert.deepEqual(host.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), []);
  } finally {
    await host.context.close();
  }
});

test('over the embedded map the wheel scrolls the page, and zooms the map only with Ctrl', async () => {
  const host = await openHost();
  try {
    const { page, appFrame } = host;
    const box = await page.$eval('iframe[data-article-map]', (f) => { const r = f.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width }; });
    const zoom = () => appFrame.$eval('[data-map]', (m) => Number(m.dataset.zoom));
    const z0 = await zoom();
    await page.mouse.move(box.x + box.w / 2, box.y + 250);
    await page.mouse.wheel(0, 300);
    await page.waitForFunction(() => window.scrollY > 100);
    await appFrame.locator('.gesture-hint').waitFor();
    assert.equal(await zoom(), z0, 'the map did not zoom');
    const scrolled = await page.evaluate(() => window.scrollY);
    const again = await page.$eval('iframe[data-article-map]', (f) => { const r = f.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width }; });
    await page.mouse.move(again.x + again.w / 2, again.y + 250);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await appFrame.waitForFunction((z) => Number(document.querySelector('[data-map]').dataset.zoom) > z, z0);
    assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the page did not scroll with Ctrl held');
  } finally {
    await host.context.close();
  }
});

test('the app and the host page run under their strict policies without a violation', async () => {
  const host = await openHost();
  try {
    assert.deepEqual(await host.page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(await host.appFrame.evaluate(() => window.__cspViolations), []);
    const policy = await host.appFrame.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    const scriptSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.equal(scriptSrc, "script-src 'self' 'wasm-unsafe-eval'", 'scripts: own files and WebAssembly only');
    assert.equal(await host.appFrame.locator('script:not([src])').count(), 0, 'no inline script');
  } finally {
    await host.context.close();
  }
});

test('the Embed dialog gives an iframe snippet and the resize script', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    await app.page.getByRole('button', { name: 'Embed' }).click();
    const snippet = await app.page.locator('[data-embed-snippet]').inputValue();
    assert.match(snippet, /<iframe data-article-map src="[^"]*\?embed=1" title="Map: China’s security presence in Tajikistan"/);
    assert.match(snippet, /width:100%;height:560px/);
    assert.match(snippet, /loading="lazy"/);
    assert.match(snippet, /<script src="[^"]*embed-resize\.js" defer><\/script>/);
    await app.page.keyboard.press('Escape');
    assert.equal(await app.page.locator('[data-embed-snippet]').count(), 0);
  } finally {
    await app.context.close();
  }
});

test('embedded on a touch screen, one finger leaves the map alone and two fingers move it', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 420, height: 800 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  try {
    await page.goto(`${suite.server.url}examples/embed-host.html`);
    const frame = await (await page.$('iframe[data-article-map]')).contentFrame();
    await frame.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
    const box = await page.$eval('iframe[data-article-map]', (f) => { const r = f.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width }; });
    const view = () => frame.$eval('[data-map]', (m) => `${m.dataset.centerLon},${m.dataset.centerLat},${m.dataset.zoom}`);
    const before = await view();
    const cdp = await context.newCDPSession(page);
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
    });
    // One finger sideways across the map: the map does not move, a hint says to use two.
    const y = box.y + 250;
    await touch('touchStart', [[box.x + 100, y]]);
    for (let i = 1; i <= 8; i++) await touch('touchMove', [[box.x + 100 + 20 * i, y]]);
    await touch('touchEnd', []);
    await frame.locator('.gesture-hint').waitFor();
    await page.waitForTimeout(300);
    assert.equal(await view(), before, 'one finger does not pan the embedded map');
    // Two fingers spreading: the map zooms.
    const mid = [box.x + box.w / 2, y];
    const fingers = (h) => [[mid[0] - h, mid[1]], [mid[0] + h, mid[1]]];
    await touch('touchStart', fingers(30));
    for (let h = 40; h <= 90; h += 10) await touch('touchMove', fingers(h));
    await touch('touchEnd', []);
    await frame.waitForFunction((b) => {
      const m = document.querySelector('[data-map]');
      return `${m.dataset.centerLon},${m.dataset.centerLat},${m.dataset.zoom}` !== b;
    }, before);
  } finally {
    await context.close();
  }
});
