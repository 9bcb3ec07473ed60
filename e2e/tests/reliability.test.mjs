// Reliability, tried as a new reader would: a story in Russian, a string of refused files, an edit sequence
// that used to corrupt saved work, a file nested deep, a link stuffed with points, a damaged save, an
// address outside the stories folder, tiny maps. Nothing may stop the app, and no saved work may vanish.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ARTIFACTS, openApp, readView, setUpSuite, writeFixture } from '../lib/harness.mjs';

const suite = setUpSuite();

/** Fails the test if the app stopped: the failure panel is up, or a page error was logged. */
async function assertAlive(app) {
  assert.equal(await app.page.locator('[data-failure-panel]').count(), 0, 'the app did not fail');
  assert.deepEqual(app.errors.filter((e) => !/Failed to load resource/.test(e)), []);
}

async function openPlace(page, id) {
  await page.getByRole('tab', { name: 'Places' }).click();
  await page.locator(`[data-place-id="${id}"]`).click();
  const popup = page.locator(`[role="dialog"][data-popup-for="${id}"]`);
  await popup.waitFor();
  return popup;
}

const ids = (page) => page.locator('[data-annotation-id]')
  .evaluateAll((els) => [...new Set(els.map((e) => e.dataset.annotationId))].sort());

// A story about the region in Russian: Cyrillic paragraphs with dates, quotes and a title in Cyrillic.
const RUSSIAN = {
  format: 'article-map/story@1',
  article: {
    title: 'Китай в Таджикистане',
    language: 'ru',
    sections: [
      { id: 's1', heading: null, paragraphs: [
        { id: 'p1', text: 'Совместные учения прошли в мае 2021 года на границе с Афганистаном.' },
        { id: 'p2', text: 'В октябре 2021 года парламент одобрил строительство заставы в Ишкашимском районе; в середине 1990-х годов здесь стояли российские пограничники.' },
      ] },
      { id: 's2', heading: 'Ваханский коридор', paragraphs: [
        { id: 'p3', text: '«Ваханский коридор» — узкая полоса земли длиной около 350 км, 2013 год стал поворотным.' },
      ] },
    ],
  },
  features: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature', id: 'ishkashim', geometry: { type: 'Point', coordinates: [71.61, 36.73] },
        properties: {
          title: 'Ишкашим: новая застава', kind: 'site', confidence: 'reported',
          precision: { level: 'district', radius_km: 25, note: 'Известен только район.' },
          sources: [{ publisher: 'Пример', date: '2021-10', url: 'https://example.org/', claim: 'Парламент одобрил строительство.' }],
          quotes: [{ exact: 'парламент одобрил строительство заставы', prefix: 'В октябре 2021 года ', suffix: ' в Ишкашимском' }],
        },
      },
      {
        type: 'Feature', id: 'wakhan', geometry: { type: 'Point', coordinates: [73.0, 37.0] },
        properties: {
          title: 'Ваханский коридор', kind: 'city', confidence: 'confirmed',
          precision: { level: 'approximate', radius_km: 50 },
          sources: [{ publisher: 'Пример', date: '2021', url: 'https://example.org/', claim: 'Коридор.' }],
          quotes: [{ exact: 'узкая полоса земли', prefix: '', suffix: '' }],
        },
      },
    ],
  },
};

