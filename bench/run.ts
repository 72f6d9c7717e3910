// `npm run bench`: load from autocannon in a separate process against each target, interleaved
// rounds, medians printed as a markdown table. Prints figures; asserts nothing. `--quick` is a
// short smoke run whose figures mean little.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDevMaterial } from '@bulkhead/dev-pki';
import { buildAll } from './lib/build.ts';
import { coldStarts, coldStartServices } from './lib/cold-start.ts';
import { runLoad, type LoadRequest } from './lib/load.ts';
import { cpuSeconds, hasTaskset, peakRssMiB, resetPeakRss, stop } from './lib/processes.ts';
import { median, resultsTable, summarise, type Sample } from './lib/report.ts';
import { seedNote, startNotesSystem, type NotesSystem } from './lib/system.ts';
import { targets, type Server, type TargetContext } from './lib/targets.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const plan = values.quick
  ? { connections: 64, seconds: 1, warmupSeconds: 1, rounds: 1, coldStarts: 1 }
  : { connections: 64, seconds: 6, warmupSeconds: 3, rounds: 3, coldStarts: 5 };
const began = performance.now();

buildAll();
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
const pki = join(work, 'pki');
await generateDevMaterial({ dir: pki });
// Every server under test logs to this file (truncated after each round), as a service would.
const logFile = join(work, 'services.log');
const logFd = openSync(logFile, 'a');
const context: TargetContext = {
  cert: join(pki, 'notes', 'tls.crt'),
  key: join(pki, 'notes', 'tls.key'),
  ca: join(pki, 'ca', 'ca.crt'),
  caPem: readFileSync(join(pki, 'ca', 'ca.crt'), 'utf8'),
  logFd,
};

const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
console.log(
  `# Bulkhead bench${values.quick ? ' (--quick: a smoke run, figures mean little)' : ''}`,
);
console.log(
  `${new Date().toISOString()} · ${String(cpus().length)} × ${model} · Node ${process.version} · ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
);
console.log(
  `${String(plan.connections)} connections, ${String(plan.seconds)} s per run, ` +
    `${String(plan.warmupSeconds)} s warm-up, ${String(plan.rounds)} interleaved rounds; ` +
    (hasTaskset
      ? 'servers pinned to core 0, autocannon to core 1 (taskset).'
      : 'taskset not found: processes are NOT pinned.'),
);

interface Case {
  target: string;
  route: string;
  server: Server;
  request: LoadRequest;
}
const servers: Server[] = [];
const cases: Case[] = [];
const item = JSON.stringify({ name: 'A new item', tags: ['bench', 'write'] });
const note = JSON.stringify({
  title: 'A new note',
  body: 'Written by the bench.',
  tags: ['bench'],
});
let system: NotesSystem | undefined;
try {
  for (const target of targets) {
    for (const tls of [false, true]) {
      const server = await target.start(tls, context);
      servers.push(server);
      const suffix = tls ? ' TLS' : '';
      const url = `${server.base}/v1/items`;
      cases.push(
        {
          target: target.key,
          route: `GET /v1/items/:id${suffix}`,
          server,
          request: { method: 'GET', url: `${url}/item-1` },
        },
        {
          target: target.key,
          route: `POST /v1/items${suffix}`,
          server,
          request: { method: 'POST', url, body: item },
        },
      );
    }
  }
  system = await startNotesSystem(pki, context);
  const headers = { authorization: `Bearer ${system.token}` };
  for (const [target, server] of [
    ['(4) notes', system.notes],
    ['(5) gateway → notes', system.gateway],
  ] as const) {
    const id = await seedNote(server.base, system.token, context.caPem);
    const url = `${server.base}/v1/notes`;
    cases.push(
      {
        target,
        route: 'GET /v1/notes/:id TLS',
        server,
        request: { method: 'GET', url: `${url}/${id}`, headers },
      },
      {
        target,
        route: 'POST /v1/notes TLS',
        server,
        request: { method: 'POST', url, body: note, headers },
      },
    );
  }

  const load = { connections: plan.connections };
  for (const each of cases) await runLoad(each.request, { ...load, seconds: plan.warmupSeconds });
  const samples = new Map<Case, Sample[]>();
  for (let round = 1; round <= plan.rounds; round++) {
    for (const each of cases) {
      const pid = each.server.child.pid ?? 0;
      resetPeakRss(pid);
      const cpuBefore = cpuSeconds(pid);
      const result = await runLoad(each.request, { ...load, seconds: plan.seconds });
      const sample = {
        ...result,
        cpuSeconds: cpuSeconds(pid) - cpuBefore,
        peakRssMiB: peakRssMiB(pid),
      };
      samples.set(each, [...(samples.get(each) ?? []), sample]);
    }
    truncateSync(logFile);
    console.error(`round ${String(round)}/${String(plan.rounds)} done`);
  }
  const rows = cases.map((each) => summarise(each.target, each.route, samples.get(each) ?? []));
  console.log(`\n${resultsTable(rows)}\n`);
  console.log(
    '(4), (5): one client drives the load, so the limits for one client among many are raised out of the way (RATE_LIMIT_API, UPSTREAM_MAX_PER_CLIENT=64, OWNER_MAX_NOTES, OWNER_MAX_BYTES).',
  );
  console.log('(5): CPU and RSS are the gateway process; notes behind it runs on the same core.');

  console.log(
    `\n| service | cold start ms (spawn → /readyz 200, median of ${String(plan.coldStarts)}) |`,
  );
  console.log('| --- | ---: |');
  for (const service of coldStartServices(pki, system.env)) {
    const times = await coldStarts(service, plan.coldStarts, context.caPem);
    console.log(`| ${service.name} | ${median(times).toFixed(0)} |`);
  }
} finally {
  await Promise.all(servers.map((server) => stop(server.child)));
  await system?.stop();
  closeSync(logFd);
}

console.log('\n| image | size |\n| --- | ---: |');
for (const image of ['gateway:dev', 'auth:dev', 'notes:dev']) {
  const inspect = spawnSync('docker', ['image', 'inspect', '--format', '{{.Size}}', image], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const size =
    inspect.error !== undefined
      ? 'docker not available'
      : inspect.status === 0
        ? `${(Number(inspect.stdout) / 1e6).toFixed(0)} MB`
        : 'not built';
  console.log(`| ${image} | ${size} |`);
}

rmSync(work, { recursive: true, force: true });
console.log(`\nfinished in ${((performance.now() - began) / 1000).toFixed(0)} s`);
