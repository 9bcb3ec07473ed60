// What the first frame loads: the outline (L0) and the story are files that index.html preloads beside the
// wasm and the app reads before its first render; nothing finer is fetched before map-ready; and when
// either cannot be had the reader is told, and the rest still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, setUpSuite } from '../lib/harness.mjs';

const suite = setUpSuite();

/**
 * Opens the app with `file` answered by `status` (or never answered: `status` null); resolves to
 * { context, page } once map-ready is marked.
 */
async function openWithout(file, status) {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route(`**/${file}`, (route) => (status === null ? undefined : route.fulfill({ status, body: 'unavailable' })));
  const page = await context.newPage();
  await page.goto(suite.server.url);
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 30_000 });
  return { context, page };
}

/** Draws a point with the mouse and waits for it: the annotator works. */
async function drawsAPoint(page) {
  await page.getByRole('button', { name: 'Draw point' }).click();
  const box = await page.locator('[data-map]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.waitForFunction(() => document.querySelectorAll('[data-annotation-id]').length === 1);
}

test('the outline comes from one preloaded file and is drawn at map-ready; finer levels only after', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const seen = await app.page.evaluate(() => {
      const ready = performance.getEntriesByName('map-ready')[0].startTime;
      const entries = performance.getEntriesByType('resource').map((e) => ({ file: e.name.split('/').pop(), start: e.startTime, by: e.initiatorType }));
      return { ready, entries, paths: document.querySelectorAll('.basemap path').length, lod: document.querySelector('.basemap')?.dataset.lod };
    });
    const l0 = seen.entries.filter((e) => e.file === 'l0.q.json');
    assert.equal(l0.length, 1, `L0 downloaded once: ${JSON.stringify(l0)}`);
    assert.equal(l0[0].by, 'link', 'by the preload, whose response the app then used');
    const story = seen.entries.filter((e) => e.file === 'umarov-tajikistan-2021.json');
    assert.deepEqual(story.map((e) => e.by), ['link'], 'the story too: preloaded, fetched once');
    const early = seen.entries.filter((e) => /^l[12]\./.test(e.file) && e.start < seen.ready);
    assert.deepEqual(early, [], 'no finer level before map-ready');
    assert.ok(seen.paths > 40, `the outline is drawn (${seen.paths} paths, ${seen.lod})`);
    assert.ok(!app.requests.some((u) => u.endsWith('.geojson') && /\/l[012]\./.test(u)), 'the GeoJSON levels are not fetched');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.context.close();
  }
});

test('an outline that cannot be loaded is said, and the story and the annotator still work', async () => {
  const { context, page } = await openWithout('l0.q.json', 404);
  try {
    await page.locator('.alert', { hasText: 'outline could not be loaded' }).waitFor();
    assert.match(await page.locator('.alert', { hasText: 'outline' }).innerText(), /l0\.q\.json/);
    assert.equal(await page.locator('.basemap path').count(), 0);
    assert.ok(await page.locator('.story-markers [data-feature-id]').count() > 20, 'the story is on the map');
    await drawsAPoint(page);
  } finally {
    await context.close();
  }
});

test('a story that cannot be loaded is said, and the map and the annotator still work', async () => {
  const { context, page } = await openWithout('stories/umarov-tajikistan-2021.json', 503);
  try {
    const alert = page.locator('.alert', { hasText: 'The story could not be loaded' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /503/);
    assert.ok(await page.locator('.basemap path').count() > 40, 'the outline is drawn');
    assert.equal(await page.locator('.story-markers [data-feature-id]').count(), 0);
    await drawsAPoint(page);
  } finally {
    await context.close();
  }
});

test('a story request that never answers does not leave the page blank: after 15 s the map says so', async () => {
  const { context, page } = await openWithout('stories/umarov-tajikistan-2021.json', null);
  try {
    const waited = await page.evaluate(() => performance.getEntriesByName('map-ready')[0].startTime);
    assert.ok(waited >= 15_000, `map-ready came after the 15 s wait (${Math.round(waited)} ms)`);
    const alert = page.locator('.alert', { hasText: 'The story could not be loaded' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /did not arrive within 15 s/);
    assert.ok(await page.locator('.basemap path').count() > 40, 'the outline is drawn');
  } finally {
    await context.close();
  }
});
