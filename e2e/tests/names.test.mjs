// Names in the region's own scripts, read back as a reader sees them: the "Label language" choice writes the
// story's place labels in Dari or Chinese (each with its lang and direction), still with no two labels
// overlapping and none covering a symbol; the popups list every local name in its language and direction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, openApp, pageAt, readView, setUpSuite, waitForViewChange } from '../lib/harness.mjs';

const suite = setUpSuite();
const here = fileURLToPath(new URL('.', import.meta.url));
const STORY = JSON.parse(readFileSync(resolve(here, '../../assets/story/umarov-tajikistan-2021.json'), 'utf8'));
const FEATURES = new Map(STORY.features.features.map((f) => [f.id, f.properties]));
const nameIn = (id, lang) => FEATURES.get(id).names?.find((n) => n.lang === lang)?.text;

/** Every visible label (with its text, lang and direction) and every story symbol, boxes in page px. */
async function labels(page) {
  return page.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { id: e.dataset.label || e.dataset.labelFor, l: r.left, t: r.top, r: r.right, b: r.bottom }; };
    const shown = (e) => e.getBoundingClientRect().width > 0 && getComputedStyle(e).display !== 'none';
    return {
      labels: [...document.querySelectorAll('[data-layer="labels"] text')].filter(shown).map(box),
      places: [...document.querySelectorAll('[data-label-for]')].filter(shown).map((e) => ({
        ...box(e), text: e.textContent, lang: e.getAttribute('lang'), direction: e.getAttribute('direction'),
        computed: getComputedStyle(e).direction,
      })),
      symbols: [...document.querySelectorAll('.story-markers [data-feature-id] .symbol')].map((e) => ({ ...box(e), id: e.closest('[data-feature-id]').dataset.featureId })),
    };
  });
}

const overlap = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

function assertClear({ labels: all, symbols }, where) {
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      assert.ok(!overlap(all[i], all[j]), `${where}: labels ${all[i].id} and ${all[j].id} overlap`);
    }
    for (const s of symbols) assert.ok(!overlap(all[i], s), `${where}: label ${all[i].id} covers the symbol of ${s.id}`);
  }
}

/** Every place label says the feature's first name in `lang` with its tag and direction, or its own label. */
function assertInLanguage(places, lang, dir, where) {
  let local = 0;
  for (const p of places) {
    const name = nameIn(p.id, lang);
    if (name) {
      local += 1;
      assert.equal(p.text, name, `${where}: ${p.id} is named in ${lang}`);
      assert.equal(p.lang, lang, `${where}: ${p.id} lang`);
      assert.equal(p.direction, dir, `${where}: ${p.id} direction`);
      assert.equal(p.computed, dir, `${where}: ${p.id} computed direction`);
    } else {
      assert.equal(p.text, FEATURES.get(p.id).label, `${where}: ${p.id} keeps its own label`);
      assert.equal(p.lang, null, `${where}: ${p.id} has no lang of its own`);
    }
  }
  return local;
}

async function chooseLanguage(page, lang) {
  const summary = page.locator('.layer-switcher summary');
  if (!(await page.locator('.layer-switcher').evaluate((d) => d.open))) await summary.click();
  await page.getByRole('combobox', { name: 'Label language' }).selectOption(lang);
  await page.waitForFunction((l) => document.querySelector(`[data-label-for][lang="${l}"]`), lang);
}

async function zoomOnIshkashim(page) {
  const view = await readView(page);
  const { x, y } = pageAt(view, { lon: 71.61, lat: 36.72 });
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -500);
  await waitForViewChange(page, view);
}

test('the label language control offers each language in its own name and lang', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const { page } = app;
    await page.locator('.layer-switcher summary').click();
    const select = page.getByRole('combobox', { name: 'Label language' });
    assert.equal(await select.inputValue(), 'en');
    const options = await select.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.lang, o.textContent, o.dir]));
    assert.deepEqual(options, [
      ['en', 'en', 'English', 'ltr'], ['tg', 'tg', 'Тоҷикӣ', 'ltr'], ['ru', 'ru', 'Русский', 'ltr'],
      ['fa-AF', 'fa-AF', 'دری', 'rtl'], ['zh-Hans', 'zh-Hans', '中文', 'ltr'], ['ug', 'ug', 'ئۇيغۇرچە', 'rtl'],
    ]);
    // English: the story's own labels, no lang of their own.
    assertInLanguage((await labels(page)).places, 'en', null, 'English');
  } finally {
    await app.context.close();
  }
});

