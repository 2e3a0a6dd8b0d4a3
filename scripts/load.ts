// `npm run load [-- --clients 50 --seconds 20]`: starts its own emulator and admin server (separate processes,
// free ports, temporary DATA_DIR), drives the admin server with concurrent clients doing mixed GETs and
// If-Match PATCHes over two projects, and prints throughput, latency, errors, 412s and the server's memory.
// Then checks that nothing was lost (see verifyLoad). Figures, never assertions: the exit code says only
// whether the run was consistent.
// `--replicas N`: a temporary PostgreSQL and N admin servers on it (DATABASE_URL), clients spread over them, all
// with one session made on the first replica (checked on the others); the last replica is killed (SIGKILL)
// and restarted during the run, unless `--no-kill`.
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
    replicas: { type: 'string' },
    'no-kill': { type: 'boolean', default: false },
  },
});
const replicas = values.replicas === undefined ? 0 : Number(values.replicas);
if (!Number.isInteger(replicas) || replicas < 0 || replicas > 8) {
  console.error('Usage: npm run load -- --replicas N (1-8) [--clients N] [--seconds S] [--no-kill]');
  process.exit(2);
}
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

const USER = { name: 'load-admin', password: 'load password 0123456789' };

/** Logs in on one replica; the session cookie. */
async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/app-api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(USER),
  });
  if (res.status !== 200) throw new Error(`login on ${base} -> ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** Problems with the session on every replica (empty: each one knows the user). */
async function checkSession(urls: string[], cookie: string): Promise<string[]> {
  const problems: string[] = [];
  for (const base of urls) {
    const res = await fetch(`${base}/app-api/session`, { headers: { cookie } });
    const user = res.ok ? ((await res.json()) as { user: string | null }).user : null;
    if (user !== USER.name) problems.push(`session made on the first replica: ${base} answers user ${user}`);
  }
  return problems;
}

const stack = await startStack(replicas ? { replicas, user: USER } : {});
try {
  const cookie = replicas ? await logIn(stack.baseURLs[0]) : undefined;
  const sessionProblems = cookie ? await checkSession(stack.baseURLs, cookie) : [];
  const before = new Map<number, ProjectSnapshot>();
  for (const id of LOAD_PROJECTS) before.set(id, await snapshot(stack.baseURL, id, cookie));
  const rssBefore = rssOf(stack.adminPid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(stack.adminPid))), 250);

  if (replicas)
    console.log(
      `Load: ${clients} clients for ${seconds} s spread over ${replicas} replica${replicas === 1 ? '' : 's'} on one temporary PostgreSQL (${stack.baseURLs.join(', ')}), one session made on the first (projects ${LOAD_PROJECTS.join(', ')}) ...`,
    );
  else
    console.log(
      `Load: ${clients} clients for ${seconds} s against ${stack.baseURL} (projects ${LOAD_PROJECTS.join(', ')}) ...`,
    );
  const started = performance.now();
  const since = () => ((performance.now() - started) / 1000).toFixed(1);
  // One replica dies (SIGKILL) and comes back while the clients run.
  const victim = replicas - 1;
  const chaos =
    replicas > 1 && !values['no-kill']
      ? (async () => {
          await new Promise((resolve) => setTimeout(resolve, seconds * 250));
          await stack.kill(victim);
          console.log(`replica ${victim + 1} killed (SIGKILL) at ${since()} s`);
          await stack.restart(victim);
          console.log(`replica ${victim + 1} restarted, accepting again at ${since()} s`);
        })()
      : Promise.resolve();
  const result = await runLoad(replicas ? stack.baseURLs : stack.baseURL, { clients, seconds, cookie });
  const elapsed = (performance.now() - started) / 1000;
  await chaos;
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
  if (replicas > 1) {
    console.log(`per replica    ${result.perReplica.map((n, i) => `${i + 1}: ${n}`).join(', ')} requests`);
    console.log(
      `replica death  ${result.failedOver} requests refused by the dead replica and sent to another; ${result.unknown.length} saves in flight on it (outcome unknown)`,
    );
  }
  console.log(
    `statuses       ${Object.entries(result.statuses)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ')}`,
  );
  console.log(
    `server RSS     before ${mb(rssBefore)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)} (growth ${mb(rssAfter - rssBefore)})`,
  );

  if (cookie) sessionProblems.push(...(await checkSession(stack.baseURLs, cookie)));
  if (cookie)
    console.log(
      sessionProblems.length
        ? `session        FAILED: ${sessionProblems.join('; ')}`
        : `session        ok: made on replica 1, accepted by every replica before and after the restart`,
    );
  const problems = [...sessionProblems, ...(await verifyLoad(stack.baseURL, result, before, cookie))];
  console.log(
    problems.length
      ? `consistency    FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`
      : 'consistency    ok: accepted saves form one ETag chain per project, all in the history, last writes stored',
  );
  if (replicas) {
    let outside = 0;
    for (const id of LOAD_PROJECTS) {
      const res = await fetch(`${stack.baseURL}/app-api/projects/${id}/history?page_size=100`, {
        headers: { cookie: cookie as string },
      });
      const page = (await res.json()) as { results: { kind: string }[] };
      outside += page.results.filter((row) => row.kind === 'outside').length;
    }
    console.log(
      `history        ${outside} "changed outside the console" rows (saves of the killed replica that landed unrecorded)`,
    );
  }
  process.exitCode = problems.length || other ? 1 : 0;
} finally {
  await stack.close();
}
