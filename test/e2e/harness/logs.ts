// Reads the logs code-server writes under `<user-data-dir>/logs/` for
// failure messages: the extension host log and extension output channels.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Anything with a logs folder, such as a started CodeServer. */
export interface HasLogsDir {
  readonly logsDir: string;
}

async function listFiles(folder: string): Promise<string[]> {
  if (!existsSync(folder)) {
    return [];
  }
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function concatenate(files: readonly string[], logsDir: string): Promise<string> {
  const parts: string[] = [];
  for (const file of files) {
    parts.push(`===== ${path.relative(logsDir, file)}\n${await fs.readFile(file, 'utf8')}`);
  }
  return parts.join('\n');
}

/**
 * Returns the extension host logs (one `exthost<N>/remoteexthost.log` per
 * window load), each under a header line with its path. They list
 * activations and the errors thrown by extensions.
 */
export async function readExtensionHostLog(server: HasLogsDir): Promise<string> {
  const files = (await listFiles(server.logsDir)).filter((file) => path.basename(file) === 'remoteexthost.log');
  return concatenate(files, server.logsDir);
}

/**
 * Returns what an extension wrote to its output channel `channelName` in
 * every window load. A LogOutputChannel is stored as
 * `exthost<N>/<extension id>/<name>.log`, a plain channel as
 * `exthost<N>/output_logging_<time>/<n>-<name>.log`.
 */
export async function readOutputChannel(server: HasLogsDir, channelName: string): Promise<string> {
  const logName = `${channelName}.log`;
  const plainChannel = new RegExp(`^\\d+-${channelName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.log$`);

  const files = (await listFiles(server.logsDir)).filter((file) => {
    const name = path.basename(file);
    return name === logName || plainChannel.test(name);
  });
  return concatenate(files, server.logsDir);
}
