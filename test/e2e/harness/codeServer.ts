// Starts and stops code-server (VS Code 1.100.3 in a browser) for one test.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { installExtension } from './extensions';
import { artifactsDirFor, codeServerEntry, codeServerMarker } from './paths';
import { userSettingsFile, writeUserSettings } from './settings';

export interface CodeServerOptions {
  /** Name of the artifacts folder `.e2e-artifacts/<slug>/`, usually the test name. Its old content is removed. */
  readonly name: string;
  /** Artifacts folder to use in place of `.e2e-artifacts/<slug>/`. Its old content is removed too. */
  readonly artifactsDir?: string;
  /** Extension folders (each with a package.json) to install, e.g. the repository root. */
  readonly extensions?: readonly string[];
  /** User settings written on top of the deterministic defaults. */
  readonly settings?: Record<string, unknown>;
  /** Port on 127.0.0.1; 0 (the default) lets the system pick a free one. */
  readonly port?: number;
  /**
   * A user-data dir that outlives the server (settings, global storage and
   * logs stay there, so stop() copies no logs). Its settings.json is written
   * only when missing. When unset, a fresh temporary folder is used and
   * removed by stop().
   */
  readonly userDataDir?: string;
  /** Time allowed for code-server to start listening, in milliseconds (default 60000). */
  readonly startupTimeoutMs?: number;
}

export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** `<userDataDir>/logs`: one folder per server start, with `exthost<N>/` per window load. */
  readonly logsDir: string;
  /** `.e2e-artifacts/<slug>/`, which keeps the server output and, after stop(), a copy of the logs. */
  readonly artifactsDir: string;
  /** File that receives code-server's stdout and stderr. */
  readonly outputFile: string;
  /** Settles when the code-server process exits, for whatever reason. */
  readonly exited: Promise<ServerExit>;
  /** Workbench URL that opens `folder`, or the empty window when no folder is given. */
  url(folder?: string): string;
  /** Global storage folder of an extension (`<publisher>.<name>`). */
  globalStorageDir(extensionId: string): string;
  /** Stops the server's process group, copies the logs to the artifacts folder and removes the temporary folders. */
  stop(): Promise<void>;
}

export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const LISTENING_LINE = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)\//;
const STOP_GRACE_MS = 5000;

