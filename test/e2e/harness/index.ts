// End-to-end harness: a real code-server driven by a real Chromium.
export { screenshot } from './artifacts';
export { CHROMIUM_PATH, launchBrowser, VIEWPORT, type BrowserSession } from './browser';
export { startCodeServer, type CodeServer, type CodeServerOptions, type ServerExit } from './codeServer';
export { codeLens, editorTab, openFile } from './editor';
export { installExtension, readManifest, type ExtensionManifest } from './extensions';
export { readExtensionHostLog, readOutputChannel, type HasLogsDir } from './logs';
export { artifactsDirFor, artifactsRoot, cacheDir, CODE_SERVER_VERSION, codeServerDir, repoRoot } from './paths';
export { fillQuickInput, pickQuickItem, quickInput, quickPickItems } from './quickInput';
export { startWorkbench, type WorkbenchSession, type WorkbenchSessionOptions } from './session';
export { deterministicSettings } from './settings';
export { expand, isChecked, toggleCheckbox, treeCheckbox, treeItem, treeView } from './tree';
export {
  activityBarItem,
  notifications,
  openViewContainer,
  openWorkbench,
  reloadWindow,
  runCommand,
  waitForNotification,
  waitForWorkbench,
} from './workbench';
export { webviewContent } from './webview';
