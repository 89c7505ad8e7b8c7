// Test runner that VS Code loads from --extensionTestsPath: runs every bundled
// `*.test.js` next to this file with mocha inside the extension host.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });

  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }

  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) {
        reject(new Error(`${failures} of the integration tests failed.`));
      } else {
        resolve();
      }
    });
  });
}
