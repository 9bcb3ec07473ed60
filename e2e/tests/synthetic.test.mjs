// The benchmark's synthetic workload: ?synthetic=N draws N points and a polyline on a canvas layer between
// the basemap and the story markers; bad values are ignored, never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {openApp, setUpSuite} from '../lib/harness.mjs';

const suite = setUpSuite();

const paintedPixels = (page) => page.$eval('[data-layer="synthetic"]', (canvas) => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
  return painted;
});

test('?synthetic=N draws the workload on a canvas under the story markers', async () => {
  const small = await openApp(suite.browser, suite.server.url, { path: '?synthetic=1000&seed=1' });
  const big = await openApp(suite.browser, suite.server.url, { path: '?synthetic=20000&seed=1' });
  try {
    const a = await paintedPixels(small.page);
    const b = await paintedPixels(big.page);
    assert.ok(a > 1000, `1k points paint pixels (${a})`);
    assert.ok(b > a * 2, `20k points paint more (${b} vs ${a})`);
    const order = await small.page.evaluate(() => {
      const map = document.querySelector('[data-map]');
      const kids = [...map.children];
      return { canvas: kids.findIndex((e) => e.dataset.layer === 'synthetic'), markers: kids.findIndex((e) => e.dataset.layer === 'story'), drawing: kids.findIndex((e) => e.classList.contains('drawing')) };
    });
    assert.ok(order.drawing < order.canvas && order.canvas < order.markers, JSON.stringify(order));
    assert.deepEqual(small.errors, []);
  } finally {
    await small.context.close();
    await big.context.close();
  }
});

test('fitted to the whole synthetic extent, the layer draws every point and says how many it drew', async () => {
  // Asked for zoom 3, the camera stops where the workload's extent (44–100°E × 23–56°N) just fits the map:
  // with ?synthetic= the camera may go over all of it, not only over the data's extent.
  const whole = await openApp(suite.browser, suite.server.url, { path: '?synthetic=20000&seed=1#v1;c=72.0000,40.5000;z=3.00' });
  const home = await openApp(suite.browser, suite.server.url, { path: '?synthetic=20000&seed=1' });
  try {
    const drawn = (app) => app.page.$eval('[data-layer="synthetic"]', (c) => Number(c.dataset.drawnPoints));
    await whole.page.waitForFunction(() => Number(document.querySelector('[data-layer="synthetic"]')?.dataset.drawnPoints) === 20000);
    const atHome = await drawn(home);
    assert.ok(atHome > 0 && atHome < 20000, `the home view shows part of the extent (${atHome} of 20000)`);
    assert.ok(await paintedPixels(whole.page) > 20000, 'the points are painted');
    assert.deepEqual([...whole.errors, ...home.errors], []);
  } finally {
    await whole.context.close();
    await home.context.close();
  }
});

test('no parameter or a bad one draws no workload', async () => {
  for (const path of ['', '?synthetic=abc', '?synthetic=-5']) {
    const app = await openApp(suite.browser, suite.server.url, { path });
    try {
      assert.equal(await app.page.locator('[data-layer="synthetic"]').count(), 0, path);
      assert.deepEqual(app.errors, []);
    } finally {
      await app.context.close();
    }
  }
});
