// The story layer, used like a reader would: every place opens a popup quoting the article verbatim;
// passages and markers lead to each other; the keyboard reaches everything; a broken package is refused.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, launchBrowser, openApp, serveStatic, writeFixture } from '../lib/harness.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const STORY = JSON.parse(readFileSync(resolve(here, '../../assets/story/umarov-tajikistan-2021.json'), 'utf8'));
const FEATURES = STORY.features.features;
// The article as shipped in the story, and, when it is beside the repository, the original text file.
const SHIPPED = STORY.article.sections.flatMap((s) => s.paragraphs.map((p) => p.text)).join('\n\n');
const ORIGINAL_PATH = resolve(here, '../../../shared/article/article.txt');
const ARTICLE_TEXTS = [SHIPPED, ...(existsSync(ORIGINAL_PATH) ? [readFileSync(ORIGINAL_PATH, 'utf8')] : [])];

let server;
let browser;
let app;

before(async () => {
  // A broken package served beside the app, for ?story=.
  await writeFixture('broken.json', { format: 'article-map/story@1', article: { title: '' } });
  await mkdir(ARTIFACTS, { recursive: true });
  server = await serveStatic();
  browser = await launchBrowser();
  app = await openApp(browser, server.url);
});

after(async () => {
  await app?.context.close();
  await browser?.close();
  await server?.close();
});

async function openFromPlaces(page, id) {
  await page.getByRole('tab', { name: 'Places' }).click();
  await page.locator(`[data-place-id="${id}"]`).click();
  await page.locator(`[role="dialog"][data-popup-for="${id}"]`).waitFor();
}

