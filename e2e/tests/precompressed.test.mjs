// The release build's precompressed copies (scripts/precompress.mjs, run by the trunk hook after the start-up
// script is moved out of index.html): each .gz and .br file decompresses to exactly the file beside it, so a
// server that sends them sends the same page (an index.html copy made before that step would carry the
// inline script the Content-Security-Policy refuses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST } from '../lib/harness.mjs';

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

test('every .gz and .br copy is its file, compressed', async () => {
  const copies = [];
  for await (const path of files(DIST)) if (/\.(gz|br)$/.test(path)) copies.push(path);
  for (const wanted of ['index.html', 'l0.q.json', 'stories/umarov-tajikistan-2021.json']) {
    assert.ok(copies.includes(join(DIST, `${wanted}.br`)) && copies.includes(join(DIST, `${wanted}.gz`)), wanted);
  }
  assert.ok(copies.some((p) => p.endsWith('.wasm.br')), 'the wasm has a brotli copy');
  for (const copy of copies) {
    const original = await readFile(copy.replace(/\.(gz|br)$/, ''));
    const packed = await readFile(copy);
    const unpacked = copy.endsWith('.gz') ? gunzipSync(packed) : brotliDecompressSync(packed);
    assert.ok(unpacked.equals(original), `${copy} is not its file`);
  }
  const page = gunzipSync(await readFile(join(DIST, 'index.html.gz'))).toString();
  assert.doesNotMatch(page, /<script type="module">/, 'no inline script in the precompressed page');
});
