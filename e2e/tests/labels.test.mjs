// The map's labels and reference layers, read back as a reader sees them: every story site on screen is named
// beside its symbol or listed in a cluster label ("3 sites"), no two labels overlap, no label covers a story
// symbol or a town's dot, none goes under a control; towns, rivers and relief are there (relief and the
// towns' and rivers' files only after map-ready) and each hides with its switch; the locator inset is on
// desktop and not on phones. At 1280×800 and 390×844, at the first view and zoomed in twice on Ishkashim,
// and for the presenter at 1920×1080 on the tour's first step and on the Ishkashim step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, openApp, pageAt, readView, restingView, setUpSuite, waitForViewChange } from '../lib/harness.mjs';

const suite = setUpSuite();
const here = fileURLToPath(new URL('.', import.meta.url));
const STORY = JSON.parse(readFileSync(resolve(here, '../../assets/story/umarov-tajikistan-2021.json'), 'utf8'));
const LABEL_OF = new Map(STORY.features.features.map((f) => [f.id, f.properties.label]));

/** What the map shows, in page px: labels, story symbols, town dots, controls, clusters, the map's box. */
async function scene(page) {
  return page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    const map = box(document.querySelector('[data-map]'));
    return {
      map,
      labels: [...document.querySelectorAll('svg.labels text')].filter(shown)
        .map((e) => ({ ...box(e), id: e.dataset.label || e.dataset.labelFor || e.dataset.clusterOf || e.textContent, text: e.textContent })),
      places: [...document.querySelectorAll('[data-label-for]')].filter(shown).map((e) => e.dataset.labelFor),
      clusters: [...document.querySelectorAll('[data-cluster-of]')].filter(shown).map((e) => e.dataset.clusterOf.split(' ')),
      symbols: [...document.querySelectorAll('.story-markers [data-feature-id] .symbol')].filter(shown)
        .map((e) => ({ ...box(e), id: e.closest('[data-feature-id]').dataset.featureId })),
      dots: [...document.querySelectorAll('[data-layer="places"] .town-dot')].filter(shown)
        .map((e) => ({ ...box(e), id: `town ${e.closest('[data-town]').dataset.town}` })),
      controls: [...document.querySelectorAll('.map-controls > *, .tour-bar')].filter(shown).map(box),
      towns: document.querySelectorAll('[data-layer="places"] [data-town]').length,
    };
  });
}

const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
/** A box shrunk by `px` on each side (the halo stroke and antialiasing reach a pixel past the estimate). */
const inset = (a, px = 1) => ({ ...a, l: a.l + px, t: a.t + px, r: a.r - px, b: a.b - px });

function assertClear(s, where) {
  const { labels, symbols, dots, controls } = s;
  for (let i = 0; i < labels.length; i++) {
    const a = inset(labels[i]);
    for (let j = i + 1; j < labels.length; j++) {
      assert.ok(!overlap(a, inset(labels[j])), `${where}: labels ${labels[i].id} and ${labels[j].id} overlap`);
    }
    for (const sym of [...symbols, ...dots]) assert.ok(!overlap(a, inset(sym)), `${where}: label ${labels[i].id} covers the symbol of ${sym.id}`);
    for (const c of controls) assert.ok(!overlap(a, c), `${where}: label ${labels[i].id} is under a control`);
  }
}

/** Every story site whose symbol stands on the map (not under a control) is named: its own label, a cluster
 * label listing it, or a label of the same words (a basemap label, or another site's). */
function assertEverySiteNamed(s, where) {
  const texts = new Set(s.labels.map((l) => l.text.toLowerCase()));
  const clustered = new Set(s.clusters.flat());
  const within = (b) => b.l >= s.map.l && b.r <= s.map.r && b.t >= s.map.t && b.b <= s.map.b;
  const unnamed = s.symbols
    .filter((sym) => within(sym) && !s.controls.some((c) => overlap(sym, c)))
    .filter((sym) => !s.places.includes(sym.id) && !clustered.has(sym.id) && !texts.has((LABEL_OF.get(sym.id) ?? '').toLowerCase()));
  assert.deepEqual(unnamed.map((u) => u.id), [], `${where}: sites on screen with no label and no cluster`);
}

async function zoomTwiceOnIshkashim(page) {
  for (let i = 0; i < 2; i++) {
    const view = await readView(page);
    const { x, y } = pageAt(view, { lon: 71.61, lat: 36.72 });
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -500);
    await waitForViewChange(page, view);
  }
}

/** Waits until the towns have arrived (they are fetched after map-ready). */
const townsShown = (page) => page.waitForFunction(() => document.querySelectorAll('[data-layer="places"] [data-town]').length > 0);

