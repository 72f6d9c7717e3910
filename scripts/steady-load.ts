// A steady stream of authenticated GETs through the edge, for proving that rolling restarts lose no
// request: `node scripts/steady-load.ts URL TOKEN CA_FILE ADDRESS` runs until SIGINT, prints the
// counts, and exits 1 if any request was lost. A 503 with Retry-After is the service asking the
// client to come back (notes restarts with the Recreate strategy), so the client waits and retries;
// every other failure (a reset, a timeout, a 5xx without Retry-After) is a lost request.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

const args = process.argv.slice(2);
if (args.length !== 4) {
  console.error('usage: node scripts/steady-load.ts URL TOKEN CA_FILE ADDRESS');
  process.exit(2);
}
const [url, token, caFile, address] = args as [string, string, string, string];

const dispatcher = new Agent({
  connect: {
    ca: readFileSync(caFile),
    // Resolve the edge hostname to the Gateway's address, as curl --resolve does.
    lookup: (_hostname, _options, callback) => {
      callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
    },
  },
});
const counts = { ok: 0, retried: 0, lost: 0 };
let running = true;
process.once('SIGINT', () => (running = false));

async function oneRequest(): Promise<void> {
  for (;;) {
    try {
      const response = await request(url, {
        dispatcher,
        headers: { authorization: `Bearer ${token}` },
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      });
      await response.body.dump();
      const retryAfter = Number(response.headers['retry-after']);
      if (response.statusCode === 503 && retryAfter > 0) {
        counts.retried += 1;
        await sleep(retryAfter * 1000);
        continue;
      }
      if (response.statusCode === 200) counts.ok += 1;
      else counts.lost += 1;
    } catch {
      counts.lost += 1;
    }
    return;
  }
}

async function worker(): Promise<void> {
  while (running) await oneRequest();
}

await Promise.all([worker(), worker(), worker(), worker()]);
await dispatcher.close();
console.log(`${counts.ok} ok, ${counts.retried} retried after 503, ${counts.lost} lost`);
process.exitCode = counts.lost === 0 && counts.ok > 0 ? 0 : 1;
