// Trunk post-build hook (release builds only): writes a gzip (-9) and a brotli (quality 11) copy beside
// every text or wasm file of the build, so that a news site's server can send them as they are
// (nginx `gzip_static on;` / `brotli_static on;`, Caddy `file_server { precompressed br gzip }`, Apache
// MultiViews or rewrite rules) instead of compressing on each request, and send brotli, which is about a
// fifth smaller than gzip here. Deterministic: the same build writes the same bytes (gzip without a time).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: TRUNK_STAGING_DIR is not set (run me as a trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.json', '.geojson', '.svg', '.txt', '.md']);
const MIN_BYTES = 1024;

function* files(folder) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(name)) && statSync(path).size >= MIN_BYTES) yield path;
  }
}

let raw = 0, gz = 0, br = 0;
for (const path of files(dir)) {
  const body = readFileSync(path);
  const gzip = gzipSync(body, { level: 9 });
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(`${path}.gz`, gzip);
  writeFileSync(`${path}.br`, brotli);
  raw += body.length; gz += gzip.length; br += brotli.length;
}
console.log(`precompress: ${raw} B → ${gz} B gzip, ${br} B brotli (.gz and .br beside each file)`);
