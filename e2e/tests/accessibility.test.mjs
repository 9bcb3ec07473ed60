// Accessibility (issue 11): axe-core checks the page against WCAG 2.0, 2.1 and 2.2 A and AA and axe's own
// best practices, and must find nothing, in every mode and state a reader, a presenter, a student or a teacher
// sees: the reader's map, a story popup, the Layers panel, a draw tool with the keyboard crosshair, the embedded
// map, the presenter's tour step, the classroom tabs, a phone, and the dark colour scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setUpSuite } from '../lib/harness.mjs';

const suite = setUpSuite();
const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Opens the app as the harness's openApp does, with the context's options (viewport, colour scheme). The page's
 * Content-Security-Policy allows only the app's own scripts ('self'), so axe's source, added as an inline script
 * tag, would be refused: these contexts, and only these, set `bypassCSP`. The CSP itself is checked, with no
 * bypass, in embed.test.mjs.
 */
async function open({ width = 1280, height = 800, path = '', colorScheme = 'light' } = {}) {
  const context = await suite.browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(suite.server.url + path);
  await page.waitForFunction(() => performance.getEntriesByName('map-ready').length > 0, null, { timeout: 30_000 });
  return { page, context, errors };
}

/** One line per violation and per element it was found on: rule, impact, selector, a snippet of the HTML. */
function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) =>
    `    ${n.target.join(' ')}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}\n      ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 300) ?? ''}`).join('\n')}`).join('\n');
}

/**
 * What axe could not decide ("needs review", its `incomplete` list) is a failure too, but for these, each with
 * its reason:
 * - color-contrast on the map's labels (SVG <text> inside the aria-hidden map drawing). axe reports them as
 *   incomplete with "Element's background color could not be determined because it is overlapped by another
 *   element" (its `bgOverlap`): the marker and annotation layers are transparent SVGs over the labels, and axe
 *   counts any element above the text as hiding its background. A label's real background is its halo, a stroke
 *   painted under the glyphs (`paint-order: stroke`), which axe never treats as a background. So the test checks
 *   those labels itself: `assertLabelHalos` measures each label's fill against its halo.
 * - color-contrast on text over the map (the attribution, the keyboard hint), "could not be determined because it
 *   partially overlaps other elements" (`elmPartiallyObscuring`) or "is overlapped by another element"
 *   (`bgOverlap`): axe wants every line of a text to lie over the same elements, and over a map the lines of a
 *   text lie over different shapes, whatever the text's own background. `assertTextOverMap` decides those:
 *   the browser's hit test must find nothing above the text, and its colour is measured against its own
 *   backgrounds, what lies under a translucent one taken as black and as white, the worse counting.
 * - color-contrast with "Element content contains only non-text characters" (`nonBmp`): the icon glyphs
 *   (╱ ▱ −) of buttons named by aria-label; axe does not measure the contrast of symbols.
 * - color-contrast "Axe encountered an error" in a phone's popup: the popup is `position: fixed` inside the
 *   map's `overflow: hidden` shell, which axe's grid clips it by (a fixed box is not clipped so), and the rule
 *   throws "Element midpoint exceeds the grid bounds" (axe-core issue #4253) and skips the page. The popup's
 *   text is then measured by `assertTextOverMap`, each element with text of its own.
 * - label-content-name-mismatch "Unable to determine if the visible text is part of the accessible name": the
 *   same icon-only buttons (+ − ↶ ↷ •); axe only compares names with visible words.
 */
function undecided(incomplete) {
  return incomplete.map((r) => ({ ...r, nodes: r.nodes.filter((n) => !(
    (r.id === 'color-contrast' && n.messageKey === 'bgOverlap' && n.inMapLabels)
    || (r.id === 'color-contrast' && ['bgOverlap', 'elmPartiallyObscuring'].includes(n.messageKey) && n.overMap)
    || (r.id === 'color-contrast' && n.messageKey === 'nonBmp')
    || (r.id === 'color-contrast' && r.error?.startsWith('Element midpoint exceeds the grid bounds') && n.inPopup)
    || (r.id === 'label-content-name-mismatch' && n.iconOnly))) })).filter((r) => r.nodes.length > 0);
}

/** Runs axe on the whole page once nothing is moving; asserts it found no violation and left nothing undecided. */
async function assertNoViolations(page, what) {
  await page.waitForTimeout(400); // a flight or a popup's placement settles
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async (values) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values } });
    const node = (n) => {
      const el = document.querySelector(n.target[0]);
      return {
        target: n.target, html: n.html, failureSummary: n.failureSummary ?? n.any[0]?.message,
        messageKey: n.any[0]?.data?.messageKey,
        inMapLabels: Boolean(el?.closest('svg.labels') && el.closest('[aria-hidden="true"]')),
        overMap: Boolean(el?.closest('.map-area') && !el.closest('svg')),
        inPopup: Boolean(el?.closest('.popup')),
        iconOnly: Boolean(el?.hasAttribute('aria-label') && !/\p{L}/u.test(el.textContent)),
      };
    };
    const rules = (list) => list.map((v) => ({ id: v.id, impact: v.impact, help: v.help, error: v.error?.message, nodes: v.nodes.map(node) }));
    // Every element of the popup with text of its own, for when axe's contrast rule could not run (see undecided).
    const popupTexts = [...document.querySelectorAll('.popup *')]
      .filter((e) => [...e.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim()) && e.getClientRects().length > 0)
      .map((e, i) => { e.dataset.axeText = String(i); return `[data-axe-text="${i}"]`; });
    return { violations: rules(r.violations), incomplete: rules(r.incomplete), passes: r.passes.length, popupTexts };
  }, TAGS);
  assert.ok(result.passes > 10, `${what}: axe ran its rules (${result.passes} passed)`);
  assert.equal(result.violations.length, 0, `${what}: ${result.violations.length} axe violation(s):\n${describe(result.violations)}`);
  const open = undecided(result.incomplete);
  assert.equal(open.length, 0, `${what}: axe could not decide ${open.length} rule(s):\n${describe(open)}`);
  await assertLabelHalos(page, what);
  const overMap = result.incomplete.filter((r) => r.id === 'color-contrast')
    .flatMap((r) => r.nodes.filter((n) => ['bgOverlap', 'elmPartiallyObscuring'].includes(n.messageKey) && n.overMap))
    .map((n) => n.target[0]);
  const crashed = result.incomplete.some((r) => r.id === 'color-contrast' && r.error);
  await assertTextOverMap(page, what, crashed ? [...overMap, ...result.popupTexts] : overMap);
}

/** Contrast helpers, defined in the page (WCAG 2 relative luminance and contrast ratio). */
const CONTRAST = `
  window.__contrast = {
    rgba(css) {
      const m = css.match(/rgba?\\(([^)]+)\\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    },
    over(c, u) { return { r: c.r * c.a + u.r * (1 - c.a), g: c.g * c.a + u.g * (1 - c.a), b: c.b * c.a + u.b * (1 - c.a), a: 1 }; },
    ratio(a, b) {
      const ch = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
      const lum = (c) => 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    },
  };`;

/**
 * Text over the map that axe left undecided: nothing may lie above any of its lines (the browser's own hit
 * test), and its colour against its backgrounds (its own and its ancestors', up to the first opaque one; under
 * a translucent one, black and white, the worse counting) must reach 4.5:1, or 3:1 for large text.
 */
async function assertTextOverMap(page, what, selectors) {
  if (selectors.length === 0) return;
  await page.addScriptTag({ content: CONTRAST });
  const poor = await page.evaluate((selectors) => {
    const { rgba, over, ratio } = window.__contrast;
    const out = [];
    for (const selector of selectors) {
      const el = document.querySelector(selector);
      el.scrollIntoView({ block: 'nearest', behavior: 'instant' }); // a popup's lower lines are scrolled to
      const range = document.createRange();
      range.selectNodeContents(el);
      const events = el.style.pointerEvents;
      el.style.pointerEvents = 'auto'; // a hint that lets clicks through to the map is still hit-tested here
      // The lines in the viewport are hit-tested (a paragraph longer than a phone's popup never shows whole);
      // the colours are measured for every element.
      const lines = [...range.getClientRects()].filter((r) => r.top >= 0 && r.bottom <= innerHeight && r.width > 0);
      for (const r of lines) {
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!el.contains(top)) out.push(`${selector}: covered by ${top?.outerHTML.slice(0, 80)}`);
      }
      el.style.pointerEvents = events;
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg && bg.a > 0) layers.push(bg);
        if (bg?.a === 1 || Number(getComputedStyle(e).opacity) < 1) break;
      }
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const worst = Math.min(...[0, 255].map((v) => {
        const bg = layers.reduceRight((under, layer) => over(layer, under), { r: v, g: v, b: v, a: 1 });
        return ratio(over(rgba(style.color), bg), bg);
      }));
      if (worst < (large ? 3 : 4.5)) out.push(`${selector}: ${worst.toFixed(2)}:1 (${style.color} on ${JSON.stringify(layers)})`);
    }
    return out;
  }, selectors);
  assert.deepEqual(poor, [], `${what}: text over the map that axe left undecided and that fails the contrast check`);
}

/**
 * Each map label's text colour against its halo, as WCAG 1.4.3 asks of text (4.5:1): the halo is composited over
 * black and over white (whatever the map shows beneath it), and the worse of the two must pass.
 */
async function assertLabelHalos(page, what) {
  await page.addScriptTag({ content: CONTRAST });
  const poor = await page.evaluate(() => {
    const { rgba, over, ratio } = window.__contrast;
    const out = [];
    for (const text of document.querySelectorAll('svg.labels text')) {
      const s = getComputedStyle(text);
      const fill = rgba(s.fill);
      const halo = rgba(s.stroke);
      if (!fill || !halo || parseFloat(s.strokeWidth) < 2 || !s.paintOrder.startsWith('stroke')) {
        out.push(`${text.textContent}: no halo (stroke ${s.stroke}, ${s.strokeWidth}, paint-order ${s.paintOrder})`);
        continue;
      }
      const worst = Math.min(...[0, 255].map((v) => {
        const h = over(halo, { r: v, g: v, b: v });
        return ratio(over(fill, h), h);
      }));
      if (worst < 4.5) out.push(`${text.textContent} (${text.getAttribute('class')}): ${worst.toFixed(2)}:1, fill ${s.fill} on halo ${s.stroke}`);
    }
    return { count: document.querySelectorAll('svg.labels text').length, out };
  });
  assert.deepEqual(poor.out, [], `${what}: map labels whose text has less than 4.5:1 against its halo (of ${poor.count})`);
}

/** Opens a place's popup by clicking its marker on the map. */
async function clickMarker(page, id) {
  await page.locator(`[data-feature-id="${id}"]`).first().click();
  await page.locator(`[role="dialog"][data-popup-for="${id}"]`).waitFor();
}

for (const colorScheme of ['light', 'dark']) {
  test(`the reader's map, then a story popup (${colorScheme} scheme)`, async () => {
    const { page, context, errors } = await open({ colorScheme });
    try {
      await assertNoViolations(page, `reader, ${colorScheme}`);
      await clickMarker(page, 'new_site_ishkashim_wakhan');
      await assertNoViolations(page, `reader with a popup, ${colorScheme}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the Layers panel open', async () => {
  const { page, context } = await open();
  try {
    await page.locator('.layer-switcher summary').click();
    await page.locator('[data-layer-toggle]').first().waitFor();
    await assertNoViolations(page, 'Layers panel');
  } finally {
    await context.close();
  }
});

test('a draw tool on, with the keyboard crosshair and its hint', async () => {
  const { page, context } = await open();
  try {
    await page.getByRole('button', { name: 'Draw point' }).click();
    for (let i = 0; i < 160 && !(await page.evaluate(() => document.activeElement?.matches('[data-map]'))); i++) {
      await page.keyboard.press('Tab');
    }
    await page.locator('[data-keyboard-hint]').waitFor();
    await page.locator('[data-keyboard-crosshair]').waitFor({ state: 'attached' });
    await assertNoViolations(page, 'draw tool with the keyboard hint');
  } finally {
    await context.close();
  }
});

test('the embedded map', async () => {
  const { page, context } = await open({ width: 800, height: 560, path: '?embed=1' });
  try {
    await assertNoViolations(page, 'embed');
  } finally {
    await context.close();
  }
});

test('the presenter\'s tour step', async () => {
  const { page, context } = await open({ width: 1920, height: 1080, path: '?mode=present' });
  try {
    await page.locator('[data-tour-step="0"]').waitFor();
    await assertNoViolations(page, 'presenter, first step');
    await page.keyboard.press('ArrowRight');
    await page.locator('[data-tour-step="1"]').waitFor();
    await page.waitForTimeout(1500); // the flight to the step lands
    await assertNoViolations(page, 'presenter, second step');
  } finally {
    await context.close();
  }
});

test('the student\'s tasks and the teacher\'s hand-ins', async () => {
  const student = await open({ path: '?mode=student' });
  try {
    await assertNoViolations(student.page, 'student');
    await student.page.getByRole('tab', { name: 'Tasks' }).click();
    await assertNoViolations(student.page, 'student, Tasks tab');
  } finally {
    await student.context.close();
  }
  const teacher = await open({ path: '?mode=teacher' });
  try {
    const { page } = teacher;
    await assertNoViolations(page, 'teacher');
    await page.getByRole('tab', { name: 'Hand-ins' }).click();
    const handIn = (student, lon) => ({
      name: `${student}.geojson`, mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify({
        type: 'FeatureCollection',
        'article-map:hand-in': { student, task: 'mark-where-the-new-site-is-said-to-be' },
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [lon, 36.9] } }],
      })),
    });
    await page.locator('[data-hand-in-files]').setInputFiles([handIn('Zarina', 71.6), handIn('Farid', 72.1)]);
    await page.locator('[data-hand-in-row]').first().waitFor();
    await assertNoViolations(page, 'teacher, Hand-ins tab');
  } finally {
    await teacher.context.close();
  }
});

test('a phone, 390×844, with a popup', async () => {
  const { page, context } = await open({ width: 390, height: 844 });
  try {
    await assertNoViolations(page, 'phone');
    await clickMarker(page, 'new_site_ishkashim_wakhan');
    await assertNoViolations(page, 'phone with a popup');
  } finally {
    await context.close();
  }
});
