import { EventEmitter } from 'node:events';
import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type TlsLogger, processWarningLogger } from './tls-logger.ts';
import { type TlsFiles, type TlsMaterial, loadTlsMaterial } from './tls-material.ts';

export interface WatchTlsFilesOptions {
  /** Quiet time after the last change before reloading, so a multi-file update lands as one. */
  debounceMs?: number;
  logger?: TlsLogger;
}

export interface TlsWatcherEvents {
  /** New material loaded and checked; it is already `current`. */
  reload: [material: TlsMaterial];
  /** The files changed but did not load (say, a key written before its certificate). */
  'reload-failed': [error: Error];
}

/** TLS material that follows its files. Listen to `reload` to use new material. */
export interface TlsWatcher extends EventEmitter<TlsWatcherEvents> {
  readonly files: TlsFiles;
  readonly current: TlsMaterial;
  /** Stops watching. Idempotent. */
  close(): void;
}

/**
 * Loads the TLS files and reloads them whenever they change, including Kubernetes' atomic update
 * of a mounted Secret (the files are links through `..data`, which kubelet swaps to a new folder).
 * It watches the folders, not the files, because a watch on a file is lost when the file is
 * replaced. New material is used only when the certificate and key load and match; otherwise the
 * current material stays, a warning is logged and `reload-failed` is emitted.
 *
 * @example
 * const tls = await watchTlsFiles({ certFile, keyFile, caFile }, { logger });
 * tls.on('reload', (material) => server.setSecureContext(material));
 * // on shutdown
 * tls.close();
 */
export async function watchTlsFiles(
  files: TlsFiles,
  { debounceMs = 100, logger = processWarningLogger }: WatchTlsFilesOptions = {},
): Promise<TlsWatcher> {
  return new FileTlsWatcher(files, await loadTlsMaterial(files), debounceMs, logger);
}

class FileTlsWatcher extends EventEmitter<TlsWatcherEvents> implements TlsWatcher {
  readonly files: TlsFiles;
  #current: TlsMaterial;
  readonly #debounceMs: number;
  readonly #logger: TlsLogger;
  readonly #watchers: FSWatcher[];
  #timer: NodeJS.Timeout | undefined;
  #loading = false;
  #changedWhileLoading = false;
  #closed = false;

  constructor(files: TlsFiles, material: TlsMaterial, debounceMs: number, logger: TlsLogger) {
    super();
    this.files = files;
    this.#current = material;
    this.#debounceMs = debounceMs;
    this.#logger = logger;
    const paths = [files.certFile, files.keyFile, files.caFile].filter(
      (path) => path !== undefined,
    );
    const names = new Set(paths.map((path) => basename(path)));
    this.#watchers = [...new Set(paths.map((path) => dirname(path)))].map((folder) =>
      watch(folder, { persistent: false }, (_event, name) => {
        // Kubelet's `..data`/`..<timestamp>` entries start with two dots; other files are noise.
        if (name === null || name.startsWith('..') || names.has(name)) this.#schedule();
      }).on('error', (error) => {
        this.#logger.warn({ folder, error: error.message }, 'Stopped watching TLS files');
      }),
    );
  }

  get current(): TlsMaterial {
    return this.#current;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
  }

  #schedule(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reload(), this.#debounceMs).unref();
  }

  async #reload(): Promise<void> {
    if (this.#loading) {
      this.#changedWhileLoading = true;
      return;
    }
    this.#loading = true;
    let next: TlsMaterial | undefined;
    try {
      next = await loadTlsMaterial(this.files);
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      this.#logger.warn(
        { error: reason.message },
        'TLS files changed but do not load; keeping the current certificate',
      );
      if (!this.#closed) this.emit('reload-failed', reason);
    } finally {
      this.#loading = false;
    }
    if (next !== undefined && !this.#closed && !sameMaterial(next, this.#current)) {
      this.#current = next;
      this.#logger.info(
        { serialNumber: next.certificate.serialNumber, validTo: next.certificate.validTo },
        'TLS files reloaded',
      );
      this.emit('reload', next);
    }
    if (this.#changedWhileLoading) {
      this.#changedWhileLoading = false;
      this.#schedule();
    }
  }
}

function sameMaterial(a: TlsMaterial, b: TlsMaterial): boolean {
  const sameCa = a.ca === undefined ? b.ca === undefined : b.ca !== undefined && a.ca.equals(b.ca);
  return sameCa && a.cert.equals(b.cert) && a.key.equals(b.key);
}
