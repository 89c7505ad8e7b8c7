// `npm start [-- [options] [FOLDER]]`: builds the extension and opens a
// content folder in an editor with the extension loaded. With a `code`
// command on PATH it starts VS Code in extension development mode.
// Otherwise it starts code-server on 127.0.0.1 and prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { tsImport } from 'tsx/esm/api';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: npm start -- [options] [FOLDER]

Builds the extension and opens FOLDER with it loaded.

FOLDER defaults to ../shared/corpus/luno-ai when that folder exists, else to
test/fixtures/sample-content.

With a \`code\` command on PATH, runs
  code --extensionDevelopmentPath=<repository> FOLDER
Otherwise sets up code-server 4.100.3 (cached after the first run, about
5 minutes), starts it on 127.0.0.1 with the extension installed and prints the
URL to open in a browser. Settings and extension storage (progress, bookmarks)
are kept in <cache>/start-profile/ across restarts. Ctrl+C stops the server.

Options:
  --port PORT     Port for code-server on 127.0.0.1 (default: $LUNO_PORT, else
                  a free port chosen by the system).
  --code-server   Use code-server even when a \`code\` command is on PATH.
  --skip-build    Use dist/ as it is, e.g. while \`npm run watch\` rebuilds it.
  --no-open       Print the code-server URL without opening a browser. Without
                  it the URL is opened with xdg-open when a display is set.
  --help          Print this help.

Environment:
  LUNO_CACHE_DIR  Cache folder for code-server and the profile
                  (default: ~/.cache/luno-ai).
  LUNO_PORT       Default for --port.
`;

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function parseOptions() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'code-server': { type: 'boolean', default: false },
        'skip-build': { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    fail(`${error.message}\n\n${HELP}`);
  }
}

function parsePort(text) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`Invalid port "${text}": expected an integer from 0 to 65535 (0 picks a free port).`);
  }
  return port;
}

/** Returns the absolute path of an executable on PATH, or undefined. */
function findOnPath(command) {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (folder === '') {
      continue;
    }
    const candidate = path.join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

function chooseFolder(positionals) {
  if (positionals.length > 1) {
    fail(`Expected at most one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  }

  const candidates =
    positionals.length === 1
      ? [path.resolve(positionals[0])]
      : [path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai'), path.join(repoRoot, 'test', 'fixtures', 'sample-content')];

  const folder = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isDirectory());
  if (folder === undefined) {
    fail(`Content folder not found: ${candidates.join(', ')}. Pass a folder that contains integrations/ or research/: npm start -- FOLDER`);
  }
  return folder;
}

function runOrFail(description, command, args) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.error !== undefined) {
    fail(`${description} failed to start: ${result.error.message}`);
  }
  if (result.status !== 0) {
    fail(`${description} failed with exit status ${result.status ?? result.signal}. See the output above.`);
  }
}

function runVsCode(code, folder) {
  console.log(`npm start: opening ${folder} in VS Code (${code}) with the extension from ${repoRoot}`);
  const result = spawnSync(code, [`--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

function openInBrowser(url) {
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const opener = findOnPath('xdg-open');
  if (!hasDisplay || opener === undefined) {
    return;
  }
  const child = spawn(opener, [url], { detached: true, stdio: 'ignore' });
  child.on('error', (error) => console.error(`npm start: could not open a browser (${error.message}); open the URL yourself.`));
  child.unref();
}

async function runCodeServer(folder, port, open) {
  runOrFail('scripts/setup-code-server.sh', 'bash', [path.join(repoRoot, 'scripts', 'setup-code-server.sh')]);

  const { cacheDir, CODE_SERVER_VERSION } = await tsImport('../test/e2e/harness/paths.ts', import.meta.url);
  const { startCodeServer } = await tsImport('../test/e2e/harness/codeServer.ts', import.meta.url);

  const profileDir = path.join(cacheDir(), 'start-profile');
  const server = await startCodeServer({
    name: 'npm-start',
    artifactsDir: path.join(profileDir, 'output'),
    extensions: [repoRoot],
    userDataDir: path.join(profileDir, 'user-data'),
    port,
  });

  const url = server.url(folder);
  console.log(`
Luno-AI is running in code-server ${CODE_SERVER_VERSION}.
  Open:          ${url}
  Profile:       ${server.userDataDir} (settings and extension storage, kept across restarts)
  Server output: ${server.outputFile}
Press Ctrl+C to stop.`);

  if (open) {
    openInBrowser(url);
  }

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\nnpm start: ${signal} received, stopping code-server ...`);
    await server.stop();
    console.log('npm start: code-server stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const exit = await server.exited;
  if (!stopping) {
    await server.stop();
    fail(`code-server exited unexpectedly (code ${exit.code}, signal ${exit.signal}). Its output is in ${server.outputFile}`);
  }
}

async function main() {
  const { values, positionals } = parseOptions();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }

  const port = parsePort(values.port ?? process.env.LUNO_PORT ?? '0');
  const folder = chooseFolder(positionals);

  if (!values['skip-build']) {
    runOrFail('npm run build', 'npm', ['run', 'build']);
  }

  const code = values['code-server'] ? undefined : findOnPath('code');
  if (code !== undefined) {
    runVsCode(code, folder);
    return;
  }

  await runCodeServer(folder, port, !values['no-open']);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
