// Other tools' files, opened as a reader would: through the Import picker, dropped on the page, pasted. One
// file of each format (written by ogr2ogr, LibreOffice, geo2topo, gpxpy, simplekml; tests/fixtures/interchange)
// adds its features; a bad one of each is refused with where it is wrong and nothing changes; each export
// (KML, GPX, CSV) read back gives the same document. The converters run in a worker loaded only for these
// formats: the first load does not fetch it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, setUpSuite } from '../lib/harness.mjs';

const suite = setUpSuite();
const FIXTURES = new URL('../../tests/fixtures/interchange/', import.meta.url);
const fixture = (path) => readFile(new URL(path, FIXTURES));

const ids = (page) => page.locator('[data-annotation-item]').evaluateAll((els) => els.map((e) => e.dataset.annotationItem));
const titles = (page) => page.locator('[data-annotation-item]').allTextContents();

const FILES = [
  { file: 'kml/google-earth-style.kml', count: 6, title: 'Хорог', pasted: true },
  { file: 'kml/simplekml-doc.kmz', count: 4, title: 'Tashkurgan', pasted: false },
  { file: 'gpx/phone-app-1.1.gpx', count: 3, title: 'اشکاشم', pasted: true },
  { file: 'csv/semicolon-decimal-comma.csv', count: 6, title: 'Murghab', pasted: true },
  { file: 'topojson/geo2topo-quantized.topojson', count: 6, title: 'Karakoram Highway', pasted: true },
  { file: 'geojson/ogr-gc-from-wkt.geojson', count: 3, title: 'Kulma Pass crossing', pasted: true },
];

const BAD = [
  { file: 'kml/invalid/latitude-out-of-range.kml', says: /line 13, column \d+.*latitude 98\.0833/ },
  { file: 'kml/invalid/no-kml-inside.kmz', says: /holds no \.kml file/ },
  { file: 'gpx/invalid/lat-abc.gpx', says: /line 6, column \d+, <wpt>: lat="abc" is not a number/ },
  { file: 'csv/invalid/latitude-abc.csv', says: /row \d+ \(line 4\), column "latitude": "abc" is not a number/ },
  { file: 'topojson/invalid/arcs-index-out-of-range.topojson', says: /objects\.places\.geometries\[0\]\.arcs\[0\]\[1\]: names arc 7.*\(line 1, column \d+\)/ },
  { file: 'geojson/invalid/bbox-south-greater-than-north.geojson', says: /bbox: its south edge .* \(line 3, column \d+\)/ },
];

/** Waits for the import's notice and for the list to hold `count` annotations. */
async function added(page, count) {
  await page.locator('[role="status"]').filter({ hasText: `${count} annotation(s) added` }).last().waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-annotation-item]').length === n, count);
}

