// The admin server's cost: project GETs per second through it and straight to the emulator (same
// concurrency, alternating rounds so that drift on a shared machine hits both), and the save round trip.
// Through the admin server the GETs carry a browser's Accept-Encoding (its answer is compressed), and once
// more without it, so that the cost of compressing shows.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed';
import type { SplitStack } from './bench-stack';
import { line, spread, summarize, verdict } from './bench-stats';

const CONCURRENCY = 10;
const ROUND_MS = 3000;
// Five rounds, figures as the median of the rounds: one round that a neighbour's burst (or a GC of the
// emulator's SQLite cache) distorts moves the median little. With three rounds the printed ratio moved
// by 0.2-0.5 between runs minutes apart.
const ROUNDS = 5;
/** Per kind of request before the rounds, not counted: JIT of the paths measured, pools, SQLite's cache. */
const WARM_UP_MS = 1500;
const SAVES = 20;
/** What Chromium sends. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

type Load = { rps: number; latencies: number[]; errors: number; cpu: Cpu };
/** CPU ms of the emulator, of the proxy in front of it (admin server or bare pipe) and of this load generator. */
type Cpu = { emulator: number; admin: number; client: number };

// CPU time of a process from /proc (Linux; clock ticks of 10 ms): what each request costs each process,
// which a busy shared machine distorts less than requests per second do.
const TICK_MS = 10;
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return Number.NaN;
  }
}

type Pids = { emulator: number; proxy: number };

function cpuMeter(pids: Pids): () => Cpu {
  const start = { emulator: processCpuMs(pids.emulator), admin: processCpuMs(pids.proxy), client: process.cpuUsage() };
  return () => {
    const client = process.cpuUsage(start.client);
    return {
      emulator: processCpuMs(pids.emulator) - start.emulator,
      admin: processCpuMs(pids.proxy) - start.admin,
      client: (client.user + client.system) / 1000,
    };
  };
}

// The load generator shares the two cores with the servers: plain keep-alive http.request costs it about
// half the CPU of fetch() per request, so more of the machine goes to what is measured.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** CONCURRENCY loops GETting `url` for `ms`; each response is read to the end. */
async function load(url: string, headers: Record<string, string>, ms: number, pids: Pids): Promise<Load> {
  const latencies: number[] = [];
  const cpu = cpuMeter(pids);
  let errors = 0;
  const end = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const status = await get(url, headers);
        if (status === 200) latencies.push(performance.now() - t0);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { rps: latencies.length / ((performance.now() - start) / 1000), latencies, errors, cpu: cpu() };
}

