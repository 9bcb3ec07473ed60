// The classroom: a student's hand-in loads in the teacher view next to two others, a broken hand-in is
// named and the others still load; the presenter gets the tour, large type and a laser pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {ARTIFACTS, openApp, readView, restingView, setUpSuite, waitForViewChange} from '../lib/harness.mjs';

const suite = setUpSuite();

test('a student hands in; the teacher sees it beside two others, and a broken one is named', async () => {
  const student = await openApp(suite.browser, suite.server.url, { path: '?mode=student' });
  let handIn;
  let fileName;
  try {
    const { page } = student;
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('Your name').fill('Zarina Karimova');
    const v = await readView(page);
    await page.getByRole('button', { name: 'Draw point' }).click();
    await page.mouse.click(v.left + v.width * 0.3, v.top + v.height * 0.3);
    await page.getByRole('button', { name: 'Draw point' }).click();
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'student.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hand in' }).click()]);
    fileName = download.suggestedFilename();
    handIn = await readFile(await download.path(), 'utf8');
  } finally {
    await student.context.close();
  }
  assert.equal(fileName, 'zarina-karimova-mark-where-the-new-site-is-said-to-be.geojson');
  const parsed = JSON.parse(handIn);
  assert.equal(parsed['article-map:hand-in'].student, 'Zarina Karimova');
  assert.equal(parsed.features.length, 1);

  const other = (name, dx) => {
    const copy = JSON.parse(handIn);
    copy['article-map:hand-in'].student = name;
    copy.features[0].geometry.coordinates[0] += dx;
    return JSON.stringify(copy);
  };
  const teacher = await openApp(suite.browser, suite.server.url, { path: '?mode=teacher' });
  try {
    const { page } = teacher;
    await page.getByRole('tab', { name: 'Hand-ins' }).click();
    await page.locator('[data-hand-in-files]').setInputFiles([
      { name: fileName, mimeType: 'application/geo+json', buffer: Buffer.from(handIn) },
      { name: 'farid.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(other('Farid', 0.5)) },
      { name: 'broken-hand-in.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[{') },
      { name: 'malika.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(other('Malika', 1.0)) },
    ]);
    await page.locator('[data-hand-in-row]').nth(2).waitFor();
    const names = await page.locator('[data-hand-in-row]').evaluateAll((rows) => rows.map((r) => r.dataset.handInRow));
    assert.deepEqual(names, ['Zarina Karimova', 'Farid', 'Malika']);
    const alert = page.locator('.alert-error');
    await alert.waitFor();
    assert.match(await alert.textContent(), /broken-hand-in\.geojson/);
    for (const name of names) {
      assert.equal(await page.locator(`.hand-in-overlay [data-annotation-id]`).count() >= 3, true);
      assert.match(await page.locator(`[data-hand-in-row="${name}"]`).textContent(), /1 point\(s\)/);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'teacher.png') });
    const colours = await page.locator('.hand-in-overlay circle').evaluateAll((c) => [...new Set(c.map((e) => e.getAttribute('fill')))]);
    assert.equal(colours.length, 3, 'one colour per student');
    await page.locator('[data-hand-in-row="Farid"] input').uncheck();
    assert.equal(await page.locator('.hand-in-overlay circle').count(), 2, 'a hand-in can be hidden');
  } finally {
    await teacher.context.close();
  }
});

test('the presenter gets the tour in large type, stepped with the arrow keys, and a laser pointer', async () => {
  const app = await openApp(suite.browser, suite.server.url, { path: '?mode=present', width: 1600, height: 900 });
  try {
    const { page } = app;
    await page.locator('[data-tour-step="0"]').waitFor();
    assert.equal(await page.locator('.side-panel').isVisible(), false, 'only the step is shown');
    const size = await page.$eval('.tour-bar', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(size >= 24, `large type (${size}px)`);
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="1"]').waitFor();
    await page.mouse.move(500, 400);
    await page.locator('.laser').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'presenter.png') });
    assert.ok(await page.getByRole('button', { name: 'Full screen' }).isVisible());
  } finally {
    await app.context.close();
  }
});

