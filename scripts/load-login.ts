// `npm run load -- --logins 200`: a login flood against a server behind a proxy (TRUST_PROXY=1): `logins`
// wrong-password attempts are always in flight, each from a new forwarded address and at a new user name (the
// worst case: no limit refuses them before the password check). Meanwhile a logged-in browser fetches a
// static asset in a loop; its latency shows whether password checks starve the server. Figures only.
// The browser runs on its own thread, as a real browser is its own process: the 200 attacker loops keep this
// script's event loop busy, and timing the asset on that same loop would measure the attacker, not the server.
import { readdirSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, startStack } from './load-driver';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USER = { name: 'load-admin', password: 'load password 0123456789' };

export async function runLoginFlood(logins: number, seconds: number): Promise<void> {
  const stack = await startStack({ trustProxy: 1, user: USER });
  try {
    const base = stack.baseURL;
    const post = (name: string, password: string, address: string) =>
      fetch(`${base}/app-api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': address },
        body: JSON.stringify({ name, password }),
      });
    const session = await post(USER.name, USER.password, '192.0.2.1');
    if (session.status !== 200) throw new Error(`login as ${USER.name} -> ${session.status}`);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
    const asset = `/assets/${readdirSync(path.join(ROOT, 'dist/assets')).find((f) => f.endsWith('.js'))}`;

    const loginTimes: number[] = [];
    const statuses: Record<string, number> = {};
    let n = 0;
    const end = performance.now() + seconds * 1000;
    const attacker = async () => {
      while (performance.now() < end) {
        n += 1;
        // A fresh address (10.x.y.z) and name each time: neither the address nor the user limit applies.
        const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const t0 = performance.now();
        const res = await post(`guess${n}`, 'wrong password!', address);
        await res.arrayBuffer();
        loginTimes.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    };
    // Two browser connections fetching the asset in a loop until `end`, on a thread of their own.
    const browser = new Worker(
      `const { parentPort, workerData: { url, cookie, end } } = require('node:worker_threads');
      const loop = async (times) => {
        while (Date.now() < end) {
          const t0 = performance.now();
          const res = await fetch(url, { headers: { cookie } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(url + ' -> ' + res.status);
          times.push(performance.now() - t0);
        }
      };
      const times = [];
      Promise.all([loop(times), loop(times)]).then(() => parentPort.postMessage(times));`,
      { eval: true, workerData: { url: `${base}${asset}`, cookie, end: Date.now() + seconds * 1000 } },
    );
    const browserTimes = new Promise<number[]>((resolve, reject) => {
      browser.once('message', resolve);
      browser.once('error', reject);
    });
    console.log(
      `Login flood: ${logins} concurrent wrong logins (new forwarded address and name each) for ${seconds} s, ` +
        `TRUST_PROXY=1, against ${base}; a logged-in client fetches ${asset} meanwhile ...`,
    );
    const [assetTimes] = await Promise.all([browserTimes, ...Array.from({ length: logins }, attacker)]);
    await browser.terminate();
    const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(1)} ms`;
    console.log(
      `logins         ${loginTimes.length} answered (${(loginTimes.length / seconds).toFixed(0)}/s): ` +
        Object.entries(statuses)
          .map(([status, count]) => `${status}: ${count}`)
          .join(', '),
    );
    console.log(
      `static asset   ${assetTimes.length} GETs: p50 ${ms(assetTimes, 50)}, p95 ${ms(assetTimes, 95)} (target p95 <= 100 ms)`,
    );
  } finally {
    await stack.close();
  }
}
