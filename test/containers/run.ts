// `npm run test:containers`: builds the three images, checks what is (not) in them, runs the
// system with docker compose, drives it through the published gateway port, and inspects the
// running containers. Prints one line per check and ends with "N passed, N failed"; exits 1 on any
// failure. Tears everything down (volumes too, images kept), also when a step fails.
// Needs Docker and the dev secrets' tooling: `node --conditions=bulkhead-source test/containers/run.ts`
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readDemoClient } from '@bulkhead/dev-pki';
import { compose, containerId, docker, inspect, project, waitHealthy } from './docker.ts';
import { gatewayClient } from './gateway-client.ts';
import { auditImage, baseImage, buildImage, devDependencyNames, imageSize } from './images.ts';
import { createReport } from './report.ts';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const services = ['gateway', 'auth', 'notes'] as const;
const report = createReport();
const check = report.check;

/** Runs `tls-probe.ts` on the host: does a server proving it is `name` answer at host:port? */
async function probeFromHost(host: string, name: string): Promise<string> {
  const probe = 'test/containers/tls-probe.ts';
  const env = { ...process.env, CA_FILE: '.dev/ca/ca.crt' };
  const { stdout } = await exec('node', [probe, host, '8443', name], { cwd: root, env });
  return stdout.trim();
}

async function imageChecks(): Promise<void> {
  for (const service of services) {
    const image = `${service}:dev`;
    const built = await check(`${service}: image builds`, () => buildImage(root, service));
    if (!built) continue;
    await check(`${service}: runs as 1000:1000, not root`, async () => {
      const user = await inspect(image, '{{.Config.User}}');
      if (user !== '1000:1000') throw new Error(`USER is "${user}"`);
    });
    const audit = await auditImage(root, image, await devDependencyNames(root, service));
    const mustBeEmpty = {
      'no npm, npx, corepack or yarn': audit.packageManagers,
      'no TypeScript sources': audit.typescript,
      'no test files': audit.tests,
      'no dev dependencies': audit.devDependencies,
      'no private key': audit.privateKeys,
    };
    for (const [name, found] of Object.entries(mustBeEmpty))
      await check(`${service}: ${name}`, () => {
        if (found.length > 0) throw new Error(`found: ${found.slice(0, 10).join(', ')}`);
      });
    const { total, added } = await imageSize(image);
    console.log(`    ${image}: ${total.toFixed(1)} MB, the project adds ${added.toFixed(1)} MB`);
  }
}

async function systemChecks(): Promise<void> {
  await check('npm run dev-pki', () =>
    exec('npm', ['run', 'dev-pki'], { cwd: root }).then(() => undefined),
  );
  const up = await check('docker compose up --build: all three healthy', async () => {
    await compose(['up', '-d', '--build']);
    await waitHealthy(await Promise.all(services.map(containerId)));
    return undefined;
  });
  if (!up) return;
  const ids = Object.fromEntries(
    await Promise.all(
      services.map(async (service) => [service, await containerId(service)] as const),
    ),
  ) as Record<(typeof services)[number], string>;

  const client = gatewayClient({
    baseUrl: 'https://localhost:8443',
    ca: await readFile(`${root}/.dev/ca/ca.crt`, 'utf8'),
  });
  const { id: clientId, secret } = await readDemoClient(`${root}/.dev`);
  let token = '';
  let noteId = '';
  try {
    await check('through gateway with the dev CA: token, create a note, read it back', async () => {
      token = await client.token(clientId, secret);
      noteId = await client.createNote(token, { title: 'from the container test', body: 'hello' });
      const note = await client.getNote(token, noteId);
      if (note.title !== 'from the container test') throw new Error(JSON.stringify(note));
      return `note ${noteId}`;
    });
    await internalNetworkChecks(ids);
    for (const service of services) await containerChecks(service, ids[service]);
    await check('notes: data survives `docker compose restart notes`', async () => {
      await compose(['restart', 'notes']);
      await waitHealthy([ids.notes]);
      const note = await client.getNote(token, noteId);
      if (note.id !== noteId) throw new Error(JSON.stringify(note));
    });
  } finally {
    await client.close();
  }
  for (const service of services) await stopCheck(service, ids[service]);
}

const internal = `${project}_internal`;
const internalIp = (id: string) =>
  inspect(id, `{{(index .NetworkSettings.Networks "${internal}").IPAddress}}`);

