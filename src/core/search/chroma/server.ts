/**
 * Lifecycle of a local Chroma server: the `chroma run` command of the
 * `chromadb` package, started as a child process under Node semantics,
 * bound to 127.0.0.1 on a free port, restarted with backoff when it dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { errorMessage, VectorStoreError } from '../../errors';
import { withComponent, type Logger } from '../../log';

export type ChromaServerState = 'stopped' | 'starting' | 'running' | 'restarting' | 'failed';

export interface ChromaServerOptions {
  /** Folder where Chroma keeps its data; created when missing. */
  readonly persistDirectory: string;
  readonly logger: Logger;
  /** Path of `chromadb/dist/cli.mjs`; resolved from the installed package by default. */
  readonly cliPath?: string;
  /** Node executable; `process.execPath` by default (run with ELECTRON_RUN_AS_NODE=1 inside VS Code). */
  readonly nodePath?: string;
  /** Maximum time to wait for the heartbeat after a start, in milliseconds. Default 30,000. */
  readonly startTimeoutMs?: number;
  /** Maximum time between SIGTERM and SIGKILL on stop, in milliseconds. Default 5,000. */
  readonly stopTimeoutMs?: number;
  /** Restarts after unexpected exits before the server is marked failed. Default 5. */
  readonly maxRestarts?: number;
  /** Delay before the first restart, doubled on each further one, in milliseconds. Default 500. */
  readonly restartDelayMs?: number;
  /** Called on every state change. */
  readonly onStateChange?: (state: ChromaServerState) => void;
}

const HEARTBEAT_PATH = '/api/v2/heartbeat';
const HOST = '127.0.0.1';
/** File in the data folder that contains the running server's pid. */
const PID_FILE = 'luno-chroma.pid';

/** Returns the path of the Chroma command line script inside the installed `chromadb` package. */
export function resolveChromaCli(): string {
  const entry = require.resolve('chromadb');

  // The package's main entry is dist/cjs/chromadb.cjs; the CLI is dist/cli.mjs.
  return path.resolve(path.dirname(entry), '..', 'cli.mjs');
}

