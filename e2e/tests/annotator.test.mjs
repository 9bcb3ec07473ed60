// The annotator, used like a reader would: draw with the mouse, undo and redo, reload, attach a quote,
// export and re-import, refuse a bad file, keep hostile text as text, survive broken storage.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {openApp, readView, setUpSuite} from '../lib/harness.mjs';

const suite = setUpSuite();

/** Screen point at a fraction of the map, avoiding nothing: the tests draw where the map is empty enough. */
async function mapPoint(page, fx, fy) {
  const v = await readView(page);
  return [v.left + v.width * fx, v.top + v.height * fy];
}

async function drawAll(page) {
  await page.getByRole('button', { name: 'Draw point' }).click();
  await page.mouse.click(...(await mapPoint(page, 0.3, 0.3)));
  await page.getByRole('button', { name: 'Draw line' }).click();
  await page.mouse.click(...(await mapPoint(page, 0.2, 0.62)));
  await page.mouse.click(...(await mapPoint(page, 0.4, 0.66)));
  await page.mouse.dblclick(...(await mapPoint(page, 0.5, 0.6)));
  await page.getByRole('button', { name: 'Draw area' }).click();
  await page.mouse.click(...(await mapPoint(page, 0.62, 0.15)));
  await page.mouse.click(...(await mapPoint(page, 0.85, 0.15)));
  await page.mouse.click(...(await mapPoint(page, 0.85, 0.35)));
  await page.mouse.click(...(await mapPoint(page, 0.62, 0.15)));
  await page.getByRole('button', { name: 'Draw area' }).click(); // tool off
}

const ids = (page) => page.locator('[data-annotation-id]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.annotationId))].sort());

describe('drawing, history and persistence', () => {
  let app;
  before(async () => { app = await openApp(suite.browser, suite.server.url); });
  after(async () => { await app.context.close(); });

  test('draws a point, a line and an area with the mouse, with live measures', async () => {
    const { page } = app;
    await drawAll(page);
    assert.deepEqual(await ids(page), ['a1', 'a2', 'a3']);
    const measures = await page.locator('[data-annotation-item]').allTextContents();
    assert.match(measures[1], /Length [\d.,]+ km/);
    assert.match(measures[2], /Area [\d,]+ km² · perimeter [\d.,]+ km/);
    assert.deepEqual(app.errors, []);
  });

  test('undo and redo step through every change, by buttons and by keys', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await ids(page), ['a1', 'a2']);
    await page.keyboard.press('Control+z');
    assert.deepEqual(await ids(page), ['a1']);
    await page.getByRole('button', { name: 'Redo' }).click();
    assert.deepEqual(await ids(page), ['a1', 'a2']);
    await page.keyboard.press('Control+Shift+z');
    assert.deepEqual(await ids(page), ['a1', 'a2', 'a3']);
    assert.equal(await page.getByRole('button', { name: 'Redo' }).isDisabled(), true);
  });

  test('a drag moves a vertex as one undo step', async () => {
    const { page } = app;
    await page.locator('[data-annotation-item="a3"]').click();
    const handle = page.locator('[data-vertex="1"]');
    const box = await handle.boundingBox();
    const before = await page.locator('[data-annotation-item="a3"]').textContent();
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + 5 + 10 * i, box.y + 5 + 8 * i);
    await page.mouse.up();
    const afterDrag = await page.locator('[data-annotation-item="a3"]').textContent();
    assert.notEqual(afterDrag, before, 'the area changed');
    await page.keyboard.press('Control+z');
    assert.equal(await page.locator('[data-annotation-item="a3"]').textContent(), before, 'one undo restores it');
    await page.keyboard.press('Control+Shift+z');
  });

  test('a reload restores the annotations with a notice', async () => {
    const { page } = app;
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
    await page.locator('[role="status"]').filter({ hasText: 'Restored 3 annotation(s)' }).waitFor();
    assert.deepEqual(await ids(page), ['a1', 'a2', 'a3']);
  });

  test('a note with markup shows as text and runs nothing', async () => {
    const { page } = app;
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
    await page.getByRole('tab', { name: 'My annotations' }).click();
    await page.locator('[data-annotation-item="a1"]').click();
    const hostile = '<img src=x onerror=alert(1)>';
    const note = page.getByRole('textbox', { name: 'Note', exact: true });
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await note.fill(hostile);
    await title.click(); // leaving the field commits the edit
    await title.fill('Where the new site may be');
    await note.click();
    const popup = page.locator('[data-annotation-popup-for="a1"]');
    await popup.waitFor();
    assert.equal(await popup.locator('.annotation-note').textContent(), hostile);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(dialogs, 0);
  });

  test('a passage selected in the article attaches as a verified quote', async () => {
    const { page } = app;
    await page.locator('[data-annotation-item="a1"]').click();
    await page.getByRole('tab', { name: 'Article' }).click();
    const passage = 'The new site will be located in the Wakhan Corridor of the Ishkashim District';
    await page.evaluate((text) => {
      for (const p of document.querySelectorAll('[data-paragraph-id]')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.data.indexOf(text);
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
            return;
          }
        }
      }
      throw new Error('passage not found');
    }, passage);
    await page.locator('[data-attach-quote]').click();
    const popup = page.locator('[data-annotation-popup-for="a1"]');
    await popup.locator('blockquote').waitFor();
    assert.equal(await popup.locator('blockquote').textContent(), passage);
    assert.match(await popup.textContent(), /Verified against the article/);
  });
});