describe('stories in other scripts', () => {
  test('a story package in Russian loads, its dates show and its popups quote it verbatim', async () => {
    await writeFixture('russian.json', RUSSIAN);
    const app = await openApp(suite.browser, suite.server.url, { path: '?story=stories/test-fixtures/russian.json' });
    try {
      const { page } = app;
      await page.locator('.story-title', { hasText: 'Китай в Таджикистане' }).waitFor();
      await page.getByRole('tab', { name: 'Article' }).click();
      const dates = await page.locator('.timeline li').allTextContents();
      assert.ok(dates.some((d) => d.includes('2021')), `the dates show: ${dates}`);
      assert.ok(dates.some((d) => d.includes('2013')), `the dates show: ${dates}`);
      const popup = await openPlace(page, 'ishkashim');
      const quote = await popup.locator('blockquote').textContent();
      const article = RUSSIAN.article.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n');
      assert.ok(article.includes(quote), `“${quote}” is the article's own words`);
      // The tour walks the Cyrillic sections too.
      await page.getByRole('button', { name: 'Story tour' }).click();
      await page.keyboard.press('ArrowRight');
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });
});

describe('many refused files', () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    test(`twenty refused imports in a row at ${width}×${height} leave the map usable and a popup opens`, async () => {
      const app = await openApp(suite.browser, suite.server.url, { width, height });
      try {
        const { page } = app;
        const before = await readView(page);
        for (let i = 1; i <= 20; i++) {
          await page.locator('[data-import-file]').setInputFiles({
            name: `broken-${i}.geojson`, mimeType: 'application/geo+json', buffer: Buffer.from(`{"type": "FeatureCollection", "features": [${i}`),
          });
          await page.locator('.alert-error', { hasText: `broken-${i}.geojson` }).waitFor();
        }
        const after = await readView(page);
        assert.equal(after.height, before.height, 'the messages lie over the map and take none of its room');
        assert.equal(after.width, before.width);
        // The newest are open, the older ones folded into one button.
        assert.ok(await page.locator('.alert').count() <= 2, 'at most two messages are open');
        const more = page.locator('.alerts-more');
        assert.match(await more.textContent(), /18 more/);
        const area = await page.locator('.alerts').boundingBox();
        assert.ok(area.height <= after.height * 0.5, `the messages stay within half the map (${area.height} px)`);
        // The same file twice is one message, counted.
        await page.locator('[data-import-file]').setInputFiles({ name: 'broken-20.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type": "FeatureCollection", "features": [20') });
        await page.locator('[data-alert-times="2"]').waitFor();
        const popup = await openPlace(page, 'new_site_ishkashim_wakhan');
        assert.ok((await popup.boundingBox()).height > 0);
        await page.screenshot({ path: join(ARTIFACTS, `refused-imports-${width}x${height}.png`) });
        await assertAlive(app);
      } finally {
        await app.context.close();
      }
    });
  }

  test('a popup on a 600×140 embedded map and a 1×1 map does not stop the app', async () => {
    for (const [width, height] of [[600, 140], [1, 1]]) {
      const context = await suite.browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      try {
        await page.goto(`${suite.server.url}?embed=1#v1;f=new_site_ishkashim_wakhan`);
        await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 15_000 });
        await page.locator('[role="dialog"][data-popup-for="new_site_ishkashim_wakhan"]').waitFor({ state: 'attached' });
        assert.equal(await page.locator('[data-failure-panel]').count(), 0);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
});

