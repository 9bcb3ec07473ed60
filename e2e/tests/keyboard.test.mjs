// Reading and annotating with the keyboard alone (WCAG 2.2 AA, 2.1.1): every control is reached with Tab and
// Shift+Tab and pressed with Enter, the map's crosshair is moved with the arrow keys, and nothing is ever
// pointed at: no mouse, no touch, no element.focus() or .click() shortcuts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { lonLatAt, openApp, readView, setUpSuite } from '../lib/harness.mjs';

const suite = setUpSuite();

/** Presses Tab (or Shift+Tab, `back`) until the focused element matches `selector`; at most `max` presses. */
async function tabTo(page, selector, { back = false, max = 160 } = {}) {
  for (let i = 0; i <= max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${selector} (focus is on ${at})`);
}

/** Presses `key` `times` times. */
async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** The keyboard crosshair's position, map-local px, or null when there is none. */
const crosshair = (page) => page.evaluate(() => {
  const c = document.querySelector('[data-keyboard-crosshair]');
  return c ? { x: Number(c.dataset.x), y: Number(c.dataset.y) } : null;
});

const ids = (page) => page.locator('[data-annotation-id]').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.annotationId))].sort());

/** The top-left corner of vertex handle `i` of the selected annotation, map-local px. */
const handle = (page, i) => page.evaluate((i) => {
  const h = document.querySelector(`[data-vertex="${i}"]`);
  return h ? { x: Number(h.getAttribute('x')), y: Number(h.getAttribute('y')), focused: h.hasAttribute('data-vertex-focused') } : null;
}, i);

const pressed = (page, name) => page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

/** Asserts a GeoJSON position is the place under map-local px `p` (within one pixel). */
function assertAt(position, view, p, what) {
  const want = lonLatAt(view, view.left + p.x, view.top + p.y);
  const onePx = lonLatAt(view, view.left + p.x + 1, view.top + p.y + 1);
  const tolerance = Math.max(Math.abs(onePx.lon - want.lon), Math.abs(onePx.lat - want.lat));
  assert.ok(Math.abs(position[0] - want.lon) <= tolerance && Math.abs(position[1] - want.lat) <= tolerance,
    `${what}: ${position} is not ${want.lon},${want.lat} (±${tolerance})`);
}

describe('the keyboard alone', () => {
  test('draws a point, a line and an area, moves a vertex, undoes, and exports', async () => {
    const { page, context, errors } = await openApp(suite.browser, suite.server.url, { width: 1280, height: 800 });
    try {
      // Anything a pointer does is counted: a keyboard's click on a button has detail 0 and is not.
      await page.evaluate(() => {
        window.pointerEvents = [];
        for (const type of ['pointerdown', 'mousedown', 'touchstart', 'click']) {
          addEventListener(type, (e) => {
            if (e.isTrusted && (type !== 'click' || e.detail > 0)) window.pointerEvents.push(type);
          }, true);
        }
      });
      const view = await readView(page);
      const middle = { x: view.width / 2, y: view.height / 2 };

      // A point: the tool by Tab and Enter, the crosshair by the arrows, Enter to place it.
      await tabTo(page, 'button[aria-label="Draw point"]');
      await page.keyboard.press('Enter');
      assert.equal(await pressed(page, 'Draw point'), 'true');
      await tabTo(page, '[data-map]');
      const start = await crosshair(page);
      assert.ok(start, 'a crosshair shows while a tool is on');
      assert.ok(Math.abs(start.x - middle.x) <= 1 && Math.abs(start.y - middle.y) <= 1, `it starts at the middle: ${JSON.stringify(start)}`);
      const described = await page.$eval('[data-map]', (m) => document.getElementById(m.getAttribute('aria-describedby'))?.textContent ?? '');
      assert.match(described, /Arrow keys move the crosshair.*Enter places a point/);
      const hintBox = await page.locator('[data-keyboard-hint]').boundingBox();
      assert.ok(hintBox && hintBox.width > 100, 'the hint shows while the map has keyboard focus');
      await press(page, 'ArrowLeft', 3);
      await page.keyboard.press('Shift+ArrowUp');
      const pointAt = await crosshair(page);
      assert.deepEqual([pointAt.x - start.x, pointAt.y - start.y], [-30, -50], '10 px a press, 50 with Shift');
      assert.deepEqual(await readView(page), view, 'with a tool on the arrows move the crosshair, not the map');
      assert.deepEqual(await ids(page), []);
      await page.keyboard.press('Enter');
      assert.deepEqual(await ids(page), ['a1']);

      // A line: a vertex placed then cancelled with Escape; then two vertices and Enter again to finish.
      await tabTo(page, 'button[aria-label="Draw line"]', { back: true });
      await page.keyboard.press('Enter');
      await tabTo(page, '[data-map]');
      assert.deepEqual(await crosshair(page), pointAt, 'another tool keeps the crosshair where it was');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('[data-draft]').count(), 1, 'a vertex is placed');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('[data-draft]').count(), 0, 'Escape cancels the line in progress');
      assert.equal(await pressed(page, 'Draw line'), 'true', 'and keeps the tool');
      await press(page, 'Shift+ArrowRight', 2);
      const lineFrom = await crosshair(page);
      await page.keyboard.press('Enter');
      await press(page, 'ArrowDown', 5);
      await page.keyboard.press('Shift+ArrowRight');
      const lineTo = await crosshair(page);
      assert.deepEqual([lineTo.x - lineFrom.x, lineTo.y - lineFrom.y], [50, 50]);
      await page.keyboard.press('Enter');
      assert.deepEqual(await ids(page), ['a1'], 'not finished yet');
      await page.keyboard.press('Enter');
      assert.deepEqual(await ids(page), ['a1', 'a2'], 'Enter again at the same spot finishes the line');

      // An area: three corners, then back onto the first one, where Enter closes it.
      await tabTo(page, 'button[aria-label="Draw area"]', { back: true });
      await page.keyboard.press('Enter');
      await tabTo(page, '[data-map]');
      const corners = [];
      for (const key of ['Shift+ArrowDown', 'Shift+ArrowLeft', 'Shift+ArrowUp']) {
        await press(page, key, 3);
        corners.push(await crosshair(page));
        await page.keyboard.press('Enter');
      }
      await press(page, 'Shift+ArrowRight', 3);
      await press(page, 'Shift+ArrowDown', 3);
      assert.deepEqual(await crosshair(page), corners[0], 'back on the first corner');
      assert.deepEqual(await ids(page), ['a1', 'a2']);
      await page.keyboard.press('Enter');
      assert.deepEqual(await ids(page), ['a1', 'a2', 'a3'], 'Enter on the first corner closes the area');
      await tabTo(page, 'button[aria-label="Draw area"]', { back: true });
      await page.keyboard.press('Enter');
      assert.equal(await pressed(page, 'Draw area'), 'false');
      assert.equal(await crosshair(page), null, 'no tool, no crosshair');

      // A vertex of the line: the line chosen in My annotations, then ] and the arrows on the map.
      await tabTo(page, '[data-annotation-item="a2"]');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('[data-annotation-item="a2"]').getAttribute('aria-pressed'), 'true');
      await tabTo(page, '[data-map]', { back: true });
      const describedNow = await page.$eval('[data-map]', (m) => document.getElementById(m.getAttribute('aria-describedby'))?.textContent ?? '');
      assert.match(describedNow, /\[ and \] choose the previous or next vertex, arrow keys move it/);
      const original = await handle(page, 0);
      assert.ok(original && !original.focused, 'the line shows its handles, none chosen');
      await page.keyboard.press(']');
      assert.equal((await handle(page, 0)).focused, true, '] chooses the first vertex');
      await press(page, 'ArrowRight', 2);
      await page.keyboard.press('Shift+ArrowDown');
      const moved = await handle(page, 0);
      assert.ok(Math.abs(moved.x - original.x - 20) < 0.3 && Math.abs(moved.y - original.y - 50) < 0.3,
        `the vertex moved 20 px right and 50 down: ${JSON.stringify(original)} -> ${JSON.stringify(moved)}`);
      assert.deepEqual(await readView(page), view, 'moving a vertex does not move the map');
      await page.keyboard.press('Control+z');
      const back = await handle(page, 0);
      assert.ok(Math.abs(back.x - original.x) < 0.3 && Math.abs(back.y - original.y) < 0.3,
        `one undo takes the three moves back: ${JSON.stringify(back)}`);
      assert.deepEqual(await ids(page), ['a1', 'a2', 'a3'], 'and nothing else');

      // Export GeoJSON, by Shift+Tab and Enter.
      await tabTo(page, 'button[aria-label="Export GeoJSON"]', { back: true });
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.deepEqual(doc.features.map((f) => f.geometry.type), ['Point', 'LineString', 'Polygon']);
      const [point, line, area] = doc.features.map((f) => f.geometry.coordinates);
      assertAt(point, view, pointAt, 'the point');
      assert.equal(line.length, 2, 'the line has its two vertices (the finishing Enter added none)');
      assertAt(line[0], view, lineFrom, 'the line starts where it did before the move, undone');
      assertAt(line[1], view, lineTo, 'the line ends');
      assert.equal(area.length, 1);
      assert.equal(area[0].length, 4, 'three corners, closed');
      assert.deepEqual(area[0][0], area[0][3]);
      for (const c of corners) {
        assert.ok(area[0].slice(0, 3).some((p) => {
          try { assertAt(p, view, c, 'corner'); return true; } catch { return false; }
        }), `a corner at ${JSON.stringify(c)}`);
      }

      assert.deepEqual(await page.evaluate(() => window.pointerEvents), [], 'no pointer was used');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
