// The import rules of docs/architecture.md, checked on every relative import (static and dynamic) in src/:
// web and server never import each other; shared imports neither; production code never imports
// src/test-support (tests may reach across, e.g. a web test against the real server); web components import no section; a section imports no other section; no run-time import cycles.
// Plain Node (no dependency): `node scripts/check-imports.mjs`, run by `npm run lint`.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

const rel = (file) => path.relative(SRC, file).split(path.sep).join('/');
const isTest = (file) => /(\.test\.tsx?|\/test-support\.ts)$/.test(file) || rel(file).startsWith('test-support/');
const area = (file) => rel(file).split('/')[0]; // web, server, shared, test-support
const sectionOf = (file) => /^web\/sections\/([^/]+)\//.exec(rel(file))?.[1];

const files = sourceFiles(SRC);
const graph = new Map();
const problems = [];
// Group 1: `type` for a type-only import (erased at build time: it cannot form a run-time cycle).
const IMPORT =
  /(?:^|[^.\w])(?:import|export)\s+(type\s)?[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const targets = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[2] ?? match[3];
    const target = resolve(file, specifier);
    if (!target) {
      problems.push(`${rel(file)}: cannot resolve ${specifier}`);
      continue;
    }
    if (!target.startsWith(SRC + path.sep)) continue;
    if (!match[1]) targets.push(target);
    const [a, b] = [area(file), area(target)];
    const say = (rule) => problems.push(`${rel(file)} imports ${rel(target)}: ${rule}`);
    if (a === 'shared' && b !== 'shared') say('src/shared imports neither web nor server');
    if (!isTest(file) && ((a === 'web' && b === 'server') || (a === 'server' && b === 'web')))
      say('web and server never import each other');
    if (b === 'test-support' && !isTest(file)) say('only tests import src/test-support');
    if (rel(file).startsWith('web/components/') && sectionOf(target)) say('a shared component imports no section');
    if (sectionOf(file) && sectionOf(target) && sectionOf(file) !== sectionOf(target))
      say('a section imports no other section');
  }
  graph.set(file, targets);
}

// Cycles: depth-first search, each cycle reported once by its members.
const state = new Map();
const seen = new Set();
function visit(file, stack) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') {
      const cycle = stack.slice(stack.indexOf(next)).map(rel);
      const key = [...cycle].sort().join(' ');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, rel(next)].join(' -> ')}`);
      }
    } else if (!state.has(next)) visit(next, stack);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file, []);

if (problems.length) {
  console.error(`Import rules (docs/architecture.md): ${problems.length} problem(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`Import rules hold for ${files.length} files.`);