describe('saved work', () => {
  test('undo then "delete the selected vertex" cannot open a ring, and a reload shows every saved annotation', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      const v = await readView(page);
      const at = (fx, fy) => [v.left + v.width * fx, v.top + v.height * fy];
      await page.getByRole('button', { name: 'Draw point' }).click();
      await page.mouse.click(...at(0.3, 0.3));
      await page.getByRole('button', { name: 'Draw area' }).click();
      for (const [fx, fy] of [[0.55, 0.2], [0.8, 0.2], [0.8, 0.45], [0.55, 0.45], [0.55, 0.2]]) await page.mouse.click(...at(fx, fy));
      await page.getByRole('button', { name: 'Draw area' }).click();
      await page.locator('[data-annotation-item="a2"]').click();
      // Insert a vertex on the last side (drag its midpoint), then select that new vertex.
      const mid = await page.locator('[data-midpoint="3"]').boundingBox();
      await page.mouse.move(mid.x + mid.width / 2, mid.y + mid.height / 2);
      await page.mouse.down();
      for (let i = 1; i <= 4; i++) await page.mouse.move(mid.x + mid.width / 2 - 8 * i, mid.y + mid.height / 2);
      await page.mouse.up();
      assert.equal(await page.locator('[data-vertex]').count(), 5);
      await page.locator('[data-vertex="4"]').click();
      await page.getByRole('button', { name: 'Delete the selected vertex' }).waitFor();
      await page.getByRole('button', { name: 'Undo' }).click();
      assert.equal(await page.locator('[data-vertex]').count(), 4);
      assert.equal(await page.getByRole('button', { name: 'Delete the selected vertex' }).count(), 0,
        'the vertex belonged to the shape before Undo');
      const saved = await page.evaluate(() => localStorage.getItem('article-map@/:annotations'));
      for (const f of JSON.parse(saved).document.features.filter((f) => f.geometry.type === 'Polygon')) {
        for (const ring of f.geometry.coordinates) assert.deepEqual(ring[0], ring[ring.length - 1], 'every ring stays closed');
      }
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      await page.locator('[role="status"]', { hasText: 'Restored 2 annotation(s)' }).waitFor();
      assert.deepEqual(await ids(page), ['a1', 'a2']);
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });

  test('a bare Feature nested 32 deep survives a reload (or is refused whole), and never hides saved work', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Draw point' }).click();
      const v = await readView(page);
      await page.mouse.click(v.left + v.width * 0.3, v.top + v.height * 0.3);
      await page.getByRole('button', { name: 'Draw point' }).click();
      let deep = 'bottom';
      for (let i = 0; i < 30; i++) deep = { d: deep }; // the Feature, its properties and 30 more: 32 levels
      const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [72, 38] }, properties: { title: 'deep', nest: deep } };
      await page.locator('[data-import-file]').setInputFiles({ name: 'deep.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(feature)) });
      await page.locator('.alert', { hasText: 'deep.geojson' }).waitFor();
      const accepted = (await page.locator('.alert-notice', { hasText: 'deep.geojson' }).count()) > 0;
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      await page.locator('[role="status"]', { hasText: 'Restored' }).waitFor();
      assert.equal(await page.locator('.alert-error').count(), 0, 'the saved document reads back');
      assert.equal((await ids(page)).length, accepted ? 2 : 1);
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });

  test('a save with one damaged annotation restores all the others and offers the saved data as a file', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const point = (id, lon) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, 38] }, properties: { title: id } });
    const damaged = { type: 'Feature', id: 'a2', geometry: { type: 'Polygon', coordinates: [[[70, 37], [71, 37], [71, 38]]] }, properties: {} };
    const save = JSON.stringify({ format: 'article-map/annotations@1', saved_at: '2026-11-30T10:00:00Z', next_id: 4,
      document: { type: 'FeatureCollection', features: [point('a1', 71), damaged, point('a3', 73)] } });
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('article-map@/:annotations', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, save);
    const page = await context.newPage();
    try {
      await page.goto(suite.server.url);
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      const warning = page.locator('.alert-warning', { hasText: 'could not be read' });
      await warning.waitFor();
      assert.match(await warning.textContent(), /saved annotation 2 \(a2\)/);
      assert.deepEqual(await ids(page), ['a1', 'a3']);
      const download = page.waitForEvent('download');
      await warning.getByRole('button', { name: 'Save the unreadable data as a file' }).click();
      const file = await download;
      assert.equal(await readFile(await file.path(), 'utf8'), save, 'the saved data, as it was');
      // Saving goes on, and the damaged data is kept aside, not lost.
      await page.getByRole('button', { name: 'Draw point' }).click();
      const v = await readView(page);
      await page.mouse.click(v.left + v.width * 0.3, v.top + v.height * 0.3);
      const kept = await page.evaluate(() => localStorage.getItem('article-map@/:annotations:unreadable'));
      assert.equal(kept, save);
      const now = JSON.parse(await page.evaluate(() => localStorage.getItem('article-map@/:annotations')));
      assert.equal(now.document.features.length, 3);
    } finally {
      await context.close();
    }
  });

  test('a latest save that cannot be read falls back to the save before it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const good = JSON.stringify({ format: 'article-map/annotations@1', saved_at: '2026-11-29T09:00:00Z', next_id: 2,
      document: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a1', geometry: { type: 'Point', coordinates: [71, 38] }, properties: { title: 'kept' } }] } });
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('article-map@/:annotations', '{"format":"article-map/annotations@1","document":{"type":"Feat');
        localStorage.setItem('article-map@/:annotations:backup', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, good);
    const page = await context.newPage();
    try {
      await page.goto(suite.server.url);
      await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
      await page.locator('.alert-warning', { hasText: 'the save before it (2026-11-29T09:00:00Z) is restored' }).waitFor();
      assert.deepEqual(await ids(page), ['a1']);
    } finally {
      await context.close();
    }
  });
});

