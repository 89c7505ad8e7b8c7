import path from 'node:path';
import * as vscode from 'vscode';

import { errorMessage } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import type { ChromaEndpoint } from '../../core/search/chroma/client';
import { ChromaServer, type ChromaServerState } from '../../core/search/chroma/server';
import { CHROMA_DATA_FOLDER, SecretKeys, Settings } from '../constants';

/** Location of the vectors: the server this extension starts, or the one named in `luno.chroma.url`. */
export type ChromaMode = 'embedded' | 'remote';

/** Chroma's state as the status bar and the messages show it. */
export interface ChromaState {
  readonly mode: ChromaMode;
  readonly state: ChromaServerState;
  /** Base URL of the server, once known. */
  readonly url: string | undefined;
  /** Reason the server is not usable; undefined while it is. */
  readonly problem: string | undefined;
}

/** Settings that decide which Chroma server is used; a change of any of them restarts the lifecycle. */
export const CHROMA_SETTINGS = [Settings.chromaUrl, Settings.chromaTenant, Settings.chromaDatabase].map(
  (key) => `${Settings.section}.${key}`,
);

/**
 * Provides the Chroma endpoint of the session. With `luno.chroma.url` empty it
 * runs the embedded server, which keeps its data in `<global storage>/chroma`,
 * binds to 127.0.0.1 on a free port and is restarted with backoff by
 * ChromaServer. Otherwise it points at the named server, with the token kept
 * in SecretStorage. Failures
 * are logged and reported through `state`; search then serves keyword results.
 */
export class ChromaLifecycle implements vscode.Disposable {
  private readonly logger: Logger;
  private server: ChromaServer | undefined;
  private remote: ChromaEndpoint | undefined;
  private current: ChromaState = { mode: 'embedded', state: 'stopped', url: undefined, problem: undefined };
  private readonly changeEmitter = new vscode.EventEmitter<ChromaState>();

  /** Fires when the server starts, stops, dies, restarts or the configuration changes. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly storageDir: string,
    private readonly secrets: vscode.SecretStorage,
    logger: Logger,
  ) {
    this.logger = withComponent(logger, 'chroma-lifecycle');
  }

  get state(): ChromaState {
    return this.current;
  }

  /** Returns the endpoint to use now, or undefined while no server is usable. */
  endpoint(): ChromaEndpoint | undefined {
    if (this.remote !== undefined) {
      return this.remote;
    }
    const url = this.server?.url;
    if (url === undefined || this.server?.state !== 'running') {
      return undefined;
    }
    return { url };
  }

  /**
   * Starts the embedded server or sets up the remote endpoint, as configured.
   * Resolves when the server responds or has failed; never rejects.
   */
  async start(): Promise<void> {
    const configuration = vscode.workspace.getConfiguration(Settings.section);
    const url = configuration.get<string>(Settings.chromaUrl, '').trim();

    if (url === '') {
      await this.startEmbedded();
      return;
    }
    await this.useRemote(url, configuration);
  }

  /** Stops the embedded server (if any) and starts again from the current settings. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Stops the embedded server and drops the remote endpoint. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.remote = undefined;
    if (server !== undefined) {
      await server.stop();
    }
    this.setState({ ...this.current, state: 'stopped', url: undefined, problem: undefined });
  }

  /** Sends the embedded server SIGTERM now (SIGKILL follows after its stop timeout). */
  dispose(): void {
    void this.stop().catch((error: unknown) => this.logger.error(`stopping Chroma failed: ${errorMessage(error)}`));
    this.changeEmitter.dispose();
  }

  private async startEmbedded(): Promise<void> {
    const persistDirectory = path.join(this.storageDir, CHROMA_DATA_FOLDER);
    const server = new ChromaServer({
      persistDirectory,
      logger: this.logger,
      onStateChange: (state) => {
        if (this.server !== server) {
          return;
        }
        const problem =
          state === 'failed' ? `the local Chroma server (data in ${persistDirectory}) failed; see the Luno-AI log` : undefined;
        this.setState({ mode: 'embedded', state, url: server.url, problem });
      },
    });
    this.server = server;
    this.setState({ mode: 'embedded', state: 'starting', url: undefined, problem: undefined });

    try {
      await server.start();
    } catch (error) {
      this.logger.error(`the local Chroma server did not start; search serves keyword results: ${errorMessage(error)}`);
      if (this.server === server) {
        this.setState({ mode: 'embedded', state: 'failed', url: undefined, problem: errorMessage(error) });
      }
    }
  }

  private async useRemote(url: string, configuration: vscode.WorkspaceConfiguration): Promise<void> {
    const settingName = `${Settings.section}.${Settings.chromaUrl}`;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      const problem = `${settingName} "${url}" is not a valid URL; set it to a URL like http://127.0.0.1:8000 or clear it to use the embedded server`;
      this.logger.error(problem);
      this.setState({ mode: 'remote', state: 'failed', url, problem });
      return;
    }

    const token = await this.secrets.get(SecretKeys.chromaToken);
    const tenant = configuration.get<string>(Settings.chromaTenant, '').trim();
    const database = configuration.get<string>(Settings.chromaDatabase, '').trim();
    this.remote = {
      url: parsed.toString().replace(/\/+$/, ''),
      ...(token === undefined || token === '' ? {} : { token }),
      ...(tenant === '' ? {} : { tenant }),
      ...(database === '' ? {} : { database }),
    };

    // Reachability is checked by the search service's heartbeat, so a server that comes up later is used.
    this.logger.info(
      `using the Chroma server at ${this.remote.url} (tenant ${tenant || 'default'}, database ${database || 'default'}, ${token ? 'with' : 'without'} a token)`,
    );
    this.setState({ mode: 'remote', state: 'running', url: this.remote.url, problem: undefined });
  }

  private setState(state: ChromaState): void {
    this.current = state;
    this.changeEmitter.fire(state);
  }
}