describe('interchange', () => {
  test('export, clear, re-import: the same document comes back', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      await drawAll(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export GeoJSON' }).click()]);
      const exported = await readFile(await download.path(), 'utf8');
      const doc = JSON.parse(exported);
      assert.equal(doc.type, 'FeatureCollection');
      assert.equal(doc.features.length, 3);
      assert.equal(doc.crs, undefined);
      // Clear everything, then import the file.
      for (const id of ['a1', 'a2', 'a3']) {
        await page.locator(`[data-annotation-item="${id}"]`).click();
        await page.getByRole('button', { name: 'Delete annotation' }).click();
      }
      assert.deepEqual(await ids(page), []);
      await page.locator('[data-import-file]').setInputFiles({ name: 'mine.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(exported) });
      await page.locator('[role="status"]').filter({ hasText: '3 annotation(s) added' }).waitFor();
      const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export GeoJSON' }).click()]);
      assert.equal(await readFile(await again.path(), 'utf8'), exported, 're-importing an export gives the same document');
      // One undo removes the whole import.
      await page.getByRole('button', { name: 'Undo' }).click();
      assert.deepEqual(await ids(page), []);
    } finally {
      await app.context.close();
    }
  });

  test('the current view exports as SVG and as PNG, with the attribution line', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      await drawAll(page);
      const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
      assert.equal(svgDownload.suggestedFilename(), 'map.svg');
      const svg = await readFile(await svgDownload.path(), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+"/);
      assert.match(svg, /Boundaries: Natural Earth \(public domain\)/);
      assert.ok((svg.match(/<path /g) ?? []).length > 50, 'the basemap, story and annotations are drawn');
      const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
      assert.equal(pngDownload.suggestedFilename(), 'map.png');
      const png = await readFile(await pngDownload.path());
      assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
      assert.ok(png.length > 20_000, `a real picture (${png.length} bytes)`);
      // The picture is readable: render the SVG in the page and check it paints.
      const painted = await page.evaluate(async (text) => {
        const img = new Image();
        img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const colours = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) colours.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
        return colours.size;
      }, svg);
      assert.ok(painted > 10, `the SVG renders with many colours (${painted})`);
    } finally {
      await app.context.close();
    }
  });

  test('a malformed file is refused with its location, and nothing changes', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Draw point' }).click();
      await page.mouse.click(...(await mapPoint(page, 0.3, 0.3)));
      const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[70, 37], [71, 37], [71, 38], [70, 38]]] } }] };
      await page.locator('[data-import-file]').setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
      const alert = page.locator('.alert-error');
      await alert.waitFor();
      const text = await alert.textContent();
      assert.match(text, /bad\.geojson/);
      assert.match(text, /features\[0\]\.geometry\.coordinates\[0\]/);
      assert.deepEqual(await ids(page), ['a1']);
    } finally {
      await app.context.close();
    }
  });
});

describe('storage trouble', () => {
  test('a full storage is reported and the work stays on screen', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
    });
    const page = await context.newPage();
    try {
      await page.goto(suite.server.url);
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      await page.getByRole('button', { name: 'Draw point' }).click();
      await page.mouse.click(...(await mapPoint(page, 0.3, 0.3)));
      const alert = page.locator('.alert-error');
      await alert.waitFor();
      assert.match(await alert.textContent(), /could not be saved/);
      assert.match(await alert.textContent(), /full/);
      assert.deepEqual(await ids(page), ['a1']);
    } finally {
      await context.close();
    }
  });

  test('a corrupted saved document is reported and never overwritten', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const corrupt = '{"format":"article-map/annotations@1","document":{"type":"FeatureCollection","features":[{"oops"';
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('article-map:annotations', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, corrupt);
    const page = await context.newPage();
    try {
      await page.goto(suite.server.url);
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      const alert = page.locator('.alert-error');
      await alert.waitFor();
      assert.match(await alert.textContent(), /could not be read/);
      await page.getByRole('button', { name: 'Draw point' }).click();
      await page.mouse.click(...(await mapPoint(page, 0.3, 0.3)));
      assert.deepEqual(await ids(page), ['a1']);
      assert.equal(await page.evaluate(() => localStorage.getItem('article-map:annotations')), corrupt);
    } finally {
      await context.close();
    }
  });
});

describe('two tabs', () => {
  test('a tab stops saving, and says so, when another tab saves annotations', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const [a, b] = [await context.newPage(), await context.newPage()];
      for (const p of [a, b]) {
        await p.goto(suite.server.url);
        await p.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      }
      await a.getByRole('button', { name: 'Draw point' }).click();
      await a.mouse.click(...(await mapPoint(a, 0.3, 0.3)));
      const notice = b.locator('.alert-error').filter({ hasText: 'another tab' });
      await notice.waitFor();
      await b.getByRole('button', { name: 'Draw point' }).click();
      await b.mouse.click(...(await mapPoint(b, 0.5, 0.5)));
      const saved = JSON.parse(await b.evaluate(() => localStorage.getItem('article-map@/:annotations')));
      assert.equal(saved.document.features.length, 1, 'the other tab’s save is not overwritten');
    } finally {
      await context.close();
    }
  });
});