describe('links and addresses', () => {
  for (const points of [100_000, 30_000]) {
    test(`a link with ${points} points is refused with a message, and the app stays responsive`, async () => {
      const positions = Array.from({ length: points }, () => [71.5, 37.5]);
      const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'MultiPoint', coordinates: positions }, properties: {} }] });
      const blob = deflateRawSync(Buffer.from(geojson), { level: 9 }).toString('base64url');
      assert.ok(blob.length < 12_000, `the link is small (${blob.length} characters)`);
      const app = await openApp(suite.browser, suite.server.url, { path: `#v1;a=${blob}` });
      try {
        const { page } = app;
        const notice = page.locator('.alert', { hasText: 'annotations could not be read' });
        await notice.waitFor();
        assert.match(await notice.textContent(), /(at most|limit of|more than) [\d,]+/);
        assert.match(await notice.textContent(), /Export GeoJSON/);
        assert.deepEqual(await ids(page), []);
        const before = await readView(page);
        await page.locator('[data-map]').focus();
        await page.keyboard.press('+');
        await page.waitForFunction((z) => Number(document.querySelector('[data-map]').dataset.zoom) > z, before.zoom);
        await assertAlive(app);
      } finally {
        await app.context.close();
      }
    });
  }

  test('?story= outside the stories folder or on another origin is refused, and nothing is fetched', async () => {
    for (const address of ['index.html', '../index.html', 'stories/../index.html', 'http://127.0.0.2:9/stories/x.json', '//example.com/stories/x.json']) {
      const app = await openApp(suite.browser, suite.server.url, { path: `?story=${encodeURIComponent(address)}` });
      try {
        const alert = app.page.locator('.alert-error', { hasText: 'was not loaded' });
        await alert.waitFor();
        assert.match(await alert.textContent(), /stories\//);
        assert.equal(app.requests.filter((r) => !r.startsWith(suite.server.url)).length, 0, 'no request leaves the site');
        assert.equal(app.requests.filter((r) => r.endsWith('/index.html')).length, 0, `${address} is not fetched`);
      } finally {
        await app.context.close();
      }
    }
  });

  test('a story package with a self-overlapping quote is answered at once, and the built-in story stays', async () => {
    const story = structuredClone(RUSSIAN);
    story.article.sections[0].paragraphs[0].text = 'a'.repeat(150_000);
    story.features.features[0].properties.quotes = [{ exact: 'a'.repeat(1_500), prefix: '', suffix: '' }];
    await writeFixture('overlapping.json', story);
    const app = await openApp(suite.browser, suite.server.url, { path: '?story=stories/test-fixtures/overlapping.json' });
    try {
      const alert = app.page.locator('.alert-error', { hasText: 'overlapping.json' });
      await alert.waitFor();
      assert.match(await alert.textContent(), /limit is 20,000/);
      assert.notEqual(await app.page.locator('.story-title').textContent(), story.article.title);
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });

  test('a point with 100,000 quotes is refused on import with the limit', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    try {
      const quotes = Array.from({ length: 100_000 }, (_, i) => ({ exact: `quote ${i}`, prefix: '', suffix: '' }));
      const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [72, 38] }, properties: { quotes } };
      await app.page.locator('[data-import-file]').setInputFiles({ name: 'quotes.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(feature)) });
      const alert = app.page.locator('.alert-error', { hasText: 'quotes.geojson' });
      await alert.waitFor();
      assert.match(await alert.textContent(), /at most 50/);
      assert.deepEqual(await ids(app.page), []);
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });

  test('?story= refuses a package over the size limit', async () => {
    await writeFixture('huge.json', JSON.stringify({ format: 'article-map/story@1', padding: 'x'.repeat(3 * 1024 * 1024) }));
    const app = await openApp(suite.browser, suite.server.url, { path: '?story=stories/test-fixtures/huge.json' });
    try {
      const alert = app.page.locator('.alert-error', { hasText: 'huge.json' });
      await alert.waitFor();
      assert.match(await alert.textContent(), /at most 1048576/);
      await assertAlive(app);
    } finally {
      await app.context.close();
    }
  });
});
