// What compressing a JSON answer costs at the levels the admin server could use (compression.ts): CPU ms per
// answer (main thread and zlib's thread pool together: process CPU time) and the size it gives, for the
// 300-rule project (~40 KB) and the 500-project list (~440 KB) of the scale seed, read from the emulator.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../src/server/emulator/seed';
import { compress } from '../src/server/proxy/compression';
import { line } from './bench-stats';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type Candidate = { label: string; run: (body: Buffer) => Promise<Buffer> };

const brotliAt = (quality: number): Candidate => ({
  label: `brotli ${quality}`,
  run: (body) =>
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
});
const gzipAt = (level: number): Candidate => ({ label: `gzip ${level}`, run: (body) => gzip(body, { level }) });

const CANDIDATES: Candidate[] = [
  gzipAt(1),
  gzipAt(6),
  brotliAt(1),
  brotliAt(2),
  brotliAt(3),
  brotliAt(4),
  brotliAt(5),
  brotliAt(11),
  // What the admin server runs (compression.ts), to see that it is one of the above.
  { label: 'admin server (br)', run: (body) => compress(body, 'br') },
  { label: 'admin server (gzip)', run: (body) => compress(body, 'gzip') },
];

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** CPU ms per compression (median of 5 batches, each at least ~150 ms of work) and the compressed size. */
async function measure(candidate: Candidate, body: Buffer): Promise<{ ms: number; bytes: number }> {
  const out = await candidate.run(body); // warm-up, and the size
  const once = cpuMs();
  await candidate.run(body);
  const perRun = Math.max(cpuMs() - once, 0.05);
  const runs = Math.min(200, Math.max(3, Math.ceil(150 / perRun)));
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const start = cpuMs();
    for (let i = 0; i < runs; i++) await candidate.run(body);
    batches.push((cpuMs() - start) / runs);
  }
  batches.sort((x, y) => x - y);
  return { ms: batches[2], bytes: out.length };
}

export async function benchCompression(emulatorURL: string, apiKey: string): Promise<string[]> {
  const read = async (path: string) => {
    const res = await fetch(`${emulatorURL}${path}`, { headers: { 'X-CEKURA-API-KEY': apiKey } });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const bodies = [
    { label: `demo project ${DEMO_PROJECT_ID}`, body: await read(`/user/v1/projects/${DEMO_PROJECT_ID}/`) },
    { label: `300-rule project ${SCALE_PROJECT_ID}`, body: await read(`/user/v1/projects/${SCALE_PROJECT_ID}/`) },
    { label: 'project list', body: await read('/user/v1/projects/') },
  ];
  // Warm-up of every candidate on every body first: the first one measured would otherwise pay for the JIT.
  for (const { body } of bodies)
    for (const candidate of CANDIDATES) for (let i = 0; i < 5; i++) await candidate.run(body);
  const lines: string[] = [];
  for (const { label, body } of bodies) {
    lines.push(`  ${label}: ${(body.length / 1024).toFixed(1)} KB of JSON`);
    for (const candidate of CANDIDATES) {
      const { ms, bytes } = await measure(candidate, body);
      lines.push(
        line(
          `  ${candidate.label}`,
          `${ms.toFixed(2)} ms CPU, ${(bytes / 1024).toFixed(1)} KB (${((100 * bytes) / body.length).toFixed(1)}%)`,
        ),
      );
    }
  }
  return lines;
}
