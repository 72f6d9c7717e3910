import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker } from '../containers/docker.ts';
import type { PodPlan, Probe } from './pod-plan.ts';
import { describeObject } from './render.ts';

/** One probe attempt, as the kubelet makes it: no certificate check, 200–399 is success. */
export function probeOnce(ip: string, probe: Probe): Promise<string | undefined> {
  const timeout = probe.timeoutSeconds * 1000;
  return new Promise((resolve) => {
    if (probe.kind === 'tcpSocket') {
      const socket = connect({ host: ip, port: probe.port, timeout });
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(`tcp ${ip}:${probe.port}: timed out`);
      });
      socket.once('error', (error) => {
        resolve(`tcp ${ip}:${probe.port}: ${error.message}`);
      });
      return;
    }
    const url = `${probe.scheme.toLowerCase()}://${ip}:${probe.port}${probe.path}`;
    const send = probe.scheme === 'HTTPS' ? httpsRequest : httpRequest;
    const sent = send(
      url,
      { timeout, rejectUnauthorized: false, headers: { 'user-agent': 'kube-probe/1.36' } },
      (answer) => {
        answer.resume();
        const status = answer.statusCode ?? 0;
        resolve(status >= 200 && status < 400 ? undefined : `GET ${url}: ${status}`);
      },
    );
    sent.once('timeout', () =>
      sent.destroy(new Error(`timed out after ${probe.timeoutSeconds} s`)),
    );
    sent.once('error', (error) => {
      resolve(`GET ${url}: ${error.message}`);
    });
    sent.end();
  });
}

/** What the kubelet saw of a pod while it ran. */
export interface RunningPod {
  plan: PodPlan;
  container: string;
  ip: string;
  /** The Service names that resolve to this pod. */
  aliases: string[];
  /** When the container started, and when the pod first became Ready. */
  startedAt: number;
  readyAt: number | undefined;
  readonly ready: boolean;
  /** Every failed liveness probe, with its reason. */
  livenessFailures: string[];
  /** Resolves once Ready; rejects with a message naming the object and the probe that failed. */
  whenReady: Promise<void>;
  stop: () => Promise<StopResult>;
  /** Stops probing at once, without the stop sequence: the container is being removed. */
  halt: () => void;
}

/** How a pod ended: its exit code, whether it needed SIGKILL, and how long each phase took. */
export interface StopResult {
  exitCode: number;
  killed: boolean;
  preStopMs: number;
  totalMs: number;
  /** The API port accepted a connection while the preStop sleep ran (endpoints already gone). */
  servedDuringPreStop: boolean | undefined;
}

async function logTail(container: string): Promise<string> {
  const logs = await docker(['logs', '--tail', '5', container]).catch(() => '');
  return logs === '' ? '(no output)' : logs.split('\n').slice(-5).join('\n');
}

async function isRunning(container: string): Promise<{ running: boolean; exitCode: number }> {
  const [running, exitCode] = (
    await docker(['inspect', '-f', '{{.State.Running}} {{.State.ExitCode}}', container])
  ).split(' ');
  return { running: running === 'true', exitCode: Number(exitCode) };
}

function waitForExit(container: string, withinMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const child = spawn('docker', ['wait', container]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(
      () => {
        child.kill();
        resolve(undefined);
      },
      Math.max(withinMs, 0),
    );
    child.on('close', () => {
      clearTimeout(timer);
      resolve(out.trim() === '' ? undefined : Number(out.trim()));
    });
  });
}

/**
 * Watches a started container as the kubelet does: the startup probe until it succeeds (the others
 * wait for it), then readiness and liveness on their own periods and thresholds. `stop` runs the
 * preStop sleep, then SIGTERM, then SIGKILL once `terminationGracePeriodSeconds` is spent.
 */