async function pick(page, name, bytes) {
  await page.locator('[data-import-file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

async function drop(page, name, bytes) {
  await page.evaluate(({ name, data }) => {
    const file = new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name);
    const transfer = new DataTransfer();
    transfer.items.add(file);
    const target = document.querySelector('.app');
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { name, data: bytes.toString('base64') });
}

async function paste(page, text) {
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

async function undoAll(page) {
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-annotation-item]').length === 0);
  assert.deepEqual(await ids(page), [], 'one undo removes the whole import');
}

describe('opening other tools\' files', () => {
  let app;
  before(async () => { app = await openApp(suite.browser, suite.server.url); });
  after(async () => { await app.context.close(); });

  test('the first load does not fetch the converter', async () => {
    assert.equal(app.requests.filter((r) => r.includes('article-map-converter')).length, 0, app.requests.join('\n'));
  });

  for (const { file, count, title, pasted } of FILES) {
    test(`${file}: picked, dropped${pasted ? ' and pasted' : ''}, it adds ${count} features`, async () => {
      const { page } = app;
      const bytes = await fixture(file);
      const name = file.split('/').pop();
      await pick(page, name, bytes);
      await added(page, count);
      assert.equal((await ids(page)).length, count);
      assert.ok((await titles(page)).some((t) => t.includes(title)), `${title} in ${await titles(page)}`);
      await undoAll(page);
      await drop(page, name, bytes);
      await added(page, count);
      assert.equal((await ids(page)).length, count, 'dropped');
      await undoAll(page);
      if (pasted) {
        await paste(page, bytes.toString('utf8'));
        await added(page, count);
        assert.equal((await ids(page)).length, count, 'pasted');
        await undoAll(page);
      }
      assert.deepEqual(app.errors, []);
    });
  }

  test('the converter was loaded for them, as a worker of its own', async () => {
    assert.ok(app.requests.some((r) => r.includes('article-map-converter_bg.wasm')), app.requests.join('\n'));
  });
});

describe('refusing bad files', () => {
  test('a bad file of each format is refused with where it is wrong, and nothing changes', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      await page.getByRole('button', { name: 'Draw point' }).click();
      const box = await page.locator('.map-area').boundingBox();
      await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
      await page.getByRole('button', { name: 'Draw point' }).click();
      for (const { file, says } of BAD) {
        const name = file.split('/').pop();
        await pick(page, name, await fixture(file));
        const alert = page.locator('.alert-error').filter({ hasText: name });
        await alert.waitFor();
        const text = await alert.textContent();
        assert.match(text, says, `${file}: ${text}`);
        assert.match(text, /your annotations are unchanged/);
        assert.deepEqual(await ids(page), ['a1'], file);
        await alert.getByRole('button', { name: /Dismiss|Close/ }).click().catch(() => {});
      }
    } finally {
      await app.context.close();
    }
  });
});

async function exported(page, label) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

describe('exporting to other tools', () => {
  for (const { label, file } of [
    { label: 'Export KML', file: 'kml/google-earth-style.kml' },
    { label: 'Export GPX', file: 'gpx/phone-app-1.1.gpx' },
    { label: 'Export CSV', file: 'csv/ogr-as-wkt.csv' },
  ]) {
    test(`${label}: what it writes reads back as the same document`, async () => {
      const app = await openApp(suite.browser, suite.server.url);
      const { page } = app;
      try {
        const bytes = await fixture(file);
        await pick(page, file.split('/').pop(), bytes);
        const count = (await page.locator('[role="status"]').filter({ hasText: 'annotation(s) added' }).last().textContent().then((t) => Number(/(\d+) annotation/.exec(t)[1])));
        const before = await exported(page, 'Export GeoJSON');
        const out = await exported(page, label);
        assert.match(out.name, /^annotations\.(kml|gpx|csv)$/);
        await undoAll(page);
        await pick(page, out.name, out.bytes);
        await added(page, count);
        const again = await exported(page, 'Export GeoJSON');
        assert.equal(again.bytes.toString('utf8'), before.bytes.toString('utf8'), `${label} read back equal`);
        assert.deepEqual(app.errors, []);
      } finally {
        await app.context.close();
      }
    });
  }
});

describe('a CSV whose columns do not say where', () => {
  test('the reader chooses the latitude and longitude columns, or cancels and nothing changes', async () => {
    const app = await openApp(suite.browser, suite.server.url);
    const { page } = app;
    try {
      const bytes = await fixture('csv/invalid/no-lat-lon-columns.csv');
      await pick(page, 'places.csv', bytes);
      const chooser = page.getByRole('dialog', { name: /Which columns of places\.csv hold the positions/ });
      await chooser.waitFor();
      await chooser.getByRole('button', { name: 'Cancel' }).click();
      await chooser.waitFor({ state: 'detached' });
      assert.deepEqual(await ids(page), []);
      await pick(page, 'places.csv', bytes);
      await chooser.waitFor();
      await chooser.getByLabel('Latitude').selectOption({ label: 'coord_a' });
      await chooser.getByLabel('Longitude').selectOption({ label: 'coord_b' });
      await chooser.getByRole('button', { name: 'Import' }).click();
      await added(page, 2);
      const doc = JSON.parse((await exported(page, 'Export GeoJSON')).bytes.toString('utf8'));
      assert.deepEqual(doc.features.map((f) => [f.properties.place, f.geometry.coordinates]),
        [['Dushanbe', [68.7738, 38.5598]], ['Khorog', [71.5533, 37.4897]]]);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.context.close();
    }
  });
});
