// Links to a reading state: a shared URL reopens the same view, popup, quote and layers; back and forward
// move between chosen states; a damaged link falls back to the default view with a notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {openApp, readView, setUpSuite, waitForViewChange} from '../lib/harness.mjs';

const suite = setUpSuite();

test('a shared link reopens the same view, popup, highlighted quote and layers', async () => {
  const first = await openApp(suite.browser, suite.server.url);
  let link;
  let seen;
  try {
    const { page } = first;
    await page.locator('.layer-switcher summary').click();
    await page.locator('[data-layer-toggle="labels"]').uncheck();
    await page.getByRole('tab', { name: 'Places' }).click();
    await page.locator('[data-place-id="earlier_base_murghab_shaymak"]').click();
    await page.locator('[data-popup-for="earlier_base_murghab_shaymak"] .read-in-article').nth(1).click();
    await page.locator('.article-panel mark.current').first().waitFor();
    seen = await readView(page);
    await page.waitForFunction(() => location.hash.includes('f=earlier_base_murghab_shaymak') && location.hash.includes('q=1'));
    link = page.url();
  } finally {
    await first.context.close();
  }
  const second = await openApp(suite.browser, suite.server.url, { path: link.slice(suite.server.url.length) });
  try {
    const { page } = second;
    await page.locator('[role="dialog"][data-popup-for="earlier_base_murghab_shaymak"]').waitFor();
    const view = await readView(page);
    assert.ok(Math.abs(view.lon - seen.lon) < 1e-4 && Math.abs(view.lat - seen.lat) < 1e-4, `${view.lon},${view.lat} vs ${seen.lon},${seen.lat}`);
    assert.ok(Math.abs(view.zoom - seen.zoom) < 1e-3);
    assert.equal(await page.locator('[data-layer="labels"]').isVisible(), false, 'labels stay hidden');
    const current = await page.locator('.article-panel mark.current').allTextContents();
    const quote = await page.locator('[data-popup-for="earlier_base_murghab_shaymak"] blockquote').nth(1).textContent();
    assert.equal(current.join(''), quote);
  } finally {
    await second.context.close();
  }
});

test('back and forward move between the places the reader opened', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  const { page } = app;
  try {
    await page.getByRole('tab', { name: 'Places' }).click();
    for (const id of ['city_kabul', 'city_dushanbe']) {
      await page.locator(`[data-place-id="${id}"]`).click();
      await page.locator(`[data-popup-for="${id}"]`).waitFor();
    }
    await page.goBack();
    await page.locator('[data-popup-for="city_kabul"]').waitFor();
    await page.goForward();
    await page.locator('[data-popup-for="city_dushanbe"]').waitFor();
  } finally {
    await app.context.close();
  }
});

test('a damaged or unknown link falls back to the default view with a notice', async () => {
  const home = await openApp(suite.browser, suite.server.url);
  const homeView = await readView(home.page);
  await home.context.close();
  for (const fragment of ['#v1;c=abc;z=%%%', '#v7;c=1,2', '#v1;f=%E2%82']) {
    const app = await openApp(suite.browser, suite.server.url, { path: fragment });
    try {
      const notice = app.page.locator('[role="status"]').filter({ hasText: 'The link could not be followed' });
      await notice.waitFor();
      const view = await readView(app.page);
      assert.equal(view.lon, homeView.lon, fragment);
      assert.equal(view.zoom, homeView.zoom, fragment);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.context.close();
    }
  }
});

test('Share carries small annotation documents in the link', async () => {
  const first = await openApp(suite.browser, suite.server.url);
  let link;
  try {
    const { page } = first;
    const v = await readView(page);
    await page.getByRole('button', { name: 'Draw point' }).click();
    await page.mouse.click(v.left + v.width * 0.3, v.top + v.height * 0.3);
    await page.getByRole('button', { name: 'Draw point' }).click();
    await page.getByRole('button', { name: 'Share' }).click();
    const notice = page.locator('.alert-notice').filter({ hasText: 'Link' });
    await notice.waitFor();
    link = (await notice.locator('li').first().textContent()).trim();
    assert.match(link, /#v1;.*a=[A-Za-z0-9_-]+/);
  } finally {
    await first.context.close();
  }
  const second = await openApp(suite.browser, suite.server.url, { path: link.slice(suite.server.url.length) });
  try {
    await second.page.locator('[role="status"]').filter({ hasText: 'The link brought 1 annotation(s)' }).waitFor();
    assert.equal(await second.page.locator('.annotation-points [data-annotation-id]').count(), 1);
  } finally {
    await second.context.close();
  }
});

test('following a shared link adds no history entry of its own: Back returns to the page before', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(`${suite.server.url}examples/embed-host.html`);
    await page.goto(`${suite.server.url}#v1;f=city_kabul`);
    await page.locator('[data-popup-for="city_kabul"]').waitFor();
    await page.waitForTimeout(300);
    await page.goBack();
    await page.waitForURL(/embed-host\.html$/);
  } finally {
    await context.close();
  }
});
