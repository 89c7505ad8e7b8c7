// Runs the integration suite in desktop VS Code through @vscode/test-electron:
//   npm run test:electron
// @vscode/test-electron downloads VS Code 1.100.3 from
// update.code.visualstudio.com into <cache>/vscode-test/ (the cache is
// $LUNO_CACHE_DIR, else ~/.cache/luno-ai), so this only works on a
// machine with access to that host, and it is not part of `npm test`. The
// end-to-end tests in test/e2e/ run the same extension in code-server instead.
//
// NOTE: desktop VS Code runs extensions in Electron's Node, whose native module
// ABI differs from the system Node that `npm ci` builds better-sqlite3 for.
// Rebuild better-sqlite3 for that Electron version before running this suite,
// or the extension fails to open its database.
import { runTests } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { cacheDir } from '../e2e/harness/paths';

const VSCODE_VERSION = '1.100.3';

const repoRoot = path.resolve(__dirname, '..', '..');
const suiteSource = path.join(repoRoot, 'test', 'electron', 'suite');
const suiteOutput = path.join(repoRoot, 'out', 'electron', 'suite');

/** Bundles the suite runner and each `*.test.ts` to CommonJS, the module format VS Code loads test runners in. */
async function bundleSuite(): Promise<void> {
  const tests = (await fs.readdir(suiteSource)).filter((name) => name.endsWith('.test.ts'));
  const entryPoints = ['index.ts', ...tests].map((name) => path.join(suiteSource, name));

  await fs.rm(suiteOutput, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suiteOutput,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** Copies the sample content (or the shared corpus) into a temporary workspace the suite may change. */
async function createWorkspace(tempRoot: string): Promise<string> {
  const candidates = [
    path.join(repoRoot, 'test', 'fixtures', 'sample-content'),
    path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai'),
  ];
  const source = candidates.find((candidate) => existsSync(candidate));
  if (source === undefined) {
    throw new Error(`Content folder not found: ${candidates.join(', ')}. Add test/fixtures/sample-content.`);
  }

  const workspace = path.join(tempRoot, 'workspace');
  await fs.cp(source, workspace, { recursive: true });
  return workspace;
}

async function main(): Promise<void> {
  await bundleSuite();

  const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-electron-'));
  try {
    const workspace = await createWorkspace(tempRoot);
    await runTests({
      version: VSCODE_VERSION,
      cachePath: path.join(cacheDir(), 'vscode-test'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(suiteOutput, 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${path.join(tempRoot, 'user-data')}`,
      ],
    });
  } finally {
    await fs.rm(tempRoot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('Integration tests in desktop VS Code failed:', error);
  process.exit(1);
});
