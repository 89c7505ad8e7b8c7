import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/args';
import { corpusMissing, corpusRoot } from './helpers/searchFixture';
import { vectorsFileForTests } from './helpers/vectors';

interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

function capture(cwd: string): Captured {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      cwd,
      env: {},
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

describe('luno index and search', { skip: corpusMissing }, () => {
  let dir: string;
  let content: string;
  let db: string;

  before(() => {
    vectorsFileForTests();
    dir = mkdtempSync(path.join(os.tmpdir(), 'luno-search-cli-'));
    content = path.join(dir, 'content');
    cpSync(path.join(corpusRoot, 'integrations', 'llms'), path.join(content, 'integrations', 'llms'), { recursive: true });
    db = path.join(dir, 'data', 'luno.db');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('index reports progress and summary', async () => {
    const output = capture(dir);
    const code = await main(['index', content, '--db', db, '--embeddings', 'glove'], output.io);

    assert.equal(code, 0, output.stderr());
    assert.match(output.stderr(), /indexing: vectors \d+\/\d+/);
    assert.match(output.stdout(), /^Indexed \d+ documents of .* with glove-6b-100d-60k-sif/);
  });

  test('search prints JSON results', async () => {
    const output = capture(dir);
    const code = await main(
      ['search', 'run', 'a', 'model', 'locally', '--db', db, '--embeddings', 'glove', '--root', content, '--json', '--limit', '3'],
      output.io,
    );

    assert.equal(code, 0, output.stderr());
    const response = JSON.parse(output.stdout()) as { mode: string; results: Record<string, unknown>[] };
    assert.equal(response.mode, 'hybrid');
    assert.equal(response.results.length, 3);
    for (const key of ['id', 'type', 'domain', 'technology', 'section', 'path', 'line', 'score']) {
      assert.ok(key in response.results[0]!, `result has no ${key}`);
    }
    assert.equal(response.results[0]!.domain, 'llms');
  });

  test('search rejects an invalid type', async () => {
    const output = capture(dir);
    const code = await main(['search', 'x', '--type', 'video', '--db', db], output.io);

    assert.equal(code, 2);
    assert.match(output.stderr(), /invalid --type value "video"/);
  });
});
