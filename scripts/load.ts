// `npm run load [-- --clients 50 --seconds 20]`: starts its own emulator and admin server (separate processes,
// free ports, temporary DATA_DIR), drives the admin server with concurrent clients doing mixed GETs and
// If-Match PATCHes over two projects, and prints throughput, latency, errors, 412s and the server's memory.
// Then checks that nothing was lost (see verifyLoad). Figures, never assertions: the exit code says only
// whether the run was consistent.
import { parseArgs } from 'node:util';
import {
  LOAD_PROJECTS,
  percentile,
  rssOf,
  runLoad,
  snapshot,
  startStack,
  verifyLoad,
  type ProjectSnapshot,
} from './load-driver';
import { runLoginFlood } from './load-login';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    logins: { type: 'string' },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
if (!Number.isInteger(clients) || clients < 1 || !(seconds > 0)) {
  console.error('Usage: npm run load -- [--clients N] [--seconds S] [--logins N]');
  process.exit(2);
}

if (values.logins !== undefined) {
  const logins = Number(values.logins);
  if (!Number.isInteger(logins) || logins < 1) {
    console.error('Usage: npm run load -- --logins N [--seconds S]');
    process.exit(2);
  }
  await runLoginFlood(logins, seconds);
  process.exit(0);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const stack = await startStack();
try {
  const before = new Map<number, ProjectSnapshot>();
  for (const id of LOAD_PROJECTS) before.set(id, await snapshot(stack.baseURL, id));
  const rssBefore = rssOf(stack.adminPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(stack.adminPid))), 250);

  console.log(
    `Load: ${clients} clients for ${seconds} s against ${stack.baseURL} (projects ${LOAD_PROJECTS.join(', ')}) ...`,
  );
  const started = performance.now();
  const result = await runLoad(stack.baseURL, { clients, seconds });
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const rssAfter = rssOf(stack.adminPid);

  const saves = result.accepted.length + result.conflicts;
  const other = result.errors.length;
  console.log(
    `requests       ${result.requests} in ${elapsed.toFixed(1)} s = ${(result.requests / elapsed).toFixed(0)} requests/s`,
  );
  console.log(
    `latency        p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms, p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms, max ${Math.max(...result.latenciesMs).toFixed(0)} ms`,
  );
  console.log(
    `saves          ${saves} PATCHes: ${result.accepted.length} accepted, ${result.conflicts} refused with 412 (stale ETag)`,
  );
  console.log(`errors         ${other}${other ? ` (first: ${result.errors[0]})` : ''}`);
  console.log(
    `statuses       ${Object.entries(result.statuses)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}`,
  );
  console.log(
    `server RSS     before ${mb(rssBefore)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)} (growth ${mb(rssAfter - rssBefore)})`,
  );

  const problems = await verifyLoad(stack.baseURL, result, before);
  console.log(
    problems.length
      ? `consistency    FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`
      : 'consistency    ok: accepted saves form one ETag chain per project, all in the history, last writes stored',
  );
  process.exitCode = problems.length || other ? 1 : 0;
} finally {
  await stack.close();
}
