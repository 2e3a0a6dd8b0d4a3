// The floor the admin server's GET path is measured against (npm run bench): a bare Node pipe proxy, no
// framework, no checks. node scripts/bare-proxy.mjs <port> <upstream URL> (the key on standard input).
// Never used to serve anything: it exists only for the comparison.
import http from 'node:http';

const [port, upstream] = process.argv.slice(2);
const target = new URL(upstream);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let key = '';
process.stdin.on('data', (chunk) => (key += chunk.toString()));
process.stdin.on('end', () => {
  key = key.trim();
  http
    .createServer((req, res) => {
      const upstreamReq = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: (req.url ?? '/').replace(/^\/api/, ''),
          method: 'GET',
          agent,
          headers: { 'X-CEKURA-API-KEY': key, accept: 'application/json' },
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, {
            'content-type': upstreamRes.headers['content-type'] ?? 'application/json',
            'content-length': upstreamRes.headers['content-length'] ?? '',
          });
          upstreamRes.pipe(res);
        },
      );
      upstreamReq.on('error', () => res.writeHead(502).end());
      upstreamReq.end();
    })
    .listen(Number(port), '127.0.0.1', () => console.log('listening'));
});
