import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';

import { corpusRoot, makeTempDir, repoRoot, sampleContent, writeFiles } from '../content/helpers';

const execFileAsync = promisify(execFile);

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `luno ARGS` from source in `cwd` and returns its exit code and output. */
async function luno(args: readonly string[], cwd = repoRoot): Promise<RunResult> {
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      ['--import', tsx, path.join(repoRoot, 'src', 'cli', 'main.ts'), ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('luno dispatcher', () => {
  test('help lists the commands', async () => {
    const result = await luno(['--help']);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /^ {2}scan /m);
    assert.match(result.stdout, /^ {2}check /m);
  });

  test('unknown command exits 2', async () => {
    const result = await luno(['frobnicate']);

    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /Usage: luno <command>/);
  });

  test('unknown option exits 2', async () => {
    const result = await luno(['scan', '--colour']);

    assert.equal(result.code, 2);
    assert.match(result.stderr, /Unknown option '--colour'/);
  });
});

describe('luno scan', () => {
  test('JSON lists layers and sections', async () => {
    const result = await luno(['scan', sampleContent, '--json']);
    const json = JSON.parse(result.stdout);
    const crewai = json.domains[0].technologies[0];

    assert.equal(result.code, 0);
    assert.equal(crewai.id, 'crewai');
    assert.deepEqual(crewai.layers[1], {
      number: 1,
      title: 'Add Tools',
      time: '2-3 hours',
      anchor: 'l1-add-tools-2-3-hours',
      line: 36,
      generic: false,
    });
    assert.ok(crewai.sections.some((section: { anchor: string }) => section.anchor === 'quick-start-15-min'));
    assert.equal(crewai.codeBlocks.length, 3);
    assert.equal(json.research.length, 1);
    assert.equal(json.labs.length, 2);
  });

  test('ROOT defaults to working directory', async () => {
    const result = await luno(['scan'], sampleContent);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /Agentic AI \(integrations\/agents\): 2 technologies/);
    assert.match(result.stdout, /L1: Add Tools \(2-3 hours\) {2}line 37/);
    assert.match(result.stdout, /2 domains, 4 technologies, 1 research sessions, 2 labs/);
  });

  test('real corpus summary counts', async (t) => {
    if (!existsSync(corpusRoot)) {
      t.skip(`the Luno-AI corpus is not at ${corpusRoot}`);
      return;
    }

    const result = await luno(['scan', corpusRoot]);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /9 domains, 60 technologies, 11 research sessions/);
  });
});

describe('luno check', () => {
  test('warnings only exit 0', async () => {
    const result = await luno(['check'], sampleContent);

    assert.equal(result.code, 0);
    assert.deepEqual(
      result.stdout.trim().split('\n').map((line) => line.split(': ').slice(0, 2).join(': ')),
      ['integrations/agents/crewai.md:62: warning', 'integrations/vision/edge-export.md: warning'],
    );
  });

  test('broken notebook exits 1', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, {
      'integrations/a/x.md': '# X\n## Learning Path\n### L0: A\n### L1: B\n### L2: C\n### L3: D\n### L4: E\n',
      'labs/a/broken.ipynb': '{"nbformat": 4',
    });

    const result = await luno(['check', dir]);

    assert.equal(result.code, 1);
    assert.match(result.stdout, /broken\.ipynb: error: Notebook labs\/a\/broken\.ipynb is not valid JSON/);
    assert.match(result.stderr, /1 errors, 0 warnings/);
  });

  test('missing root exits 1', async (t) => {
    const dir = await makeTempDir(t);

    const result = await luno(['check', path.join(dir, 'nowhere')]);

    assert.equal(result.code, 1);
    assert.match(result.stdout, /error: Content root .* could not be opened/);
  });
});
