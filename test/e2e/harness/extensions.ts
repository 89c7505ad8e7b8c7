// Installs extension folders into a code-server extensions folder.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Fields of an extension's package.json that name and place it. */
export interface ExtensionManifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
  /** `<publisher>.<name>`, the id VS Code uses for commands, storage and logs. */
  readonly id: string;
}

/** Reads publisher, name and version from `<folder>/package.json`. */
export async function readManifest(folder: string): Promise<ExtensionManifest> {
  const file = path.join(folder, 'package.json');
  const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;

  const fields = ['publisher', 'name', 'version'] as const;
  for (const field of fields) {
    if (typeof parsed[field] !== 'string' || parsed[field] === '') {
      throw new Error(`Invalid extension manifest ${file}: "${field}" is missing or not a string. Add it to package.json.`);
    }
  }

  const publisher = parsed.publisher as string;
  const name = parsed.name as string;
  const version = parsed.version as string;
  return { publisher, name, version, id: `${publisher}.${name}` };
}

/**
 * Installs an extension folder as `<extensionsDir>/<publisher>.<name>-<version>`.
 * The entry is a symlink to the folder: code-server 4.100.3 loads symlinked
 * extension folders, and a window reload loads the files rebuilt in the folder.
 */
export async function installExtension(folder: string, extensionsDir: string): Promise<ExtensionManifest> {
  const source = path.resolve(folder);
  const manifest = await readManifest(source);

  const main = await readMainEntry(source);
  if (main !== undefined && !existsSync(path.join(source, main))) {
    throw new Error(`Extension entry point not found: ${path.join(source, main)} ("main" of ${manifest.id}). Build it first: npm run build`);
  }

  const target = path.join(extensionsDir, `${manifest.id}-${manifest.version}`);
  await fs.mkdir(extensionsDir, { recursive: true });
  await fs.symlink(source, target, 'dir');
  return manifest;
}

async function readMainEntry(folder: string): Promise<string | undefined> {
  const parsed = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof parsed.main !== 'string') {
    return undefined;
  }
  return parsed.main.endsWith('.js') ? parsed.main : `${parsed.main}.js`;
}
