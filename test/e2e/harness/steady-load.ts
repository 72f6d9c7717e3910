/** A client that sends one request after another until stopped: see {@link steadyLoad}. */
export interface SteadyLoad {
  /** Resolves once `count` more answers have come back. */
  more(count: number): Promise<void>;
  /** Stops after the request in flight; resolves to every status seen. */
  stop(): Promise<number[]>;
}

/**
 * Sends `send()` back to back, recording each status (a failure to get any answer counts as 0).
 *
 * @example const load = steadyLoad(() => call(agent, url).then((r) => r.status));
 */
export function steadyLoad(send: () => Promise<number>): SteadyLoad {
  const statuses: number[] = [];
  const waiters: { target: number; resolve: () => void }[] = [];
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      statuses.push(await send().catch(() => 0));
      for (const waiter of waiters.filter((w) => statuses.length >= w.target)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  })();
  return {
    more(count) {
      return new Promise((resolve) => waiters.push({ target: statuses.length + count, resolve }));
    },
    async stop() {
      state.running = false;
      await loop;
      return statuses;
    },
  };
}
