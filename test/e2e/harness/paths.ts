// Locations shared by the end-to-end harness and `npm start`.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** code-server release that scripts/setup-code-server.sh installs (VS Code 1.100.3, the newest on Node 20). */
export const CODE_SERVER_VERSION = '4.100.3';

/** Root of this repository. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Root of the folder that screenshots, server output and logs of end-to-end runs go to. */
export const artifactsRoot = path.join(repoRoot, '.e2e-artifacts');

/** Cache folder for the code-server build and the `npm start` profile; LUNO_CACHE_DIR overrides it. */
export function cacheDir(): string {
  return process.env.LUNO_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'luno-ai');
}

/** Folder that contains code-server's `package/` after setup. */
export function codeServerDir(): string {
  return path.join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** Marker file that scripts/setup-code-server.sh writes as its last step. */
export function codeServerMarker(): string {
  return path.join(codeServerDir(), '.setup-complete');
}

/** code-server's Node entry point. */
export function codeServerEntry(): string {
  return path.join(codeServerDir(), 'package', 'out', 'node', 'entry.js');
}

/** Turns a test name into a folder name: lower case, letters, digits and dashes. */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'unnamed' : slug;
}

/** Artifacts folder of one test: `.e2e-artifacts/<slug of the name>/`. */
export function artifactsDirFor(name: string): string {
  return path.join(artifactsRoot, slugify(name));
}