describe('the story on the map', () => {
  test('every feature opens a popup whose quotes are exact substrings of the article', async () => {
    const { page } = app;
    let quotes = 0;
    for (const feature of FEATURES) {
      await openFromPlaces(page, feature.id);
      const popup = page.locator(`[role="dialog"][data-popup-for="${feature.id}"]`);
      assert.equal(await page.locator('[role="dialog"]').count(), 1, 'one popup at a time');
      const shown = await popup.locator('blockquote').allTextContents();
      assert.equal(shown.length, feature.properties.quotes.length, `${feature.id}: every quote is shown verified`);
      for (const text of shown) {
        for (const article of ARTICLE_TEXTS) assert.ok(article.includes(text), `${feature.id}: “${text}” is verbatim`);
        quotes += 1;
      }
      const body = await popup.textContent();
      // A region has no circle on the map (it would wash over it): it says how far it reaches instead.
      const noCircle = feature.properties.kind === 'region' && feature.geometry.type === 'Point' && feature.properties.precision.radius_km > 0;
      assert.match(body, noCircle ? /reaches about [\d.]+ km/ : /circle = [\d.]+ km/, `${feature.id} says its precision in words`);
      if (noCircle) assert.equal(await page.locator(`[data-circle-for="${feature.id}"]`).count(), 0, `${feature.id} is not drawn as a circle`);
      const links = popup.locator('.popup-sources a');
      assert.equal(await links.count(), feature.properties.sources.length, `${feature.id} lists its sources`);
      for (const a of await links.all()) {
        assert.equal(await a.getAttribute('target'), '_blank');
        assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
      }
      // The popup stays inside the map.
      const box = await popup.boundingBox();
      const map = await page.locator('.map-shell').boundingBox();
      assert.ok(box.x >= map.x - 1 && box.y >= map.y - 1 && box.x + box.width <= map.x + map.width + 1
        && box.y + box.height <= map.y + map.height + 1, `${feature.id} popup inside the map`);
    }
    assert.ok(quotes >= 70, `${quotes} quotes checked`);
    await page.keyboard.press('Escape');
  });

  test('the new site near Ishkashim reads as an estimate, not a surveyed point', async () => {
    const { page } = app;
    const marker = page.locator('.story-markers [data-feature-id="new_site_ishkashim_wakhan"]');
    const classes = await marker.getAttribute('class');
    assert.match(classes, /estimate/);
    assert.doesNotMatch(classes, /surveyed/);
    assert.equal(await page.locator('[data-circle-for="new_site_ishkashim_wakhan"]').count(), 1, 'its 100 km circle is drawn');
    const dushanbe = await page.locator('.story-markers [data-feature-id="city_dushanbe"]').getAttribute('class');
    assert.match(dushanbe, /surveyed/);
    await marker.click();
    const popup = page.locator('[data-popup-for="new_site_ishkashim_wakhan"]');
    assert.match(await popup.textContent(), /Location known only to the district; circle = 100 km/);
    await page.screenshot({ path: join(ARTIFACTS, 'popup-new-site.png') });
    await page.keyboard.press('Escape');
  });

  test('“Read in the article” scrolls to the passage and highlights it', async () => {
    const { page } = app;
    await openFromPlaces(page, 'ru_201st_base_dushanbe');
    await page.locator('[data-popup-for="ru_201st_base_dushanbe"] .read-in-article').first().click();
    const current = page.locator('.article-panel mark.current');
    await current.first().waitFor();
    const quote = await page.locator('[data-popup-for="ru_201st_base_dushanbe"] blockquote').first().textContent();
    assert.equal((await current.allTextContents()).join(''), quote);
    assert.ok(await current.first().isVisible());
    const inView = await current.first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      const p = el.closest('.tab-panel').getBoundingClientRect();
      return r.top >= p.top && r.bottom <= p.bottom;
    });
    assert.ok(inView, 'the passage is scrolled into view');
  });

  test('clicking a highlighted passage opens the popup of its feature', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Article' }).click();
    for (const id of ['new_site_ishkashim_wakhan', 'earlier_base_murghab_shaymak', 'ru_201st_base_dushanbe']) {
      const mark = page.locator(`.article-panel mark[data-quote-for^="${id}"]`).first();
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      await page.locator(`[role="dialog"][data-popup-for="${id}"]`).waitFor();
      // The marker is on screen.
      const marker = await page.locator(`.story-markers [data-feature-id="${id}"]`).boundingBox();
      const map = await page.locator('[data-map]').boundingBox();
      assert.ok(marker.x >= map.x && marker.x <= map.x + map.width && marker.y >= map.y && marker.y <= map.y + map.height);
    }
  });

  test('hovering a passage highlights its marker, and hovering a marker its passages', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    const mark = page.locator('.article-panel mark[data-quote-for^="earlier_base_murghab_shaymak"]').first();
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    await page.waitForSelector('.story-markers [data-feature-id="earlier_base_murghab_shaymak"].hovered');
    const marker = page.locator('.story-markers [data-feature-id="new_site_ishkashim_wakhan"]');
    await marker.hover();
    await page.waitForSelector('.article-panel mark.linked[data-quote-for*="new_site_ishkashim_wakhan"]');
  });

  test('the keyboard alone reaches and opens every feature, and Escape returns to the marker', async () => {
    const { page } = app;
    await page.mouse.move(0, 0);
    await page.locator('[data-map]').focus();
    const reached = new Set();
    for (let i = 0; i < FEATURES.length + 5 && reached.size < FEATURES.length; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-feature-id'));
      if (!id) continue;
      reached.add(id);
      await page.keyboard.press('Enter');
      await page.locator(`[role="dialog"][data-popup-for="${id}"]`).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]')?.dataset.popupFor), id, 'focus moves into the popup');
      await page.keyboard.press('Escape');
      // Yew renders the closing on its next pass, not inside the key event: wait for it, a second at most.
      await page.locator('[role="dialog"]').waitFor({ state: 'detached', timeout: 1000 });
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-feature-id')), id, 'focus is back on the marker');
    }
    assert.equal(reached.size, FEATURES.length, `reached ${reached.size} of ${FEATURES.length}`);
  });

  test('every feature has an accessible name and the places list names them all', async () => {
    const { page } = app;
    for (const feature of FEATURES) {
      const name = await page.locator(`.story-markers [data-feature-id="${feature.id}"]`).getAttribute('aria-label');
      assert.ok(name.includes(feature.properties.title), feature.id);
    }
    await page.getByRole('tab', { name: 'Places' }).click();
    assert.equal(await page.locator('[data-place-id]').count(), FEATURES.length);
    await page.getByRole('tab', { name: 'Article' }).click();
    assert.ok((await page.locator('[data-paragraph-id]').count()) >= 20);
  });
});

