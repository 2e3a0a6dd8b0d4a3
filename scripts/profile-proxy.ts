// Where the admin server's CPU goes per proxied GET: a V8 CPU profile of the admin server (live mode, in front
// of a stand-alone emulator, as `npm run bench -- --only server` runs it) under the bench's load, summarised as
// self time per function and per file, in microseconds per GET.
//   node --import tsx scripts/profile-proxy.ts [--demo] [--identity] [--seconds 10]
// Wrap it in `flock /tmp/bench.lock` like the bench. Read the shares: the profiler itself adds some cost.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed';

const argv = process.argv.slice(2);
const seconds = argv.includes('--seconds') ? Number(argv[argv.indexOf('--seconds') + 1]) : 10;
const projectId = argv.includes('--demo') ? DEMO_PROJECT_ID : SCALE_PROJECT_ID;
const headers: Record<string, string> = argv.includes('--identity')
  ? {}
  : { 'accept-encoding': 'gzip, deflate, br, zstd' };

const profileDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-proxy-prof-'));
process.env.BENCH_CPU_PROF = profileDir;
const { startSplitStack } = await import('./bench-stack');
const stack = await startSplitStack();
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
const url = `${stack.adminURL}/api/user/v1/projects/${projectId}/`;
const get = () =>
  new Promise<void>((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('error', reject);
      })
      .on('error', reject);
  });
let count = 0;
// The load's window on the monotonic clock V8's profile timestamps use (µs): start-up is left out.
const windowStart = Number(process.hrtime.bigint() / 1000n);
const end = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (performance.now() < end) {
      await get();
      count++;
    }
  }),
);
const windowEnd = Number(process.hrtime.bigint() / 1000n);
agent.destroy();
await stack.close();

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('No profile written');
const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as Profile;
rmSync(profileDir, { recursive: true, force: true });

// Self time per node from the samples inside the load's window and their time deltas (µs).
const self = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  const next = profile.timeDeltas[i + 1] ?? 0;
  if (at >= windowStart && at <= windowEnd) self.set(id, (self.get(id) ?? 0) + next);
});
const parent = new Map<number, Node>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
const nameOf = (node: Node) => {
  const where =
    node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/') || '(native)';
  return `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
};
// Who calls the costliest native functions: self time by the chain of (up to 4) callers.
const callers = new Map<string, number>();
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const us = self.get(node.id) ?? 0;
  if (node.callFrame.functionName === '(idle)') continue;
  total += us;
  const where =
    node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/') || '(native)';
  const name = nameOf(node);
  if (us > 0 && !node.callFrame.url) {
    const chain: string[] = [];
    for (let up = parent.get(node.id); up && chain.length < 4; up = parent.get(up.id)) chain.push(nameOf(up));
    const key = `${name} <- ${chain.join(' <- ')}`;
    callers.set(key, (callers.get(key) ?? 0) + us);
  }
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  const fileKey = where.replace(/^(node:[a-z_/]+|[^/]+(\/[^/]+)?)\/?.*$/, '$1');
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}
const perGet = (us: number) => `${(us / count).toFixed(1).padStart(6)} µs`;
console.log(
  `${count} GETs of project ${projectId} (${headers['accept-encoding'] ? 'br' : 'identity'}) in ${seconds} s`,
);
console.log(`admin server busy (not idle) ${perGet(total)} per GET, as sampled`);
console.log('\nSelf time per GET, by package or file:');
for (const [name, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${perGet(us)}  ${name}`);
console.log('\nSelf time per GET, top functions:');
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`  ${perGet(us)}  ${name}`);
console.log('\nNative self time per GET by caller chain:');
for (const [name, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${perGet(us)}  ${name}`);
