// The classroom: a student's hand-in loads in the teacher view next to two others, a broken hand-in is
// named and the others still load; the presenter gets the tour, large type and a laser pointer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {ARTIFACTS, openApp, readView, setUpSuite} from '../lib/harness.mjs';

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

test('the presenter gets the step-locked tour in large type and a laser pointer', async () => {
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