async function internalNetworkChecks(ids: Record<string, string>): Promise<void> {
  await check('auth and notes publish no port', async () => {
    for (const service of ['auth', 'notes']) {
      const ports = await inspect(ids[service] ?? '', '{{json .HostConfig.PortBindings}}');
      if (ports !== '{}' && ports !== 'null') throw new Error(`${service} publishes ${ports}`);
    }
    return undefined;
  });
  await check('the host reaches gateway at 127.0.0.1:8443 (the probe works)', async () => {
    const answer = await probeFromHost('127.0.0.1', 'gateway');
    if (answer !== 'reached') throw new Error(answer);
  });
  for (const service of ['auth', 'notes']) {
    const ip = await internalIp(ids[service] ?? '');
    await check(`the host cannot reach ${service} at its internal address ${ip}`, async () => {
      const answer = await probeFromHost(ip, service);
      if (answer === 'reached') throw new Error(answer);
      return answer;
    });
  }
  // The same probe from a container on the internal network must get through, or the checks
  // above would pass for a broken probe.
  const probe = (network: string, host: string) =>
    docker([
      'run', '--rm', '--network', network, '-e', 'CA_FILE=/probe/ca.crt',
      '-v', `${root}/test/containers/tls-probe.ts:/probe/tls-probe.ts:ro`,
      '-v', `${root}/.dev/ca/ca.crt:/probe/ca.crt:ro`,
      '--entrypoint', 'node', baseImage, '/probe/tls-probe.ts', host, '8443', 'notes',
    ]); // prettier-ignore
  await check('a container on the internal network reaches notes', async () => {
    const answer = await probe(internal, 'notes');
    if (answer !== 'reached') throw new Error(answer);
  });
  await check('a container on the edge network only cannot reach notes', async () => {
    const notesIp = await internalIp(ids.notes ?? '');
    const answers = [];
    for (const host of ['notes', notesIp]) {
      const answer = await probe(`${project}_edge`, host);
      if (answer === 'reached') throw new Error(`${host}: reached`);
      answers.push(`${host}: ${answer}`);
    }
    return answers.join('; ');
  });
}

async function containerChecks(service: string, id: string): Promise<void> {
  await check(`${service}: the process runs as uid 1000`, async () => {
    const uid = await docker(['exec', id, 'id', '-u']);
    if (uid !== '1000') throw new Error(`id -u is ${uid}`);
    return undefined;
  });
  await check(`${service}: the root filesystem is read-only, /tmp is writable`, async () => {
    const answer = await docker([
      'exec',
      id,
      'sh',
      '-c',
      'touch /app/probe 2>&1; touch /tmp/probe && echo tmp-ok',
    ]);
    if (!answer.includes('Read-only file system') || !answer.includes('tmp-ok'))
      throw new Error(answer);
    return undefined;
  });
  await check(`${service}: no effective capabilities`, async () => {
    const caps = await docker([
      'exec',
      id,
      'grep',
      'CapEff',
      '/proc/1/status',
      '/proc/self/status',
    ]);
    const values = [...caps.matchAll(/CapEff:\s*([0-9a-f]+)/g)].map((match) => match[1]);
    if (values.length !== 2 || values.some((value) => Number.parseInt(value ?? '', 16) !== 0))
      throw new Error(caps);
    return undefined;
  });
}

async function stopCheck(service: string, id: string): Promise<void> {
  await check(
    `${service}: docker stop ends it with exit code 0 and "shutdown complete"`,
    async () => {
      const started = Date.now();
      await docker(['stop', id]);
      const exitCode = await inspect(id, '{{.State.ExitCode}}');
      const logs = await exec('docker', ['logs', id], { maxBuffer: 64 << 20 });
      if (exitCode !== '0') throw new Error(`exit code ${exitCode}`);
      if (!`${logs.stdout}${logs.stderr}`.includes('shutdown complete'))
        throw new Error('no "shutdown complete" in the logs');
      return `${Date.now() - started} ms`;
    },
  );
}

try {
  console.log('images');
  await imageChecks();
  console.log('system (docker compose)');
  await systemChecks();
} finally {
  await compose(['down', '-v']).catch((error: unknown) => {
    console.error(`teardown: ${String(error)}`);
  });
}
process.exitCode = await report.finish(process.env.CI_RESULTS_DIR);
