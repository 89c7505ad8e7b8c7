import path from 'node:path';
import * as vscode from 'vscode';

import { findContentRoots, scanContent, type ContentModel, type ContentRoot } from '../core/content';
import { errorMessage } from '../core/errors';
import { withComponent, type Logger } from '../core/log';
import { Settings } from './constants';
import { findTechnologyFile, reparseTechnology } from './contentModelUpdate';

/** Change of the content model. */
export interface ContentChange {
  readonly model: ContentModel;
  /** True after a full scan, when anything may have changed (roots, files, names). */
  readonly fullScan: boolean;
  /** Absolute paths of the PRDs parsed again; empty after a full scan. */
  readonly changedFiles: readonly string[];
}

/** Content folders whose files are watched below each content root. */
const WATCHED_GLOB = '{integrations,research,labs}/**';

/** Folders whose creation makes a workspace folder a content root. */
const ROOT_MARKER_GLOB = '{integrations,research}';

const EMPTY_MODEL: ContentModel = { roots: [], domains: [], research: [], labs: [], problems: [] };

/**
 * Holds the content model of the workspace and keeps it current: creates, deletes
 * and renames under a content root trigger a full scan, a change or save of a known
 * PRD parses that file again. Events are collected for `debounceMs` and applied in
 * order, one update at a time.
 */
export class ContentWatcher implements vscode.Disposable {
  private current: ContentModel = EMPTY_MODEL;
  private readonly changeEmitter = new vscode.EventEmitter<ContentChange>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private rootWatchers: vscode.Disposable[] = [];
  private watchedRoots = '';

  private pendingFiles = new Set<string>();
  private pendingFullScan = false;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  private readonly logger: Logger;

  /** Fires after each update of the model. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    logger: Logger,
    private readonly debounceMs = 300,
  ) {
    this.logger = withComponent(logger, 'content-watcher');
  }

  /** The current content model; empty until the first scan finishes. */
  get model(): ContentModel {
    return this.current;
  }

  /** Subscribes to workspace events and runs the first scan. */
  async start(): Promise<ContentModel> {
    this.subscriptions.push(
      vscode.workspace.onDidSaveTextDocument((document) => this.onFileEvent(document.uri, 'change')),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleFullScan('workspace folders changed')),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${Settings.section}.${Settings.contentRoot}`)) {
          this.scheduleFullScan(`${Settings.section}.${Settings.contentRoot} changed`);
        }
      }),
    );

    await this.rescan();
    return this.current;
  }

  /** Finds the content roots again, scans them all and fires a change. */
  rescan(): Promise<ContentModel> {
    return this.enqueue(() => this.fullScan()).then(() => this.current);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions, ...this.rootWatchers, this.changeEmitter).dispose();
    this.rootWatchers = [];
  }

  private onFileEvent(uri: vscode.Uri, kind: 'create' | 'change' | 'delete'): void {
    if (uri.scheme !== 'file' || !this.isUnderRoot(uri.fsPath)) {
      return;
    }

    this.logger.trace(`${kind} ${uri.fsPath}`);
    if (kind === 'change') {
      this.pendingFiles.add(uri.fsPath);
    } else {
      this.pendingFullScan = true;
    }
    this.arm();
  }

  private scheduleFullScan(reason: string): void {
    this.logger.debug(`full scan scheduled: ${reason}`);
    this.pendingFullScan = true;
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  private flush(): void {
    const files = [...this.pendingFiles];
    const full = this.pendingFullScan;
    this.pendingFiles = new Set();
    this.pendingFullScan = false;

    void this.enqueue(() => (full ? this.fullScan() : this.reparseFiles(files)));
  }

  /** Runs updates one after another; a failed update is logged and does not stop later ones. */
  private enqueue(update: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.disposed) {
        return;
      }
      try {
        await update();
      } catch (error) {
        this.logger.error(`updating the content model failed: ${errorMessage(error)}`, error);
      }
    });
    return this.queue;
  }

  private async fullScan(): Promise<void> {
    const roots = this.findRoots();
    this.watchRoots(roots);

    const model = await scanContent(roots, { logger: this.logger });
    if (this.disposed) {
      return;
    }

    this.current = model;
    this.changeEmitter.fire({ model, fullScan: true, changedFiles: [] });
  }

  /** Parses changed PRDs again; anything that is not a known PRD (research, labs, _index.md) takes a full scan. */
  private async reparseFiles(files: readonly string[]): Promise<void> {
    let model = this.current;
    const changed: string[] = [];

    for (const file of files) {
      const location = findTechnologyFile(model, file);
      if (!location) {
        this.logger.debug(`${file} is not a known PRD; scanning everything again`);
        await this.fullScan();
        return;
      }

      model = await reparseTechnology(model, location);
      changed.push(file);
    }

    if (this.disposed || changed.length === 0) {
      return;
    }

    this.current = model;
    this.logger.debug(`parsed again: ${changed.join(', ')}`);
    this.changeEmitter.fire({ model, fullScan: false, changedFiles: changed });
  }

  private findRoots(): ContentRoot[] {
    const folders = (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => ({ name: folder.name, path: folder.uri.fsPath }));
    const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.contentRoot, '');

    const roots = findContentRoots(folders, configured);
    this.logger.info(`content roots: ${roots.map((root) => root.path).join(', ') || '(none)'}`);
    return roots;
  }

  /** Replaces the file watchers: one per content root, one per workspace folder for new roots. */
  private watchRoots(roots: readonly ContentRoot[]): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString());
    const watched = JSON.stringify([roots.map((root) => root.path), folders]);
    if (watched === this.watchedRoots) {
      return;
    }

    this.watchedRoots = watched;
    vscode.Disposable.from(...this.rootWatchers).dispose();
    this.rootWatchers = [];

    for (const root of roots) {
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(root.path), WATCHED_GLOB),
      );
      this.rootWatchers.push(
        watcher,
        watcher.onDidCreate((uri) => this.onFileEvent(uri, 'create')),
        watcher.onDidChange((uri) => this.onFileEvent(uri, 'change')),
        watcher.onDidDelete((uri) => this.onFileEvent(uri, 'delete')),
      );
    }

    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, ROOT_MARKER_GLOB));
      this.rootWatchers.push(
        watcher,
        watcher.onDidCreate(() => this.scheduleFullScan(`content folder created in ${folder.name}`)),
        watcher.onDidDelete(() => this.scheduleFullScan(`content folder deleted in ${folder.name}`)),
      );
    }
  }

  private isUnderRoot(file: string): boolean {
    return this.current.roots.some((root) => {
      const relative = path.relative(root.path, file);
      return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
    });
  }
}
