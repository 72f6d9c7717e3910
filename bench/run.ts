// `npm run bench`: load from autocannon in a separate process against each target, interleaved
// rounds, medians printed as a markdown table. Prints figures; asserts nothing. `--quick` is a
// short smoke run whose figures mean little.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDevMaterial } from '@bulkhead/dev-pki';
import { buildAll, fromRoot } from './lib/build.ts';
import { coldStarts, type ColdStartService } from './lib/cold-start.ts';
import { runLoad, type LoadRequest } from './lib/load.ts';
import { cpuSeconds, hasTaskset, peakRssMiB, resetPeakRss, stop } from './lib/processes.ts';
import { median, resultsTable, summarise, type Sample } from './lib/report.ts';
import { notYetWired, targets, type Server, type TargetContext } from './lib/targets.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const plan = values.quick
  ? { connections: 64, seconds: 1, warmupSeconds: 1, rounds: 1, coldStarts: 1 }
  : { connections: 64, seconds: 6, warmupSeconds: 3, rounds: 3, coldStarts: 5 };
const began = performance.now();

buildAll();
const work = mkdtempSync(join(tmpdir(), 'bulkhead-bench-'));
const pki = join(work, 'pki');
await generateDevMaterial({ dir: pki });
const logFile = join(work, 'platform.log');
const logFd = openSync(logFile, 'a');
const context: TargetContext = {
  cert: join(pki, 'notes', 'tls.crt'),
  key: join(pki, 'notes', 'tls.key'),
  ca: join(pki, 'ca', 'ca.crt'),
  caPem: readFileSync(join(pki, 'ca', 'ca.crt'), 'utf8'),
  logFd,
};

const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
console.log(`# Bulkhead bench ${values.quick ? '(--quick: smoke run, figures mean little)' : ''}`);
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

const servers: Server[] = [];
const cases: { target: string; route: string; server: Server; request: LoadRequest }[] = [];
const body = JSON.stringify({ name: 'A new item', tags: ['bench', 'write'] });
try {
  for (const target of targets) {
    for (const tls of [false, true]) {
      const server = await target.start(tls, context);
      servers.push(server);
      const suffix = tls ? ' TLS' : '';
      cases.push(
        {
          target: target.key,
          route: `GET /v1/items/:id${suffix}`,
          server,
          request: { method: 'GET', url: `${server.base}/v1/items/item-1` },
        },
        {
          target: target.key,
          route: `POST /v1/items${suffix}`,
          server,
          request: { method: 'POST', url: `${server.base}/v1/items`, body },
        },
      );
    }
  }

  const load = { connections: plan.connections };
  for (const each of cases) await runLoad(each.request, { ...load, seconds: plan.warmupSeconds });

  const samples = new Map<(typeof cases)[number], Sample[]>();
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
    truncateSync(logFile); // the platform target appends; keep the disk use of a round
    console.error(`round ${String(round)}/${String(plan.rounds)} done`);
  }
  const rows = cases.map((each) => summarise(each.target, each.route, samples.get(each) ?? []));
  const [limit, express] = targets;
  console.log(`\n${resultsTable(rows, limit?.key ?? '', express?.key ?? '')}\n`);
  for (const line of notYetWired) console.log(`- ${line}`);
} finally {
  await Promise.all(servers.map((server) => stop(server.child)));
  closeSync(logFd);
}

const tlsEnv = (service: string) => ({
  HOST: '127.0.0.1',
  TLS_CERT_FILE: join(pki, service, 'tls.crt'),
  TLS_KEY_FILE: join(pki, service, 'tls.key'),
  TLS_CA_FILE: join(pki, service, 'ca.crt'),
});
const services: ColdStartService[] = [
  {
    name: '(3) platform service',
    script: fromRoot('bench/dist/targets/platform-service.js'),
    tls: true,
    env: ({ port, adminPort }) => ({
      ...tlsEnv('notes'),
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
    }),
  },
  {
    name: 'auth',
    script: fromRoot('services/auth/dist/main.js'),
    tls: true,
    env: ({ port, adminPort }) => ({
      ...tlsEnv('auth'),
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      MTLS_ALLOWED_CLIENTS: 'gateway,notes',
      JWT_KEYS_DIR: join(pki, 'jwt-keys'),
      CLIENTS_FILE: join(pki, 'clients.json'),
    }),
  },
];
console.log(
  `\n| service | cold start ms (spawn → /readyz 200, median of ${String(plan.coldStarts)}) |`,
);
console.log('| --- | ---: |');
for (const service of services) {
  const samples = await coldStarts(service, plan.coldStarts, context.caPem);
  console.log(`| ${service.name} | ${median(samples).toFixed(0)} |`);
}
console.log('| notes, gateway | not yet wired (not on main) |');

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