/** Returns a TCP port that is free on 127.0.0.1 at the time of the call. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Strips ANSI colour codes from one line of the server's output. */
function plainText(line: string): string {
  return line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A local Chroma server process. Call `start()` once, `dispose()` when done. */
export class ChromaServer {
  private readonly logger: Logger;
  private child: ChildProcess | undefined;
  private port: number | undefined;
  private currentState: ChromaServerState = 'stopped';
  private restarts = 0;
  private stopping = false;
  private starting: Promise<string> | undefined;

  constructor(private readonly options: ChromaServerOptions) {
    this.logger = withComponent(options.logger, 'chroma');
  }

  get state(): ChromaServerState {
    return this.currentState;
  }

  /** Base URL of the server, for example `http://127.0.0.1:41234`, once it was started. */
  get url(): string | undefined {
    return this.port === undefined ? undefined : `http://${HOST}:${this.port}`;
  }

  /** Process id of the running server, for tests and diagnostics. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server and resolves with its URL once the heartbeat responds. */
  start(): Promise<string> {
    if (this.starting !== undefined) {
      return this.starting;
    }
    this.stopping = false;
    this.restarts = 0;
    this.starting = this.launch('starting').finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Stops the server: SIGTERM, then SIGKILL when it has not exited after the stop timeout. */
  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
      this.setState('stopped');
      return;
    }

    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');

    const timeoutMs = this.options.stopTimeoutMs ?? 5000;
    const timer = setTimeout(() => {
      this.logger.warn(`server pid ${child.pid} ignored SIGTERM for ${timeoutMs} ms; sending SIGKILL`);
      child.kill('SIGKILL');
    }, timeoutMs);

    await exited;
    clearTimeout(timer);
    rmSync(this.pidFile, { force: true });
    this.setState('stopped');
  }

  private get pidFile(): string {
    return path.join(this.options.persistDirectory, PID_FILE);
  }

  /**
   * Stops a server that an earlier process started on the same data folder
   * and never stopped (it crashed or was killed), because two servers must
   * not share one folder. The pid is trusted only when /proc shows a Chroma
   * command line with that folder.
   */
  private async stopOrphan(): Promise<void> {
    if (!existsSync(this.pidFile)) {
      return;
    }
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    rmSync(this.pidFile, { force: true });
    if (!Number.isInteger(pid) || pid <= 0) {
      return;
    }

    // NOTE: only Linux exposes /proc; elsewhere an orphaned server keeps running until it is ended by hand.
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      return;
    }
    if (!commandLine.includes('cli.mjs') || !commandLine.includes(this.options.persistDirectory)) {
      return;
    }
    this.logger.warn(`stopping an orphaned Chroma server (pid ${pid}) left on ${this.options.persistDirectory}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      this.logger.warn(`stopping the orphaned Chroma server pid ${pid} failed: ${errorMessage(error)}`);
      return;
    }
    for (let waited = 0; waited < 5000 && existsSync(`/proc/${pid}`); waited += 50) {
      await delay(50);
    }
  }

  dispose(): void {
    void this.stop();
  }

  private setState(state: ChromaServerState): void {
    if (state === this.currentState) {
      return;
    }
    this.currentState = state;
    this.options.onStateChange?.(state);
  }

  private async launch(state: 'starting' | 'restarting'): Promise<string> {
    this.setState(state);
    mkdirSync(this.options.persistDirectory, { recursive: true });

    // A restart keeps the port, so clients that kept the URL reconnect. When
    // the port was taken in the meantime, the start fails and the next try picks a new one.
    const port = this.port ?? (await findFreePort());
    this.port = port;

    await this.stopOrphan();
    const child = this.spawnChild(port);
    this.child = child;
    if (child.pid !== undefined) {
      writeFileSync(this.pidFile, String(child.pid));
    }

    try {
      await this.waitForHeartbeat(child, port);
    } catch (error) {
      child.kill('SIGKILL');
      this.port = undefined;
      this.setState('failed');
      throw new VectorStoreError(
        `The local Chroma server did not start on ${HOST}:${port} (data in ${this.options.persistDirectory}): ${errorMessage(error)}. See the Luno log for its output.`,
        { cause: error },
      );
    }

    this.logger.info(`server ready at ${this.url} (pid ${child.pid}, data in ${this.options.persistDirectory})`);
    this.setState('running');
    return this.url!;
  }

  private spawnChild(port: number): ChildProcess {
    const cli = this.options.cliPath ?? resolveChromaCli();
    const node = this.options.nodePath ?? process.execPath;
    const args = [cli, 'run', '--path', this.options.persistDirectory, '--host', HOST, '--port', String(port)];

    this.logger.info(`starting server on ${HOST}:${port} with data in ${this.options.persistDirectory}`);
    const child = spawn(node, args, {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const text = plainText(line);
      if (text.trim() !== '') {
        this.logger.debug(text);
      }
    });
    // Chroma writes its log lines, not only errors, to stderr: the level comes from the text.
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      const text = plainText(line);
      if (text.trim() === '') {
        return;
      }
      if (/\b(ERROR|panicked)\b/.test(text)) {
        this.logger.error(text);
      } else if (/\bWARN\b/.test(text)) {
        this.logger.warn(text);
      } else {
        this.logger.info(text);
      }
    });

    child.on('error', (error) => {
      this.logger.error(`server process failed: ${error.message}`);
    });
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    return child;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) {
      return;
    }
    if (this.stopping) {
      this.logger.info(`server pid ${child.pid} stopped`);
      return;
    }
    if (this.currentState !== 'running') {
      return;
    }

    this.logger.warn(`server pid ${child.pid} exited unexpectedly (code ${code}, signal ${signal})`);
    void this.restart();
  }

  private async restart(): Promise<void> {
    const maxRestarts = this.options.maxRestarts ?? 5;
    while (!this.stopping && this.restarts < maxRestarts) {
      this.restarts += 1;
      const wait = (this.options.restartDelayMs ?? 500) * 2 ** (this.restarts - 1);
      this.logger.info(`restart ${this.restarts} of ${maxRestarts} in ${wait} ms`);
      this.setState('restarting');
      await delay(wait);
      if (this.stopping) {
        return;
      }

      try {
        await this.launch('restarting');
        return;
      } catch (error) {
        this.logger.error(`restart ${this.restarts} failed: ${errorMessage(error)}`);
      }
    }
    if (!this.stopping) {
      this.logger.error(`server gave up after ${maxRestarts} restarts; search falls back to keyword results`);
      this.setState('failed');
    }
  }

  private async waitForHeartbeat(child: ChildProcess, port: number): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const url = `http://${HOST}:${port}${HEARTBEAT_PATH}`;

    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the process exited with code ${child.exitCode} (signal ${child.signalCode}) before it responded`);
      }
      if (this.stopping) {
        throw new Error('the server was stopped while starting');
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
        if (response.ok) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      await delay(100);
    }
    throw new Error(`no heartbeat within ${timeoutMs} ms`);
  }
}
