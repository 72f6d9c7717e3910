import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseIntent } from '../../src/netpol/index.ts';

const bin = fileURLToPath(new URL('../../bin/bulkhead.js', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const manifests = [fixture('bulkhead.yaml'), fixture('cluster-peers.yaml')];
const intent = fixture('bulkhead-intent.yaml');

/** Runs the real `bulkhead netpol` in a child process. */
function netpol(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'netpol', ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

describe('bulkhead netpol', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulkhead-netpol-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when run on the Bulkhead design, then the allowed flows are exactly the intent file (the intent file)', async () => {
    const { code, stdout } = await netpol(...manifests, '--format', 'json');

    expect(code).toBe(0);
    const flows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(Object.keys(flows[0] ?? {})).toEqual(['from', 'to', 'port', 'protocol', 'allowed']);
    const allowedFlows = flows
      .filter((flow) => flow.allowed === true)
      .map(({ from, to, port, protocol }) => ({ from, to, port, protocol }));
    const expected = parseIntent(await readFile(intent, 'utf8'));
    expect(allowedFlows).toHaveLength(expected.length);
    expect(allowedFlows).toEqual(expect.arrayContaining(expected));
  });

  it('when run on the Bulkhead design with its intent, then it reports no difference and exits 0', async () => {
    const text = await netpol(...manifests, '--intent', intent);
    const json = await netpol(...manifests, '--intent', intent, '--format', 'json');

    expect(text).toMatchObject({ code: 0, stdout: 'The flows match the intent.\n' });
    expect(json).toMatchObject({ code: 0, stdout: '' });
  });

  it('when printing text, then the allowed flows read as a table with a count', async () => {
    const { code, stdout } = await netpol(...manifests);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^FROM +TO +PORT\n/);
    expect(stdout).toMatch(/\nbulkhead-notes\/notes +bulkhead-auth\/auth +8443\/TCP\n/);
    expect(stdout).not.toMatch(/bulkhead-auth\/auth +bulkhead-notes\/notes/);
    expect(stdout.trim()).toMatch(/\n18 of \d+ flows allowed$/);
  });

  it('when a policy lets notes out to the internet, then that flow alone is reported (README example)', async () => {
    const { code, stdout } = await netpol(
      ...manifests,
      fixture('notes-egress.yaml'),
      '--intent',
      intent,
    );

    expect(stdout).toBe(
      [
        'PROBLEM                FROM                  TO        PORT',
        'allowed, not intended  bulkhead-notes/notes  internet  443/TCP',
        '',
        '1 difference',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
  });

  it('when a policy opens notes to all egress, then the new flows are reported as not intended and it exits 1', async () => {
    const open = join(dir, 'open-egress.yaml');
    await writeFile(
      open,
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open, namespace: bulkhead-notes}\nspec: {podSelector: {}, egress: [{}]}\n',
    );

    const { code, stdout } = await netpol(...manifests, open, '--intent', intent);

    expect(code).toBe(1);
    expect(stdout).toMatch(/allowed, not intended +bulkhead-notes\/notes +internet +443\/TCP/);
    expect(stdout).toMatch(
      /allowed, not intended +bulkhead-notes\/notes +kube-apiserver +443\/TCP/,
    );
    expect(stdout).not.toMatch(/bulkhead-notes\/notes +bulkhead-gateway\/gateway +8443/);
  });

  it('when the intent wants a flow the policies deny, then a json line names it and it exits 1', async () => {
    const wanted = join(dir, 'wants-internet.yaml');
    await writeFile(
      wanted,
      `${await readFile(intent, 'utf8')}- {from: bulkhead-gateway/gateway, to: internet, port: 443}\n`,
    );

    const { code, stdout } = await netpol(...manifests, '--intent', wanted, '--format', 'json');

    expect(code).toBe(1);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      {
        from: 'bulkhead-gateway/gateway',
        to: 'internet',
        port: 443,
        protocol: 'TCP',
        problem: 'denied',
      },
    ]);
  });

  it.each([
    [[], /no FILE given/],
    [['x.yaml', '--format', 'xml'], /unknown format "xml"/],
    [['x.yaml', '--colour'], /Unknown option '--colour'/],
  ])(
    'when the arguments are %j, then it prints why and the usage, and exits 2',
    async (args, message) => {
      const { code, stderr } = await netpol(...args);

      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).toMatch(/usage: bulkhead netpol FILE/);
    },
  );

  it('when asked for --help, then it prints the usage with the intent format and exits 0', async () => {
    const { code, stdout } = await netpol('--help');

    expect(code).toBe(0);
    expect(stdout).toMatch(/--intent FILE/);
  });

  it('when a file is missing, bad YAML or a bad intent, then one clear line, no stack, exit 2', async () => {
    const badYaml = join(dir, 'bad.yaml');
    await writeFile(badYaml, 'kind: Pod\nmetadata: {name: [x\n');
    const badIntent = join(dir, 'bad-intent.yaml');
    await writeFile(badIntent, '- {from: a/b, to: c/d, port: https}\n');

    const missing = await netpol(join(dir, 'missing.yaml'));
    const yaml = await netpol(badYaml);
    const intentError = await netpol(...manifests, '--intent', badIntent);

    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/missing\.yaml: cannot read the file \(ENOENT\)/) as unknown,
    });
    expect(yaml).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`bulkhead netpol: ${badYaml}: `) as unknown,
    });
    expect(intentError).toMatchObject({
      code: 2,
      stderr: 'bulkhead netpol: intent entry 1: "port" must be a port number from 1 to 65535\n',
    });
    expect(yaml.stderr).toMatch(/at line \d+, column \d+\n$/);
    expect([missing.stderr, yaml.stderr].join('')).not.toMatch(/\n\s+at /);
  });
});