async function compareGets(stack: SplitStack, projectId: number, label: string): Promise<string[]> {
  const direct = {
    url: `${stack.emulatorURL}/user/v1/projects/${projectId}/`,
    headers: { 'X-CEKURA-API-KEY': stack.apiKey },
  };
  // As a browser asks (the admin server compresses the answer, compression.ts), and without Accept-Encoding.
  const viaAdmin = {
    url: `${stack.adminURL}/api/user/v1/projects/${projectId}/`,
    headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING },
  };
  const viaAdminPlain = { url: viaAdmin.url, headers: {} };
  const viaBare = { url: `${stack.bareURL}/api/user/v1/projects/${projectId}/`, headers: {} };
  const pids = {
    direct: { emulator: stack.pids.emulator, proxy: stack.pids.admin },
    admin: { emulator: stack.pids.emulator, proxy: stack.pids.admin },
    bare: { emulator: stack.pids.emulator, proxy: stack.pids.bare },
  };
  // Warm-up: JIT, connection pools, SQLite page cache.
  await load(direct.url, direct.headers, WARM_UP_MS, pids.direct);
  await load(viaAdmin.url, viaAdmin.headers, WARM_UP_MS, pids.admin);
  await load(viaAdminPlain.url, viaAdminPlain.headers, WARM_UP_MS, pids.admin);
  await load(viaBare.url, viaBare.headers, WARM_UP_MS, pids.bare);
  const rounds = { direct: [] as Load[], admin: [] as Load[], plain: [] as Load[], bare: [] as Load[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.direct.push(await load(direct.url, direct.headers, ROUND_MS, pids.direct));
    rounds.admin.push(await load(viaAdmin.url, viaAdmin.headers, ROUND_MS, pids.admin));
    rounds.plain.push(await load(viaAdminPlain.url, viaAdminPlain.headers, ROUND_MS, pids.admin));
    rounds.bare.push(await load(viaBare.url, viaBare.headers, ROUND_MS, pids.bare));
  }
  const rps = (list: Load[]) => summarize(list.map((l) => l.rps));
  const lat = (list: Load[]) => summarize(list.flatMap((l) => l.latencies));
  const errors = (list: Load[]) => list.reduce((n, l) => n + l.errors, 0);
  const ratios = summarize(rounds.admin.map((a, i) => a.rps / rounds.direct[i].rps));
  const d = rps(rounds.direct);
  const a = rps(rounds.admin);
  const perRequest = (list: Load[]) => {
    const count = list.reduce((n, l) => n + l.latencies.length, 0);
    const sum = (pick: (cpu: Cpu) => number) => list.reduce((total, l) => total + pick(l.cpu), 0) / count;
    return `emulator ${sum((c) => c.emulator).toFixed(2)}, admin server ${sum((c) => c.admin).toFixed(2)}, load generator ${sum((c) => c.client).toFixed(2)}`;
  };
  // The measure: what the admin server spends per proxied GET over what the emulator spends answering
  // the same GETs (both from /proc, same round), as the median over the rounds; the ratio of the rounds' sums
  // beside it.
  const cpuRatio = (list: Load[]) => {
    const total = (pick: (cpu: Cpu) => number) => list.reduce((sum, l) => sum + pick(l.cpu), 0);
    const perRound = summarize(list.map((l) => l.cpu.admin / l.cpu.emulator));
    return {
      median: perRound.median,
      text: `${spread(perRound, '', 2)}; all rounds together ${(total((c) => c.admin) / total((c) => c.emulator)).toFixed(2)}`,
    };
  };
  return [
    `  ${label} (concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s each)`,
    line(
      '  direct to the emulator',
      `${spread(d, 'req/s')}; latency p50 ${lat(rounds.direct).median.toFixed(1)} ms, p95 ${lat(rounds.direct).p95.toFixed(1)} ms; errors ${errors(rounds.direct)}`,
    ),
    line(
      '  through the admin server (br)',
      `${spread(a, 'req/s')}; latency p50 ${lat(rounds.admin).median.toFixed(1)} ms, p95 ${lat(rounds.admin).p95.toFixed(1)} ms; errors ${errors(rounds.admin)}`,
    ),
    line('  ratio admin / direct (per round)', spread(ratios, '', 2), '>= 0.6', verdict(ratios.median, 0.6, false)),
    line('  CPU ms per request, direct', perRequest(rounds.direct)),
    line('  CPU ms per request, through the admin (br)', perRequest(rounds.admin)),
    line('  same without Accept-Encoding (identity)', perRequest(rounds.plain)),
    line('  CPU ms per request, bare pipe proxy', perRequest(rounds.bare).replace('admin server', 'bare proxy')),
    line(
      '  CPU per GET, admin server / emulator (br)',
      cpuRatio(rounds.admin).text,
      '<= 0.7',
      verdict(cpuRatio(rounds.admin).median, 0.7),
    ),
    line('  same without Accept-Encoding (identity)', cpuRatio(rounds.plain).text),
    line('  same for the bare pipe proxy', cpuRatio(rounds.bare).text),
  ];
}

/** PATCHes of the project name, each with the ETag the previous answer gave. */
async function saveRoundTrips(stack: SplitStack): Promise<string[]> {
  const url = `${stack.adminURL}/api/user/v1/projects/${DEMO_PROJECT_ID}/`;
  const first = await fetch(url);
  await first.arrayBuffer();
  let etag = first.headers.get('etag') ?? '';
  const viaAdmin: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag, origin: stack.adminURL },
      body: JSON.stringify({ name: `Bench save ${i}` }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`Save through the admin server failed: ${res.status}`);
    viaAdmin.push(performance.now() - t0);
    etag = res.headers.get('etag') ?? '';
  }
  const direct: number[] = [];
  const directUrl = `${stack.emulatorURL}/user/v1/projects/${DEMO_PROJECT_ID}/`;
  for (let i = 0; i < SAVES; i++) {
    const t0 = performance.now();
    const res = await fetch(directUrl, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'X-CEKURA-API-KEY': stack.apiKey },
      body: JSON.stringify({ name: `Bench direct ${i}` }),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`Direct save failed: ${res.status}`);
    direct.push(performance.now() - t0);
  }
  return [
    line('save round trip through the admin server', spread(summarize(viaAdmin), 'ms', 1)),
    line('  (same PATCH straight to the emulator)', spread(summarize(direct), 'ms', 1)),
  ];
}

export async function benchServer(stack: SplitStack): Promise<string[]> {
  try {
    return await benchAll(stack);
  } finally {
    agent.destroy();
  }
}

async function benchAll(stack: SplitStack): Promise<string[]> {
  return [
    ...(await compareGets(stack, DEMO_PROJECT_ID, `GET demo project ${DEMO_PROJECT_ID}`)),
    ...(await compareGets(stack, SCALE_PROJECT_ID, `GET scale project ${SCALE_PROJECT_ID} (300-rule rubric)`)),
    ...(await saveRoundTrips(stack)),
  ];
}
