// Prints the size of what the first page load downloads (the entry script and its modulepreloads, as
// listed in dist/index.html), the total JS, and the largest chunk loaded on demand. Run after `vite build`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = path.resolve(process.argv[2] ?? 'dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const firstLoad = new Set(
  [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1].replace(/^\//, '')),
);

const gz = (file) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const files = [];
(function walk(dir) {
  for (const name of readdirSync(path.join(dist, dir))) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(path.join(dist, rel)).isDirectory()) walk(rel);
    else if (rel.endsWith('.js')) files.push(rel);
  }
})('');

const sizes = files.map((file) => ({ file, gzip: gz(file), first: firstLoad.has(file) }));
const sum = (list) => list.reduce((total, item) => total + item.gzip, 0);
const first = sizes.filter((item) => item.first);
const lazy = sizes.filter((item) => !item.first).sort((a, b) => b.gzip - a.gzip);
const budget = 200 * 1024;

console.log(`first-load JS (gzip): ${kb(sum(first))} of ${kb(budget)} budget (${first.map((i) => i.file).join(', ')})`);
console.log(`total JS (gzip):      ${kb(sum(sizes))} in ${sizes.length} files`);
console.log(`largest lazy chunk:   ${lazy[0] ? `${kb(lazy[0].gzip)} (${lazy[0].file})` : 'none'}`);
if (process.argv.includes('--check') && sum(first) > budget) {
  console.error('First-load JS is over the 200 KB gzip budget.');
  process.exit(1);
}
