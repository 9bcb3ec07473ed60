// Touch gestures on a phone-sized screen, sent as real touch input through the DevTools protocol: one-finger
// pan, two-finger pinch, double tap.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {lonLatAt, pageAt, pixelsApart, readView, setUpSuite, waitForViewChange} from '../lib/harness.mjs';

const suite = setUpSuite();

/** A point of the map, near `fraction` of its size, where no marker would catch the touch. */
async function freeSpot(page, view, fx, fy) {
  for (let dy = 0; dy < 220; dy += 11) {
    for (const sign of [1, -1]) {
      const x = view.left + view.width * fx;
      const y = view.top + view.height * fy + sign * dy;
      // Touch input snaps to nearby targets, so keep well clear of markers, not just off them.
      const free = await page.evaluate(([x, y]) => {
        if (document.elementFromPoint(x, y)?.closest('[data-feature-id], .popup, button')) return false;
        return [...document.querySelectorAll('.story-markers [data-feature-id]')].every((m) => {
          const r = m.getBoundingClientRect();
          return Math.hypot(r.x + r.width / 2 - x, r.y + r.height / 2 - y) > 40;
        });
      }, [x, y]);
      if (free) return [x, y];
    }
  }
  throw new Error('no free spot on the map');
}

async function openPhone() {
  const context = await suite.browser.newContext({ viewport: { width: 390, height: 760 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(suite.server.url);
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 1, radiusY: 1, force: 1 })),
  });
  return { context, page, touch };
}

describe('touch', () => {
  test('one finger pans the map', async () => {
    const { context, page, touch } = await openPhone();
    try {
      const view = await readView(page);
      const start = await freeSpot(page, view, 0.5, 0.5);
      const grabbed = lonLatAt(view, ...start);
      await touch('touchStart', [start]);
      for (let i = 1; i <= 8; i++) await touch('touchMove', [[start[0] + 10 * i, start[1] - 5 * i]]);
      await touch('touchEnd', []);
      const moved = await waitForViewChange(page, view);
      assert.ok(moved.lon < view.lon && moved.lat < view.lat, 'dragging right and up shows the west and south');
      const drift = pixelsApart(pageAt(moved, grabbed), { x: start[0] + 80, y: start[1] - 40 });
      assert.ok(drift < 1.5, `the grabbed point follows the finger (${drift.toFixed(2)} px off)`);
    } finally {
      await context.close();
    }
  });

  test('two fingers spreading apart zoom in around their midpoint', async () => {
    const { context, page, touch } = await openPhone();
    try {
      const view = await readView(page);
      const mid = await freeSpot(page, view, 0.5, 0.4);
      const under = lonLatAt(view, ...mid);
      const fingers = (half) => [[mid[0] - half, mid[1]], [mid[0] + half, mid[1]]];
      await touch('touchStart', fingers(40));
      for (let half = 50; half <= 160; half += 10) await touch('touchMove', fingers(half));
      await touch('touchEnd', []);
      const zoomed = await waitForViewChange(page, view);
      assert.ok(Math.abs(zoomed.zoom - view.zoom - 2) < 0.01, `160/40 = 4× is two levels: ${view.zoom} → ${zoomed.zoom}`);
      const drift = pixelsApart(pageAt(zoomed, under), { x: mid[0], y: mid[1] });
      // Each of the 12 steps rounds both fingers to whole pixels; the midpoint may wander that much.
      assert.ok(drift < 3, `the midpoint stays put (${drift.toFixed(2)} px off)`);
    } finally {
      await context.close();
    }
  });

  test('a double tap zooms in one level', async () => {
    const { context, page, touch } = await openPhone();
    try {
      const view = await readView(page);
      const p = await freeSpot(page, view, 0.3, 0.5);
      for (let i = 0; i < 2; i++) {
        await touch('touchStart', [p]);
        await touch('touchEnd', []);
      }
      const zoomed = await waitForViewChange(page, view);
      assert.ok(Math.abs(zoomed.zoom - view.zoom - 1) < 1e-3, `${view.zoom} → ${zoomed.zoom}`);
    } finally {
      await context.close();
    }
  });

  test('while drawing, two fingers pan and zoom and never add a vertex; one tap does', async () => {
    const { context, page, touch } = await openPhone();
    try {
      await page.getByRole('button', { name: 'Draw line' }).click();
      const view = await readView(page);
      const mid = await freeSpot(page, view, 0.5, 0.4);
      const fingers = (half) => [[mid[0] - half, mid[1]], [mid[0] + half, mid[1]]];
      await touch('touchStart', fingers(40));
      for (let half = 50; half <= 100; half += 10) await touch('touchMove', fingers(half));
      await touch('touchEnd', []);
      const zoomed = await waitForViewChange(page, view);
      assert.ok(zoomed.zoom > view.zoom);
      assert.equal(await page.locator('[data-draft] circle').count(), 0, 'no vertex from the pinch');
      await touch('touchStart', [mid]);
      await touch('touchEnd', []);
      await page.locator('[data-draft] circle').first().waitFor();
      assert.equal(await page.locator('[data-draft] circle').count(), 1);
    } finally {
      await context.close();
    }
  });
});
