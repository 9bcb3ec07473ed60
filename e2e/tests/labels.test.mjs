// The map's labels, read back as a reader sees them: the story's places are named beside their symbols, and
// no two labels overlap and no label covers a symbol, at the first view and zoomed in on Ishkashim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, openApp, pageAt, readView, setUpSuite, waitForViewChange } from '../lib/harness.mjs';

const suite = setUpSuite();

/** Every visible label's box and every story symbol's box, in page px. */
async function boxes(page) {
  return page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { id: e.dataset.label || e.dataset.labelFor, l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const shown = (e) => e.getBoundingClientRect().width > 0 && getComputedStyle(e).display !== 'none';
    return {
      labels: [...document.querySelectorAll('[data-layer="labels"] text')].filter(shown).map(box),
      places: [...document.querySelectorAll('[data-label-for]')].filter(shown).map(box),
      symbols: [...document.querySelectorAll('.story-markers [data-feature-id] .symbol')].map((e) => ({ ...box(e), id: e.closest('[data-feature-id]').dataset.featureId })),
    };
  });
}

const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

function assertClear({ labels, symbols }, where) {
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      assert.ok(!overlap(labels[i], labels[j]), `${where}: labels ${labels[i].id} and ${labels[j].id} overlap`);
    }
    for (const s of symbols) assert.ok(!overlap(labels[i], s), `${where}: label ${labels[i].id} covers the symbol of ${s.id}`);
  }
}

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`at ${width}×${height}, places are labelled and no label overlaps another or covers a symbol`, async () => {
    const app = await openApp(suite.browser, suite.server.url, { width, height });
    try {
      const { page } = app;
      const home = await boxes(page);
      assertClear(home, 'first view');
      assert.ok(home.places.length >= (width > 800 ? 8 : 2), `${home.places.length} places labelled`);
      if (width > 800) assert.ok(home.places.some((p) => p.id === 'new_site_ishkashim_wakhan'), 'the new site is named');
      await page.screenshot({ path: join(ARTIFACTS, `labels-${width}.png`) });

      // Zoom in twice on Ishkashim with the wheel, as a reader would.
      for (let i = 0; i < 2; i++) {
        const view = await readView(page);
        const { x, y } = pageAt(view, { lon: 71.61, lat: 36.72 });
        await page.mouse.move(x, y);
        await page.mouse.wheel(0, -500);
        await waitForViewChange(page, view);
      }
      const zoomed = await boxes(page);
      assertClear(zoomed, 'zoomed on Ishkashim');
      assert.ok(zoomed.places.some((p) => p.id === 'new_site_ishkashim_wakhan' || p.id === 'town_ishkashim'), `Ishkashim is named: ${zoomed.places.map((p) => p.id)}`);
      await page.screenshot({ path: join(ARTIFACTS, `labels-${width}-ishkashim.png`) });
    } finally {
      await app.context.close();
    }
  });
}

test('the labels switch hides the place labels with the others', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const { page } = app;
    assert.ok((await boxes(page)).places.length > 0);
    await page.locator('.layer-switcher summary').click();
    await page.locator('[data-layer-toggle="labels"]').uncheck();
    assert.equal((await boxes(page)).places.length, 0, 'no place label shows');
  } finally {
    await app.context.close();
  }
});