/**
 * Starts code-server on 127.0.0.1 with fresh extensions and config folders,
 * the given extensions installed and deterministic user settings, and
 * resolves once it listens. It fails when code-server is not set up (run
 * scripts/setup-code-server.sh), exits early or does not listen in time.
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!existsSync(codeServerMarker())) {
    throw new Error(`code-server is not set up: ${codeServerMarker()} is missing. Run: bash scripts/setup-code-server.sh`);
  }

  const artifactsDir = options.artifactsDir ?? artifactsDirFor(options.name);
  await fs.rm(artifactsDir, { recursive: true, force: true });
  await fs.mkdir(artifactsDir, { recursive: true });

  const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-code-server-'));
  const userDataDir = options.userDataDir ?? path.join(tempRoot, 'user-data');
  const extensionsDir = path.join(tempRoot, 'extensions');
  const homeDir = path.join(tempRoot, 'xdg');
  const configFile = path.join(tempRoot, 'config.yaml');

  try {
    await prepareFolders(options, { userDataDir, extensionsDir, homeDir, configFile });
  } catch (error) {
    await fs.rm(tempRoot, { recursive: true, force: true });
    throw error;
  }

  const outputFile = path.join(artifactsDir, 'code-server.log');
  const child = spawnCodeServer({
    port: options.port ?? 0,
    configFile,
    userDataDir,
    extensionsDir,
    homeDir,
    outputFile,
  });
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  let port: number;
  try {
    port = await waitForListening(child, outputFile, options.startupTimeoutMs ?? 60_000);
  } catch (error) {
    await stopProcessGroup(child);
    process.off('exit', killOnExit);
    await fs.rm(tempRoot, { recursive: true, force: true });
    throw error;
  }

  const origin = `http://127.0.0.1:${port}`;
  const logsDir = path.join(userDataDir, 'logs');
  let stopped = false;

  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    logsDir,
    artifactsDir,
    outputFile,
    exited,
    url(folder?: string): string {
      const url = new URL(`${origin}/`);
      if (folder !== undefined) {
        url.searchParams.set('folder', path.resolve(folder));
      }
      return url.toString();
    },
    globalStorageDir(extensionId: string): string {
      // VS Code keys global storage by the lower-cased extension id.
      return path.join(userDataDir, 'User', 'globalStorage', extensionId.toLowerCase());
    },
    async stop(): Promise<void> {
      if (stopped) {
        return;
      }
      stopped = true;

      await stopProcessGroup(child);
      process.off('exit', killOnExit);

      if (options.userDataDir === undefined && existsSync(logsDir)) {
        await fs.cp(logsDir, path.join(artifactsDir, 'logs'), { recursive: true });
      }
      await fs.rm(tempRoot, { recursive: true, force: true });
    },
  };
}

interface ServerFolders {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly homeDir: string;
  readonly configFile: string;
}

async function prepareFolders(options: CodeServerOptions, folders: ServerFolders): Promise<void> {
  await fs.mkdir(folders.extensionsDir, { recursive: true });
  await fs.mkdir(folders.homeDir, { recursive: true });

  for (const folder of options.extensions ?? []) {
    await installExtension(folder, folders.extensionsDir);
  }

  if (options.userDataDir === undefined || !existsSync(userSettingsFile(folders.userDataDir))) {
    await writeUserSettings(folders.userDataDir, options.settings);
  }

  // An own config file keeps code-server from writing a default one (with a password) into ~/.config.
  await fs.writeFile(folders.configFile, 'auth: none\n');
}

interface SpawnSettings {
  readonly port: number;
  readonly configFile: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly homeDir: string;
  readonly outputFile: string;
}

function spawnCodeServer(settings: SpawnSettings): ChildProcess {
  const args = [
    codeServerEntry(),
    '--config',
    settings.configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${settings.port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    settings.userDataDir,
    '--extensions-dir',
    settings.extensionsDir,
  ];

  const env = {
    ...process.env,
    // code-server keeps its own logs and state under the XDG folders.
    XDG_CONFIG_HOME: settings.homeDir,
    XDG_DATA_HOME: settings.homeDir,
    // An empty gallery turns off extension marketplace requests, so nothing leaves 127.0.0.1.
    EXTENSIONS_GALLERY: '{}',
  };

  // A process group of its own lets stop() end code-server and its extension hosts together.
  const child = spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });

  const output = createWriteStream(settings.outputFile);
  child.stdout?.pipe(output, { end: false });
  child.stderr?.pipe(output, { end: false });
  child.once('close', () => output.end());
  return child;
}

function waitForListening(child: ChildProcess, outputFile: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';

    const finish = (error: Error | undefined, port?: number): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error !== undefined) {
        reject(error);
      } else {
        resolve(port as number);
      }
    };

    const onData = (chunk: Buffer): void => {
      seen += chunk.toString('utf8');
      const match = LISTENING_LINE.exec(seen);
      if (match !== null) {
        finish(undefined, Number(match[1]));
      }
    };

    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      finish(new Error(`code-server exited before listening (code ${code}, signal ${signal}). Its output is in ${outputFile}:\n${seen}`));
    };

    const timer = setTimeout(() => {
      finish(new Error(`code-server did not listen within ${timeoutMs} ms. Its output is in ${outputFile}:\n${seen}`));
    }, timeoutMs);

    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the whole group has already exited.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

function groupIsAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) {
    return false;
  }
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGTERM to the process group, then SIGKILL to whatever is left after a grace period. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  killGroup(child, 'SIGTERM');

  const deadline = Date.now() + STOP_GRACE_MS;
  while (groupIsAlive(child) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  if (groupIsAlive(child)) {
    killGroup(child, 'SIGKILL');
  }
}
