// `npm run doctor`: a read-only compatibility report for a Cekura account (CEKURA_API_KEY, optional
// CEKURA_API_URL). Exit 0 compatible, 1 not compatible, 2 unreachable or the key refused.
import { runDoctor } from './doctor-core';

const apiKey = process.env.CEKURA_API_KEY;
if (!apiKey) {
  console.error('Set CEKURA_API_KEY (and CEKURA_API_URL for another base URL than https://api.cekura.ai).');
  process.exit(2);
}
const baseUrl = process.env.CEKURA_API_URL || 'https://api.cekura.ai';
const result = await runDoctor({ baseUrl, apiKey });
for (const line of result.lines) console.log(line);
process.exit(result.exitCode);
