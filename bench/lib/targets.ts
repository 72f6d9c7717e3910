import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, spawnNode, waitFor200 } from './processes.ts';

/** A running server under test: its process and the base URL of its API. */
export interface Server {
  child: ChildProcess;
  base: string;
}

/** What the targets need: TLS files and where the platform target writes its log. */
export interface TargetContext {
  cert: string;
  key: string;
  ca: string;
  caPem: string;
  /** File descriptor the platform target's stdout (its log) goes to. */
  logFd: number;
}

/** One system under test, started once per transport. */
export interface Target {
  key: string;
  start: (tls: boolean, context: TargetContext) => Promise<Server>;
}

const script = (name: string) => fileURLToPath(new URL(`../dist/targets/${name}`, import.meta.url));

function bare(key: string, file: string): Target {
  return {
    key,
    async start(tls, { cert, key: keyFile, caPem }) {
      const port = await freePort();
      const tlsArgs = tls ? ['--cert', cert, '--key', keyFile] : [];
      const child = spawnNode(0, [script(file), '--port', String(port), ...tlsArgs]);
      const base = `${tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`;
      await waitFor200(`${base}/v1/items/item-1`, caPem);
      return { child, base };
    },
  };
}

/** (1) node:http, (2) Express with express.json(), (3) the platform with every default on. */
export const targets: Target[] = [
  bare('(1) node:http', 'bare-http.js'),
  bare('(2) express', 'bare-express.js'),
  {
    key: '(3) platform',
    async start(tls, { cert, key, caPem, logFd }) {
      const port = await freePort();
      const adminPort = await freePort();
      const child = spawnNode(0, [script('platform-service.js')], {
        env: {
          PORT: String(port),
          ADMIN_PORT: String(adminPort),
          HOST: '127.0.0.1',
          SHUTDOWN_DELAY_MS: '0',
          ...(tls ? { TLS_CERT_FILE: cert, TLS_KEY_FILE: key } : {}),
        },
        stdio: ['ignore', logFd, 'inherit'],
      });
      const scheme = tls ? 'https' : 'http';
      await waitFor200(`${scheme}://127.0.0.1:${String(adminPort)}/readyz`, caPem);
      return { child, base: `${scheme}://127.0.0.1:${String(port)}` };
    },
  },
];
