import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { MemoryLogger } from '../../../src/core/log';
import { parseMarkdown } from '../../../src/core/content/markdown';
import { contentRootAt } from '../../../src/core/content/roots';
import { scanContent } from '../../../src/core/content/scan';
import type { ContentModel, Technology } from '../../../src/core/content/model';
import { corpusRoot } from './helpers';

const corpusPresent = existsSync(corpusRoot);
const SKIP_MESSAGE = `the Luno-AI corpus is not at ${corpusRoot}`;

/** `[number, title, time, 0-based line]` read with plain line matching, independent of the parser. */
type ExpectedLayer = [number, string, string, number];

/** Lists PRDs the way a person would: every .md file one folder below integrations/, minus templates and _ files. */
function listPrds(): string[] {
  const integrations = path.join(corpusRoot, 'integrations');
  return readdirSync(integrations, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'templates')
    .flatMap((entry) =>
      readdirSync(path.join(integrations, entry.name))
        .filter((name) => name.endsWith('.md') && !name.startsWith('_'))
        .map((name) => `integrations/${entry.name}/${name}`),
    )
    .sort();
}

/** Reads `### Ln: Title (time)` lines between `## Learning Path` and the next `## ` line outside code fences. */
function expectedLayers(relativePath: string): ExpectedLayer[] {
  const lines = readFileSync(path.join(corpusRoot, relativePath), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === '## Learning Path');
  if (start < 0) {
    return [];
  }

  const layers: ExpectedLayer[] = [];
  let inFence = false;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.startsWith('```')) {
      inFence = !inFence;
    }
    if (inFence) {
      continue;
    }
    if (line.startsWith('## ')) {
      break;
    }
    const match = /^### L([0-4]): (.+?) \(([^)]+)\)\s*$/.exec(line);
    if (match !== null) {
      layers.push([Number(match[1]), match[2]!, match[3]!, index]);
    }
  }
  return layers;
}

/** Builds an anchor by the ASCII part of GitHub's rule: lower case, punctuation removed, spaces to hyphens. */
function asciiAnchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

describe('scanContent on the real corpus', () => {
  let model: ContentModel;
  let technologies: Technology[];

  before(async () => {
    if (!corpusPresent) {
      return;
    }
    model = await scanContent([contentRootAt(corpusRoot)], { logger: new MemoryLogger() });
    technologies = model.domains.flatMap((domain) => domain.technologies);
  });

  test('60 technologies in 9 domains', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    assert.equal(model.domains.length, 9);
    assert.equal(technologies.length, 60);
    assert.deepEqual(technologies.map((item) => item.relativePath).sort(), listPrds());
  });

  test('domain names from the index', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    assert.deepEqual(
      model.domains.map((domain) => [domain.id, domain.name]),
      [
        ['visual-ai', 'Visual AI'],
        ['generative', 'Generative AI'],
        ['audio', 'Audio AI'],
        ['llms', 'LLMs'],
        ['agents', 'Agentic AI'],
        ['ml', 'Classical ML'],
        ['deploy', 'Edge & Deployment'],
        ['robotics', 'Robotics'],
        ['specialized', 'Specialized Domains'],
      ],
    );
  });

  test('each PRD has exactly its layers', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    let withPath = 0;
    for (const technology of technologies) {
      const expected = expectedLayers(technology.relativePath);
      const actual = technology.document.layers.map((layer): ExpectedLayer => [layer.number, layer.title, layer.time ?? '', layer.line]);
      if (expected.length > 0) {
        withPath += 1;
      }

      assert.deepEqual(actual, expected, technology.relativePath);
    }
    assert.equal(withPath, 57);
  });

  test('layer anchors match headings', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    for (const technology of technologies) {
      const lines = readFileSync(technology.absolutePath, 'utf8').split('\n');
      for (const layer of technology.document.layers) {
        const headingText = lines[layer.line]!.replace(/^#+\s*/, '');

        assert.equal(layer.anchor, asciiAnchor(headingText), `${technology.relativePath}:${layer.line + 1}`);
      }
    }
  });

  test('five layers, generic where missing', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    for (const technology of technologies) {
      const defined = new Set(expectedLayers(technology.relativePath).map(([number]) => number));

      assert.deepEqual(
        technology.layers.map((layer) => [layer.number, layer.generic]),
        [0, 1, 2, 3, 4].map((number) => [number, !defined.has(number)]),
        technology.relativePath,
      );
    }
  });

  test('PRDs without path open at top', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    const withoutPath = technologies.filter((item) => expectedLayers(item.relativePath).length === 0);

    assert.deepEqual(
      withoutPath.map((item) => item.relativePath).sort(),
      ['integrations/audio/xtts.md', 'integrations/deploy/quantization.md', 'integrations/visual-ai/sam.md'],
    );
    for (const technology of withoutPath) {
      assert.deepEqual(
        technology.layers.map((layer) => layer.line),
        [0, 0, 0, 0, 0],
      );
    }
  });

  test('11 research sessions with titles', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    const folders = readdirSync(path.join(corpusRoot, 'research'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d{4}-\d{2}-\d{2}_/.test(entry.name))
      .map((entry) => entry.name);

    assert.equal(model.research.length, 11);
    assert.deepEqual(model.research.map((session) => session.id).sort(), folders.sort());
    for (const session of model.research) {
      const readme = readFileSync(path.join(corpusRoot, session.relativePath, 'README.md'), 'utf8');
      const h1 = /^# (.+)$/m.exec(readme)?.[1];

      assert.equal(session.title, h1, session.id);
      assert.equal(session.date, session.id.slice(0, 10), session.id);
    }
  });

  test('research header fields', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    const autogen = model.research.find((session) => session.id === '2026-01-05_autogen-multi-agent-framework');

    assert.equal(autogen?.domain, 'Agentic AI, Multi-Agent Systems, Frameworks');
    assert.equal(autogen?.status, 'complete');
  });

  test('header difficulty from PRD or index', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    const find = (relativePath: string) => technologies.find((item) => item.relativePath === relativePath);

    assert.deepEqual(
      [find('integrations/agents/langgraph.md')?.difficulty, find('integrations/agents/langgraph.md')?.setupTime],
      ['Intermediate', '3-4 hours'],
    );
    assert.deepEqual(
      [find('integrations/agents/crewai.md')?.difficulty, find('integrations/agents/crewai.md')?.setupTime],
      ['Intermediate', '2-3 hrs'],
    );
    assert.equal(find('integrations/agents/crewai.md')?.tagline, 'Role-based multi-agent framework for rapid prototyping');
  });

  test('no problems while scanning', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    assert.deepEqual(model.problems, []);
  });

  test('BOM and CRLF match LF', (t) => {
    if (!corpusPresent) {
      t.skip(SKIP_MESSAGE);
      return;
    }

    for (const relativePath of ['integrations/agents/crewai.md', 'integrations/agents/langgraph.md']) {
      const text = readFileSync(path.join(corpusRoot, relativePath), 'utf8');
      const windows = `\uFEFF${text.replace(/\n/g, '\r\n')}`;

      assert.deepEqual(parseMarkdown(windows), parseMarkdown(text), relativePath);
    }
  });
});
