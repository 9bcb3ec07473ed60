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