export function superviseContainer(
  plan: PodPlan,
  container: string,
  ip: string,
  aliases: string[],
): RunningPod {
  const startedAt = Date.now();
  const stopped = new AbortController();
  const who = describeObject(plan.deployment);
  let ready = false;
  let readyAt: number | undefined;
  const livenessFailures: string[] = [];

  /** Runs `probe` on its period until `onResult` answers true or the pod stops. */
  async function every(probe: Probe, onResult: (failure: string | undefined) => boolean) {
    await sleep(Math.max(0, startedAt + probe.initialDelaySeconds * 1000 - Date.now()), undefined, {
      signal: stopped.signal,
    }).catch(() => undefined);
    while (!stopped.signal.aborted) {
      if (onResult(await probeOnce(ip, probe))) return;
      await sleep(probe.periodSeconds * 1000, undefined, { signal: stopped.signal }).catch(
        () => undefined,
      );
    }
  }

  async function failure(probe: Probe, times: number, reason: string): Promise<Error> {
    const state = await isRunning(container);
    const exited = state.running ? '' : ` (the container exited ${state.exitCode})`;
    return new Error(
      `${who}: ${probe.field}: failed ${times} times in a row${exited}: ${reason}\n  log: ${await logTail(container)}`,
    );
  }

  const whenReady = (async () => {
    const { startup, readiness, liveness } = plan.probes;
    if (startup !== undefined) {
      const outcome = { succeeded: false, failures: 0, last: '' };
      await every(startup, (result) => {
        if (result === undefined) return (outcome.succeeded = true);
        outcome.failures += 1;
        outcome.last = result;
        return outcome.failures >= startup.failureThreshold;
      });
      if (!outcome.succeeded) throw await failure(startup, outcome.failures, outcome.last);
    }
    if (liveness !== undefined) {
      let inARow = 0;
      void every(liveness, (result) => {
        if (result === undefined) {
          inARow = 0;
          return false;
        }
        inARow += 1;
        const restart =
          inARow >= liveness.failureThreshold ? ' (the kubelet would restart it)' : '';
        livenessFailures.push(`${liveness.field}: ${result}${restart}`);
        return false;
      });
    }
    if (readiness === undefined) {
      ready = true;
      readyAt = Date.now();
      return;
    }
    let successes = 0;
    let failures = 0;
    let last = '';
    await new Promise<void>((resolve, reject) => {
      void every(readiness, (result) => {
        if (result === undefined) {
          failures = 0;
          successes += 1;
          if (successes >= readiness.successThreshold && !ready) {
            ready = true;
            readyAt ??= Date.now();
            resolve();
          }
          return false;
        }
        successes = 0;
        failures += 1;
        last = result;
        if (failures >= readiness.failureThreshold) {
          ready = false;
          if (readyAt === undefined) {
            failure(readiness, failures, last).then(reject, reject);
            return true;
          }
        }
        return false;
      });
    });
  })();
  whenReady.catch(() => undefined);

  async function stop(): Promise<StopResult> {
    const began = Date.now();
    // Terminating: out of the Service's endpoints at once, whatever readiness says.
    ready = false;
    stopped.abort();
    let servedDuringPreStop: boolean | undefined;
    if (plan.preStopSeconds > 0) {
      const halfway = sleep((plan.preStopSeconds * 1000) / 2).then(async () => {
        const api = plan.ports.get('https') ?? plan.ports.values().next().value;
        servedDuringPreStop =
          api === undefined
            ? undefined
            : (await probeOnce(ip, {
                kind: 'tcpSocket',
                port: api,
                timeoutSeconds: 1,
              } as Probe)) === undefined;
      });
      await sleep(plan.preStopSeconds * 1000);
      await halfway;
    }
    const preStopMs = Date.now() - began;
    await docker(['kill', '--signal', 'TERM', container]).catch(() => undefined);
    // The grace period counts from the start of termination, preStop included.
    let exitCode = await waitForExit(container, plan.graceSeconds * 1000 - (Date.now() - began));
    let killed = false;
    if (exitCode === undefined) {
      killed = true;
      await docker(['kill', '--signal', 'KILL', container]).catch(() => undefined);
      exitCode = (await waitForExit(container, 10_000)) ?? -1;
    }
    return { exitCode, killed, preStopMs, totalMs: Date.now() - began, servedDuringPreStop };
  }

  return {
    plan,
    container,
    ip,
    aliases,
    startedAt,
    get readyAt() {
      return readyAt;
    },
    get ready() {
      return ready;
    },
    livenessFailures,
    whenReady,
    stop,
    halt: () => {
      stopped.abort();
    },
  };
}
