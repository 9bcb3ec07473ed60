// Trunk post-build hook: moves trunk's inline start-up <script type="module"> out of index.html into a file
// of its own, so that the page runs under a Content-Security-Policy with no 'unsafe-inline' for scripts
// (only 'self' and 'wasm-unsafe-eval'). Runs on trunk's staging directory (TRUNK_STAGING_DIR).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize-start-script: TRUNK_STAGING_DIR is not set (run me as a trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('externalize-start-script: no inline module script found in index.html');
  process.exit(1);
}
const code = match[1].trim() + '\n';
const name = `start-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
writeFileSync(file, html.replace(inline, `<script type="module" src="./${name}"></script>`));