describe('loading another story', () => {
  test('a broken package picked as a file is refused with its problems, and the story stays', async () => {
    const { page } = app;
    const before = await page.locator('.story-title').textContent();
    await page.locator('[data-story-file]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ format: 'article-map/story@1', article: { title: 'X', sections: [] }, features: { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', geometry: { type: 'Point', coordinates: [500, 1] }, properties: { title: 'A', kind: 'castle' } }] } })),
    });
    const alert = page.locator('[role="alert"]').last();
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /broken\.json/);
    assert.match(text, /article\.sections: must hold at least one section/);
    assert.match(text, /\[500, 1\] is not a WGS84 longitude, latitude/);
    assert.match(text, /"castle" is not one of/);
    assert.equal(await page.locator('.story-title').textContent(), before);
    assert.equal(await page.locator('.story-markers [data-feature-id]').count(), FEATURES.length);
    await alert.getByRole('button', { name: 'Dismiss this message' }).click();
  });

  test('a package that is not JSON at all is refused too', async () => {
    const { page } = app;
    await page.locator('[data-story-file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('<b>hello</b>') });
    const alert = page.locator('[role="alert"]').last();
    await alert.waitFor();
    assert.match(await alert.textContent(), /not valid JSON/);
    assert.equal(await page.locator('b').count(), 0, 'nothing from the file is rendered as HTML');
    await alert.getByRole('button', { name: 'Dismiss this message' }).click();
  });

  test('a valid package loads, and its unverified quote is named in a warning, not shown as a quote', async () => {
    const { page } = app;
    const pkg = JSON.parse(readFileSync(resolve(here, '../../assets/story/example-minimal.json'), 'utf8'));
    pkg.features.features[0].properties.title = '<img src=x onerror="window.__pwned=1">';
    pkg.features.features[0].properties.quotes.push({ exact: 'words the article never says' });
    await page.locator('[data-story-file]').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg)) });
    await page.waitForFunction((t) => document.querySelector('.story-title')?.textContent === t, pkg.article.title);
    const warning = page.locator('.alert-warning');
    await warning.waitFor();
    assert.match(await warning.textContent(), /<img src=x/);
    const id = pkg.features.features[0].id;
    await openFromPlaces(page, id);
    const popup = page.locator(`[data-popup-for="${id}"]`);
    assert.equal(await popup.locator('blockquote').count(), 1);
    assert.match(await popup.locator('.popup-unverified').textContent(), /words the article never says/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0);
  });

  test('?story= with a broken package shows the problem and keeps the built-in story', async () => {
    const other = await openApp(browser, server.url, { path: '?story=stories/test-fixtures/broken.json' });
    try {
      const alert = other.page.locator('.alert-error');
      await alert.waitFor();
      const text = await alert.textContent();
      assert.match(text, /test-fixtures\/broken\.json/);
      assert.match(text, /article\.title: must not be empty/);
      assert.equal(await other.page.locator('.story-title').textContent(), STORY.article.title);
    } finally {
      await other.context.close();
    }
  });

  test('?story= with a missing file says so', async () => {
    const other = await openApp(browser, server.url, { path: '?story=stories/test-fixtures/nothing-here.json' });
    try {
      const alert = other.page.locator('.alert-error');
      await alert.waitFor();
      assert.match(await alert.textContent(), /404/);
    } finally {
      await other.context.close();
    }
  });
});