for (const [lang, dir] of [['fa-AF', 'rtl'], ['zh-Hans', 'ltr']]) {
  test(`in ${lang}, the places are named in it, with lang and direction, and no label overlaps or covers a symbol`, async () => {
    const app = await openApp(suite.browser, suite.server.url, { width: 1280, height: 800 });
    try {
      const { page } = app;
      await chooseLanguage(page, lang);
      const home = await labels(page);
      assertClear(home, `${lang}, first view`);
      const local = assertInLanguage(home.places, lang, dir, `${lang}, first view`);
      assert.ok(local >= 4, `${local} places named in ${lang}: ${home.places.map((p) => p.text)}`);
      // A few by name, exactly as the story package gives them.
      const byId = new Map(home.places.map((p) => [p.id, p.text]));
      const expected = ['city_dushanbe', 'city_kabul', 'city_kashgar', 'town_ishkashim', 'region_gbao', 'city_khorog']
        .filter((id) => byId.has(id) && nameIn(id, lang));
      assert.ok(expected.length >= 2, `some well-known places are labelled: ${[...byId.keys()]}`);
      for (const id of expected) assert.equal(byId.get(id), nameIn(id, lang));
      await page.screenshot({ path: join(ARTIFACTS, `names-${lang}.png`) });

      await zoomOnIshkashim(page);
      await zoomOnIshkashim(page);
      const zoomed = await labels(page);
      assertClear(zoomed, `${lang}, zoomed on Ishkashim`);
      assertInLanguage(zoomed.places, lang, dir, `${lang}, zoomed`);
      await page.screenshot({ path: join(ARTIFACTS, `names-${lang}-ishkashim.png`) });

      // The choice is part of the link.
      await page.waitForFunction((l) => location.hash.includes(`l=${l}`), lang);
    } finally {
      await app.context.close();
    }
  });
}

test('a popup lists the local names, each with its lang and dir, the chosen language first', async () => {
  const app = await openApp(suite.browser, suite.server.url);
  try {
    const { page } = app;
    const open = async (id) => {
      await page.getByRole('tab', { name: 'Places' }).click();
      await page.locator(`[data-place-id="${id}"]`).click();
      const popup = page.locator(`[role="dialog"][data-popup-for="${id}"]`);
      await popup.waitFor();
      return popup;
    };
    const names = (popup) => popup.locator('.popup-names li').evaluateAll((lis) => lis.map((li) => {
      const bdi = li.querySelector('bdi');
      return { text: li.textContent, name: bdi.textContent, lang: bdi.lang, dir: bdi.dir };
    }));
    const dushanbe = await names(await open('city_dushanbe'));
    const expected = FEATURES.get('city_dushanbe').names;
    assert.equal(dushanbe.length, expected.length);
    const english = { tg: 'Tajik', ru: 'Russian', 'fa-AF': 'Dari', ps: 'Pashto', 'zh-Hans': 'Chinese', ug: 'Uyghur', ky: 'Kyrgyz' };
    for (const [i, n] of expected.entries()) {
      const rtl = ['fa-AF', 'ps', 'ug'].includes(n.lang);
      assert.deepEqual(dushanbe[i], { text: `${english[n.lang]}: ${n.text}`, name: n.text, lang: n.lang, dir: rtl ? 'rtl' : 'ltr' });
    }
    await page.screenshot({ path: join(ARTIFACTS, 'names-popup.png') });
    await page.keyboard.press('Escape');

    // A place without names has no list; with Chinese chosen, Chinese comes first.
    const noNames = [...FEATURES].find(([, p]) => !p.names)?.[0];
    if (noNames) assert.equal(await (await open(noNames)).locator('.popup-names').count(), 0);
    await page.keyboard.press('Escape');
    await chooseLanguage(page, 'zh-Hans');
    const first = (await names(await open('city_kashgar')))[0];
    assert.deepEqual(first, { text: `Chinese: ${nameIn('city_kashgar', 'zh-Hans')}`, name: '喀什', lang: 'zh-Hans', dir: 'ltr' });
  } finally {
    await app.context.close();
  }
});
