// The story tour (driven by arrow keys, announced to screen readers, also inside the embed) and the
// timeline of the dates the article names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {openApp, setUpSuite} from '../lib/harness.mjs';

const suite = setUpSuite();

const announced = (page) => page.locator('.tour-announce').textContent();

test('the tour is driven by the arrow keys, announces each step and shows its quote', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  const { page } = app;
  try {
    await page.getByRole('button', { name: 'Story tour' }).click();
    await page.locator('[data-tour-step="0"]').waitFor();
    assert.match(await announced(page), /^Step 1 of \d+/);
    const total = Number((await announced(page)).match(/of (\d+)/)[1]);
    assert.ok(total >= 8);
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="1"]').waitFor();
    assert.match(await announced(page), /^Step 2 of/);
    const quote = await page.locator('.tour-quote').textContent();
    const open = await page.locator('[role="dialog"][data-popup-for]').getAttribute('data-popup-for');
    assert.ok(open, 'the step opens its place');
    const popupQuotes = await page.locator(`[data-popup-for="${open}"] blockquote`).allTextContents();
    assert.ok(popupQuotes.includes(quote), 'the bar shows one of its verified quotes');
    assert.equal((await page.locator('.article-panel mark.current').allTextContents()).join(''), quote);
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="2"]').waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.locator('[data-tour-step="1"]').waitFor();
    await page.getByRole('button', { name: 'End the tour' }).click();
    assert.equal(await page.locator('.tour-bar').count(), 0);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.context.close();
  }
});

test('the tour works inside the embedded map', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${suite.server.url}examples/embed-host.html`);
    const frame = await (await page.$('iframe[data-article-map]')).contentFrame();
    await frame.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0);
    await frame.getByRole('button', { name: 'Story tour' }).click();
    await frame.locator('[data-tour-step="0"]').waitFor();
    await frame.getByRole('button', { name: 'Next step' }).focus();
    await page.keyboard.press('ArrowRight');
    await frame.locator('[data-tour-step="1"]').waitFor();
  } finally {
    await context.close();
  }
});

test('picking a date highlights its passages and places', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  const { page } = app;
  try {
    const labels = await page.locator('[data-date]').allTextContents();
    for (const date of ['1991', 'mid-1990s', '2013', 'August 2021', 'October 27, 2021', 'January 1, 2022']) {
      assert.ok(labels.includes(date), `${date} in ${labels}`);
    }
    await page.locator('[data-date="October 27, 2021"]').click();
    const dated = page.locator('.article-panel p.dated');
    assert.ok((await dated.count()) >= 1);
    assert.match(await dated.first().textContent(), /October 27, 2021/);
    await page.waitForSelector('.story-markers [data-feature-id="new_site_ishkashim_wakhan"].dated');
    await page.locator('[data-date="October 27, 2021"]').click();
    assert.equal(await page.locator('.article-panel p.dated').count(), 0, 'a second click clears it');
  } finally {
    await app.context.close();
  }
});

test('a shared link reopens the tour at the same step', async () => {
  const first = await openApp(suite.browser, suite.server.url);
  let link;
  try {
    await first.page.getByRole('button', { name: 'Story tour' }).click();
    await first.page.getByRole('button', { name: 'Next step' }).click();
    await first.page.getByRole('button', { name: 'Next step' }).click();
    await first.page.locator('[data-tour-step="2"]').waitFor();
    await first.page.waitForFunction(() => location.hash.includes('t=2'));
    link = first.page.url();
  } finally {
    await first.context.close();
  }
  const second = await openApp(suite.browser, suite.server.url, { path: link.slice(suite.server.url.length) });
  try {
    await second.page.locator('[data-tour-step="2"]').waitFor();
    assert.match(await second.page.locator('.tour-announce').textContent(), /^Step 3 of/);
  } finally {
    await second.context.close();
  }
});
