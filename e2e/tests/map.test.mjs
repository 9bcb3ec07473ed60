// The map, driven like a person: load, drag, wheel, keys, buttons, layer toggles; read the page back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ARTIFACTS, launchBrowser, lonLatAt, openApp, pageAt, pixelsApart, readView, serveStatic, waitForViewChange,
} from '../lib/harness.mjs';

// Mouse positions reach the page as whole pixels: a point may drift by that rounding, no more.
const PIXEL_SLACK = 1.5;

let server;
let browser;

before(async () => {
  server = await serveStatic();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe('the map on a desktop screen', () => {
  let app;
  before(async () => { app = await openApp(browser, server.url); });
  after(async () => { await app.context.close(); });

  test('reaches map-ready exactly once, with no console errors', async () => {
    const marks = await app.page.evaluate(() => performance.getEntriesByName('map-ready').length);
    assert.equal(marks, 1);
    assert.deepEqual(app.errors, []);
  });

  test('shows Tajikistan, the Wakhan Corridor, Xinjiang and the story borders', async () => {
    const { page } = app;
    for (const layer of ['countries', 'xinjiang', 'gbao', 'badakhshan', 'wakhan', 'borders']) {
      assert.ok(await page.locator(`[data-layer="${layer}"]`).isVisible(), `${layer} is visible`);
      assert.ok(await page.locator(`[data-layer="${layer}"] path`).count() > 0, `${layer} has paths`);
    }
    for (const id of ['TJK', 'AFG', 'CHN', 'KGZ', 'wakhan', 'xinjiang', 'AFG-TJK', 'CHN-TJK', 'AFG-CHN']) {
      const d = await page.getAttribute(`[data-id="${id}"]`, 'd');
      assert.ok(d && d.length > 20, `${id} has geometry`);
    }
  });

  test('opens framed on Tajikistan, the Wakhan Corridor and western Xinjiang', async () => {
    const view = await readView(app.page);
    const west = lonLatAt(view, view.left, view.top + view.height / 2).lon;
    const east = lonLatAt(view, view.left + view.width, view.top + view.height / 2).lon;
    const north = lonLatAt(view, view.left + view.width / 2, view.top).lat;
    const south = lonLatAt(view, view.left + view.width / 2, view.top + view.height).lat;
    assert.ok(west < 67.4 && east > 80.0, `shows 67.4–80°E: ${west.toFixed(2)}–${east.toFixed(2)}`);
    assert.ok(south < 36.0 && north > 41.1, `shows 36–41.1°N: ${south.toFixed(2)}–${north.toFixed(2)}`);
    // The labels of the focus regions are placed at the first view.
    for (const label of ['TJK', 'wakhan', 'xinjiang']) {
      assert.equal(await app.page.locator(`[data-label="${label}"]`).count(), 1, `label ${label}`);
    }
    await app.page.screenshot({ path: join(ARTIFACTS, 'default-view.png') });
  });

  test('dragging moves the centre the opposite way', async () => {
    const { page } = app;
    const view = await readView(page);
    const x = view.left + view.width / 2;
    const y = view.top + view.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x - 20 * i, y + 10 * i);
    await page.mouse.up();
    const moved = await waitForViewChange(page, view);
    assert.ok(moved.lon > view.lon, 'dragging left shows what lies east');
    assert.ok(moved.lat > view.lat, 'dragging down shows what lies north');
    assert.equal(moved.zoom, view.zoom);
    // The point grabbed stays under the pointer.
    const grabbed = lonLatAt(view, x, y);
    const drift = pixelsApart(pageAt(moved, grabbed), { x: x - 200, y: y + 100 });
    assert.ok(drift < PIXEL_SLACK, `the grabbed point is ${drift.toFixed(2)} px from the pointer`);
  });

  test('a wheel step zooms around the cursor', async () => {
    const { page } = app;
    const view = await readView(page);
    const cursor = { x: view.left + view.width * 0.3, y: view.top + view.height * 0.7 };
    const under = lonLatAt(view, cursor.x, cursor.y);
    await page.mouse.move(cursor.x, cursor.y);
    await page.mouse.wheel(0, -100);
    const zoomed = await waitForViewChange(page, view);
    assert.ok(Math.abs(zoomed.zoom - (view.zoom + 0.5)) < 1e-3, `zoom ${view.zoom} → ${zoomed.zoom}`);
    const drift = pixelsApart(pageAt(zoomed, under), cursor);
    assert.ok(drift < PIXEL_SLACK, `the point under the cursor moved ${drift.toFixed(2)} px`);
  });

  test('the keyboard zooms and pans when the map has focus', async () => {
    const { page } = app;
    await page.focus('[data-map]');
    let view = await readView(page);
    await page.keyboard.press('+');
    let next = await waitForViewChange(page, view);
    assert.ok(Math.abs(next.zoom - view.zoom - 1) < 1e-3, 'plus zooms in one level');
    view = next;
    await page.keyboard.press('-');
    next = await waitForViewChange(page, view);
    assert.ok(Math.abs(view.zoom - next.zoom - 1) < 1e-3, 'minus zooms out one level');
    for (const [key, check] of [
      ['ArrowRight', (a, b) => b.lon > a.lon],
      ['ArrowLeft', (a, b) => b.lon < a.lon],
      ['ArrowUp', (a, b) => b.lat > a.lat],
      ['ArrowDown', (a, b) => b.lat < a.lat],
    ]) {
      view = await readView(page);
      await page.keyboard.press(key);
      next = await waitForViewChange(page, view);
      assert.ok(check(view, next), `${key} moves the view that way`);
    }
    // Tab leaves the map: no keyboard trap.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-map')), false);
  });

  test('double-click zooms in at the pointer', async () => {
    const { page } = app;
    const view = await readView(page);
    const p = { x: view.left + view.width * 0.6, y: view.top + view.height * 0.4 };
    const under = lonLatAt(view, p.x, p.y);
    await page.mouse.dblclick(p.x, p.y);
    const zoomed = await waitForViewChange(page, view);
    assert.ok(zoomed.zoom > view.zoom + 0.9);
    const drift = pixelsApart(pageAt(zoomed, under), p);
    assert.ok(drift < PIXEL_SLACK, `the point under the pointer moved ${drift.toFixed(2)} px`);
  });

  test('the zoom buttons and reset view work, and reset restores the first view', async () => {
    const { page } = app;
    const first = await openApp(browser, server.url);
    const home = await readView(first.page);
    await first.context.close();

    let view = await readView(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    let next = await waitForViewChange(page, view);
    assert.ok(Math.abs(next.zoom - view.zoom - 1) < 1e-3);
    await page.getByRole('button', { name: 'Reset view' }).click();
    view = next;
    next = await waitForViewChange(page, view);
    assert.equal(next.lon, home.lon);
    assert.equal(next.lat, home.lat);
    assert.equal(next.zoom, home.zoom);
  });

  test('the level of detail follows the zoom once it settles', async () => {
    const { page } = app;
    const lods = new Set([(await readView(page)).lod]);
    await page.focus('[data-map]');
    for (let i = 0; i < 5; i++) {
      const view = await readView(page);
      await page.keyboard.press('+');
      lods.add((await waitForViewChange(page, view)).lod);
    }
    assert.ok(lods.has('l2'), `deep zoom uses the full-detail level: ${[...lods]}`);
    assert.equal(await page.locator('.basemap').getAttribute('data-lod'), 'l2');
    await page.getByRole('button', { name: 'Reset view' }).click();
  });

  test('toggling a layer hides it and toggling again shows it', async () => {
    const { page } = app;
    await page.locator('.layer-switcher summary').click();
    for (const layer of ['wakhan', 'xinjiang', 'borders', 'labels']) {
      const toggle = page.locator(`[data-layer-toggle="${layer}"]`);
      await toggle.uncheck();
      assert.equal(await page.locator(`[data-layer="${layer}"]`).isVisible(), false, `${layer} hidden`);
      await toggle.check();
      assert.equal(await page.locator(`[data-layer="${layer}"]`).isVisible(), true, `${layer} shown again`);
    }
  });

  test('controls are real, named buttons reachable by keyboard', async () => {
    const { page } = app;
    for (const name of ['Zoom in', 'Zoom out', 'Reset view']) {
      assert.equal(await page.getByRole('button', { name }).count(), 1, name);
    }
    const label = await page.getAttribute('[data-map]', 'aria-label');
    assert.match(label, /Map of Tajikistan/);
    assert.equal(await page.getAttribute('[data-map]', 'tabindex'), '0');
  });

  test('makes no request to another origin', async () => {
    const origin = new URL(server.url).origin;
    const foreign = app.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'));
    assert.deepEqual(foreign, []);
  });
});

describe('other screens', () => {
  for (const [name, width, height] of [['phone', 390, 760], ['projector', 1920, 1080]]) {
    test(`the map fills a ${name}-sized screen and stays usable`, async () => {
      const app = await openApp(browser, server.url, { width, height });
      try {
        const view = await readView(app.page);
        if (width < 720) {
          // Phones: the map on top, the article below it.
          assert.ok(view.width >= width - 1, `map is as wide as the screen (${view.width})`);
          assert.ok(view.height >= height * 0.55, `map takes most of the height (${view.height})`);
        } else {
          // Wide screens: the map beside the article panel.
          assert.ok(view.width >= width * 0.55, `map takes most of the width (${view.width})`);
          assert.ok(view.height >= height - 80, `map takes the height under the header (${view.height})`);
        }
        assert.ok(await app.page.locator('.side-panel').isVisible(), 'the article panel is there');
        assert.ok(await app.page.getByRole('button', { name: 'Zoom in' }).isVisible());
        const scroll = await app.page.evaluate(() => document.scrollingElement.scrollHeight - innerHeight);
        assert.ok(scroll <= 0, 'the page does not scroll');
        await app.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
        assert.deepEqual(app.errors, []);
      } finally {
        await app.context.close();
      }
    });
  }
});