for (const [width, height] of [[1280, 800], [390, 844]]) {
  test(`at ${width}×${height}, every site on screen is named, nothing overlaps, and the layers are there`, async () => {
    const app = await openApp(suite.browser, suite.server.url, { width, height });
    try {
      const { page } = app;
      await townsShown(page);
      const home = await scene(page);
      assertClear(home, 'first view');
      assertEverySiteNamed(home, 'first view');
      assert.ok(home.places.length >= (width > 800 ? 8 : 2), `${home.places.length} places labelled`);
      if (width > 800) assert.ok(home.places.includes('new_site_ishkashim_wakhan'), 'the new site is named');
      assert.ok(home.towns >= (width > 800 ? 5 : 1), `${home.towns} towns`);
      const inset = page.locator('[data-layer="inset"]');
      if (width > 800) {
        assert.ok(await inset.isVisible(), 'the locator inset is on desktop');
        assert.match(await page.locator('[data-layer="inset"] svg').getAttribute('aria-label'), /Central Asia/);
      } else {
        assert.equal(await inset.count(), 0, 'no inset on a phone');
      }
      await page.screenshot({ path: join(ARTIFACTS, `labels-${width}.png`) });

      await zoomTwiceOnIshkashim(page);
      const zoomed = await scene(page);
      assertClear(zoomed, 'zoomed on Ishkashim');
      assertEverySiteNamed(zoomed, 'zoomed on Ishkashim');
      assert.ok(zoomed.places.includes('new_site_ishkashim_wakhan') || zoomed.places.includes('town_ishkashim'), `Ishkashim is named: ${zoomed.places}`);
      await page.screenshot({ path: join(ARTIFACTS, `labels-${width}-ishkashim.png`) });
    } finally {
      await app.context.close();
    }
  });
}

test('for the presenter at 1920×1080, the first step and the Ishkashim step are named and clear, with no popup over the tour card', async () => {
  const app = await openApp(suite.browser, suite.server.url, { path: '?mode=present', width: 1920, height: 1080 });
  try {
    const { page } = app;
    await page.locator('[data-tour-step="0"]').waitFor();
    await townsShown(page);
    const first = await scene(page);
    assertClear(first, 'presenter, first step');
    assertEverySiteNamed(first, 'presenter, first step');
    // Step to the new site (the tour frames it; the presenter's map is step-locked, so it is not zoomed by hand).
    for (let i = 0; i < 20 && !(await page.locator('.tour-announce').textContent()).includes('Ishkashim'); i++) {
      const step = await page.locator('.tour-bar').getAttribute('data-tour-step');
      await page.locator('.tour-bar').getByRole('button', { name: /Next/ }).click();
      await page.waitForFunction((s) => document.querySelector('.tour-bar')?.dataset.tourStep !== s, step);
    }
    await restingView(page); // the step's flight has landed
    const step = await scene(page);
    assertClear(step, 'presenter, Ishkashim step');
    assertEverySiteNamed(step, 'presenter, Ishkashim step');
    assert.equal(await page.locator('.popup').count(), 0, 'the tour card shows the quote; no popup opens over it');
    await page.screenshot({ path: join(ARTIFACTS, 'presenter-step.png') });
  } finally {
    await app.context.close();
  }
});

test('towns, rivers and relief load after map-ready and each hides with its switch; the labels switch hides the labels', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const { page } = app;
    await townsShown(page);
    await page.locator('[data-layer="relief"] image').waitFor({ state: 'attached' });
    assert.ok(await page.locator('[data-layer="rivers"] path.river-named').count() > 0, 'named rivers are drawn');
    assert.ok(await page.locator('[data-layer="rivers"] path.lake').count() > 0, 'lakes are drawn');
    const timing = await page.evaluate(() => {
      const ready = performance.getEntriesByName('map-ready')[0].startTime;
      const started = (file) => performance.getEntriesByType('resource').find((r) => r.name.endsWith(file))?.startTime;
      return { ready, relief: started('relief.webp'), towns: started('places.json'), water: started('water.geojson') };
    });
    for (const file of ['relief', 'towns', 'water']) {
      assert.ok(timing[file] > timing.ready, `${file} is fetched after map-ready: ${JSON.stringify(timing)}`);
    }
    await page.locator('.layer-switcher summary').click();
    await page.locator('[data-layer-toggle="places"]').uncheck();
    assert.equal(await page.locator('[data-layer="places"] [data-town]').count(), 0, 'no town shows');
    await page.locator('[data-layer-toggle="rivers"]').uncheck();
    assert.equal(await page.locator('[data-layer="rivers"]').getAttribute('display'), 'none');
    assert.equal(await page.locator('[data-layer="water-labels"] text').count(), 0, 'no river names');
    await page.locator('[data-layer-toggle="relief"]').uncheck();
    assert.equal(await page.locator('[data-layer="relief"] image').count(), 0, 'no relief');
    assert.ok((await scene(page)).places.length > 0);
    await page.locator('[data-layer-toggle="labels"]').uncheck();
    assert.equal((await scene(page)).places.length, 0, 'no place label shows');
    await page.locator('[data-layer-toggle="places"]').check();
    await townsShown(page);
  } finally {
    await app.context.close();
  }
});

test('an estimated site\'s circle is quiet, and stands out when its marker has focus', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const { page } = app;
    const circle = page.locator('[data-circle-for="new_site_ishkashim_wakhan"]');
    const look = () => circle.evaluate((e) => ({ active: e.classList.contains('active'), dash: getComputedStyle(e).strokeDasharray, width: getComputedStyle(e).strokeWidth }));
    const quiet = await look();
    assert.equal(quiet.active, false);
    assert.notEqual(quiet.dash, 'none', 'a dashed edge');
    await page.locator('.story-markers [data-feature-id="new_site_ishkashim_wakhan"]').focus();
    await page.waitForFunction(() => document.querySelector('[data-circle-for="new_site_ishkashim_wakhan"]').classList.contains('active'));
    assert.ok(parseFloat((await look()).width) > parseFloat(quiet.width), 'a stronger edge on focus');
    await page.locator('[data-map]').focus();
    await page.waitForFunction(() => !document.querySelector('[data-circle-for="new_site_ishkashim_wakhan"]').classList.contains('active'));
  } finally {
    await app.context.close();
  }
});
