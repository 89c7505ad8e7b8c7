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
  /** Interval of heartbeat checks on a server started by another process, in milliseconds. Default 5,000. */
  readonly sharedCheckIntervalMs?: number;
}

const HEARTBEAT_PATH = '/api/v2/heartbeat';
const HOST = '127.0.0.1';
/** File in the data folder that records the running server: its pid, its port and the pid of the process that owns it. */
const PID_FILE = 'luno-chroma.pid';

/** Contents of the pid file. Files written before `owner` and `port` existed hold the bare server pid. */
interface ServerRecord {
  readonly server: number;
  readonly owner?: number;
  readonly port?: number;
}

function readServerRecord(file: string): ServerRecord | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return { server: Number(text) };
  }
  try {
    const record = JSON.parse(text) as Partial<ServerRecord>;
    return Number.isInteger(record.server) && record.server! > 0 ? (record as ServerRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** Returns whether a process with this pid exists; EPERM means it exists under another user. */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
  /** Heartbeat timer while this object uses a server that another process owns. */
  private sharedWatch: NodeJS.Timeout | undefined;

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

  /** Process id of the server this object started, for tests and diagnostics; undefined while it uses another process's server. */
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
    this.stopSharedWatch();
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
   * Checks the pid file for a server on this data folder, because two servers
   * must not share one folder. Returns the port of a live server whose owner
   * (another VS Code window, say) is still running, so this object can use it.
   * Stops a server whose owner is gone (it crashed or was killed). The pid is
   * trusted only when /proc shows a Chroma command line with this folder.
   */
  private async findSharedServer(): Promise<number | undefined> {
    // NOTE: two processes that both find no record at the same moment each start a server on the folder.
    const record = readServerRecord(this.pidFile);
    if (record === undefined) {
      rmSync(this.pidFile, { force: true });
      return undefined;
    }
    const pid = record.server;

    // NOTE: only Linux exposes /proc; elsewhere a leftover server keeps running until it is ended by hand.
    let commandLine: string;
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      rmSync(this.pidFile, { force: true });
      return undefined;
    }
    if (!commandLine.includes('cli.mjs') || !commandLine.includes(this.options.persistDirectory)) {
      rmSync(this.pidFile, { force: true });
      return undefined;
    }

    if (record.owner !== undefined && record.port !== undefined && processExists(record.owner)) {
      if (await this.heartbeat(record.port)) {
        this.logger.info(`using the Chroma server pid ${pid} of process ${record.owner} at ${HOST}:${record.port}`);
        return record.port;
      }
      this.logger.warn(`the Chroma server pid ${pid} of process ${record.owner} does not respond; replacing it`);
    }

    rmSync(this.pidFile, { force: true });
    this.logger.warn(`stopping an orphaned Chroma server (pid ${pid}) left on ${this.options.persistDirectory}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      this.logger.warn(`stopping the orphaned Chroma server pid ${pid} failed: ${errorMessage(error)}`);
      return undefined;
    }
    for (let waited = 0; waited < 5000 && existsSync(`/proc/${pid}`); waited += 50) {
      await delay(50);
    }
    return undefined;
  }

  /** Uses a server that another process owns, and starts its own server when that one stops responding. */
  private useSharedServer(port: number): string {
    this.port = port;
    this.child = undefined;
    this.setState('running');

    const intervalMs = this.options.sharedCheckIntervalMs ?? 5000;
    this.sharedWatch = setInterval(() => {
      void this.heartbeat(port).then((alive) => {
        if (alive || this.stopping || this.sharedWatch === undefined) {
          return;
        }
        this.stopSharedWatch();
        this.logger.warn(`the shared Chroma server at ${HOST}:${port} stopped responding; starting its own server`);
        this.port = undefined;
        void this.restart();
      });
    }, intervalMs);
    this.sharedWatch.unref();
    return this.url!;
  }

  private stopSharedWatch(): void {
    if (this.sharedWatch !== undefined) {
      clearInterval(this.sharedWatch);
      this.sharedWatch = undefined;
    }
  }

  private async heartbeat(port: number): Promise<boolean> {
    try {
      const response = await fetch(`http://${HOST}:${port}${HEARTBEAT_PATH}`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    } catch {
      return false;
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
    const shared = await this.findSharedServer();
    if (shared !== undefined) {
      return this.useSharedServer(shared);
    }

    const port = this.port ?? (await findFreePort());
    this.port = port;

    const child = this.spawnChild(port);
    this.child = child;
    if (child.pid !== undefined) {
      const record: ServerRecord = { server: child.pid, owner: process.pid, port };
      writeFileSync(this.pidFile, JSON.stringify(record));
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