/** A point of the map where nothing but the map is under the pointer (no marker, popup, tour bar or button). */
async function bareMapSpot(page, view) {
  for (const [fx, fy] of [[0.12, 0.2], [0.88, 0.2], [0.12, 0.5], [0.88, 0.5], [0.5, 0.15], [0.3, 0.35], [0.7, 0.35]]) {
    const [x, y] = [view.left + view.width * fx, view.top + view.height * fy];
    const bare = await page.evaluate(([x, y]) => {
      const e = document.elementFromPoint(x, y);
      return Boolean(e?.closest('[data-map]')) && !e.closest('[data-feature-id], [data-circle-for], .popup, .tour-bar, button, .map-controls');
    }, [x, y]);
    if (bare) return [x, y];
  }
  throw new Error('no bare spot on the map');
}

const where = (v) => ({ lon: v.lon, lat: v.lat, zoom: v.zoom });

// What "step-locked" asks of the presenter's tour (state.rs Mode::Presenter, the README's classroom list): the
// audience's map shows the tour's step and only the tour moves it. A drag, the wheel, a double-click, the map's
// keys and the zoom buttons leave the step's view as it is, and the tour cannot be ended from the presenter's
// screen (there is no way back into it there), nor its place closed. Stepping still works.
test('the presenter\'s tour is step-locked: only a step moves the map, and the tour cannot be left', async () => {
  const app = await openApp(suite.browser, suite.server.url, { path: '?mode=present', width: 1600, height: 900 });
  try {
    const { page } = app;
    await page.locator('[data-tour-step="0"]').waitFor();
    const opening = await restingView(page);
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="1"]').waitFor();
    await waitForViewChange(page, opening); // the flight to the step has landed (the settled view changes then)
    const step = await restingView(page);
    // The presenter's tour card shows the step's quote; its place is selected on the map, with no popup over it.
    const place = await page.locator('.story-markers [data-feature-id][aria-expanded="true"]').getAttribute('data-feature-id');
    assert.equal(await page.locator('.popup').count(), 0, 'no popup opens over the presenter\'s map');
    const locked = async (what) => {
      assert.deepEqual(where(await restingView(page)), where(step), `${what} leaves the step's view as it is`);
      assert.equal(await page.locator('.tour-bar[data-tour-step="1"]').count(), 1, `${what} keeps the tour at its step`);
    };

    const [x, y] = await bareMapSpot(page, step);
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + 20 * i, y + 10 * i);
    await page.mouse.up();
    await locked('a drag on the map');

    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -300);
    await page.waitForTimeout(400); // past the wheel's settle delay
    await locked('the wheel');

    await page.mouse.dblclick(x, y);
    await locked('a double-click');

    await page.locator('[data-map]').focus();
    for (const key of ['ArrowUp', 'ArrowDown', '+', '-']) await page.keyboard.press(key);
    await locked('the map\'s keys');

    for (const name of ['Zoom in', 'Zoom out', 'Reset view']) {
      const button = page.getByRole('button', { name, exact: true });
      if (await button.isVisible() && await button.isEnabled()) await button.click();
    }
    await locked('the zoom buttons');

    const end = page.getByRole('button', { name: 'End the tour' });
    if (await end.isVisible()) await end.click();
    await page.keyboard.press('Escape');
    await locked('"End tour" and Escape');
    assert.equal(await page.locator(`[data-feature-id="${place}"][aria-expanded="true"]`).count(), 1, 'the step\'s place stays selected');

    // Stepping still works: the steps' keys move the tour, and each step opens its place.
    await page.evaluate(() => document.activeElement?.blur()); // the steps' keys, not the map's
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="2"]').waitFor();
    const next = page.locator('.story-markers [data-feature-id][aria-expanded="true"]');
    await next.waitFor();
    assert.notEqual(await next.getAttribute('data-feature-id'), place, 'the next step selects its own place');
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-tour-step="1"]').waitFor();
    await page.locator(`[data-feature-id="${place}"][aria-expanded="true"]`).waitFor();
  } finally {
    await app.context.close();
  }
});
