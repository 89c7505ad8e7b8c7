import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { MemoryLogger } from '../../../src/core/log';
import { contentRootAt } from '../../../src/core/content/roots';
import { scanContent } from '../../../src/core/content/scan';
import type { ContentModel, Technology } from '../../../src/core/content/model';
import { sampleContent } from './helpers';

describe('scanContent on sample content', () => {
  let model: ContentModel;

  before(async () => {
    model = await scanContent([contentRootAt(sampleContent)], { logger: new MemoryLogger() });
  });

  function technology(domainId: string, id: string): Technology {
    const found = model.domains.find((domain) => domain.id === domainId)?.technologies.find((item) => item.id === id);
    assert.ok(found, `technology ${domainId}/${id} was scanned`);
    return found;
  }

  test('domains named from the index', () => {
    assert.deepEqual(
      model.domains.map((domain) => [domain.id, domain.name]),
      [
        ['agents', 'Agentic AI'],
        ['vision', 'Computer Vision'],
      ],
    );
  });

  test('technologies in index order', () => {
    assert.deepEqual(
      model.domains.map((domain) => domain.technologies.map((item) => item.id)),
      [
        ['crewai', 'planner-loop'],
        ['image-tagger', 'edge-export'],
      ],
    );
  });

  test('templates and underscore files skipped', () => {
    const paths = model.domains.flatMap((domain) => domain.technologies.map((item) => item.relativePath));

    assert.equal(paths.some((relativePath) => relativePath.includes('templates/')), false);
    assert.equal(paths.some((relativePath) => relativePath.includes('/_')), false);
  });

  test('crewai layers and lines', () => {
    assert.deepEqual(
      technology('agents', 'crewai').layers.map((layer) => [layer.number, layer.title, layer.time, layer.line, layer.generic]),
      [
        [0, 'First Crew', '1 hour', 32, false],
        [1, 'Add Tools', '2-3 hours', 36, false],
        [2, 'Shared Memory', '3 hours', 46, false],
        [3, 'Hierarchical Crews', '4 hours', 49, false],
        [4, 'Production Crews', '1 day', 52, false],
      ],
    );
  });

  test('crewai code blocks by section', () => {
    assert.deepEqual(
      technology('agents', 'crewai').document.codeBlocks.map((block) => [block.language, block.sectionId, block.indexInSection]),
      [
        ['bash', 'quick-start-15-min', 0],
        ['python', 'quick-start-15-min', 1],
        ['python', 'l1-add-tools-2-3-hours', 0],
      ],
    );
  });

  test('crewai header and duplicate anchors', () => {
    const crewai = technology('agents', 'crewai');
    const anchors = crewai.document.sections.map((section) => section.anchor);

    assert.deepEqual([crewai.difficulty, crewai.setupTime], ['Intermediate', '2-3 hours']);
    assert.ok(anchors.includes('agents-repeat-themselves'));
    assert.ok(anchors.includes('agents-repeat-themselves-1'));
  });

  test('setext title and front matter', () => {
    const planner = technology('agents', 'planner-loop');

    assert.equal(planner.title, 'Planner Loop Integration');
    assert.deepEqual(planner.document.frontMatter, { title: 'Planner Loop', owner: 'sample' });
    assert.equal(planner.tagline, 'Plan, act, observe, repeat.');
    assert.equal(planner.setupTime, '4-6 hrs');
  });

  test('indented code is not a heading', () => {
    const planner = technology('agents', 'planner-loop');

    assert.equal(planner.document.sections.some((section) => section.text.includes('indented code block')), false);
    assert.equal(planner.document.codeBlocks[0]?.language, '');
  });

  test('emoji headings keep GitHub anchors', () => {
    const sections = technology('vision', 'image-tagger').document.sections;
    const deploy = sections.find((section) => section.text === '🚀 Deploy');
    const party = sections.find((section) => section.text === '🎉');

    assert.deepEqual([deploy?.anchor, deploy?.id], ['-deploy', '-deploy']);
    assert.equal(party?.anchor, '');
    assert.match(party?.id ?? '', /^section-\d+$/);
  });

  test('PRD without path gets generic layers', () => {
    const edge = technology('vision', 'edge-export');

    assert.deepEqual(edge.document.layers, []);
    assert.deepEqual(
      edge.layers.map((layer) => [layer.number, layer.title, layer.line, layer.generic]),
      [
        [0, 'Overview', 0, true],
        [1, 'Setup', 0, true],
        [2, 'Core Features', 0, true],
        [3, 'Hands-on Project', 0, true],
        [4, 'Advanced', 0, true],
      ],
    );
  });

  test('research session read', () => {
    assert.equal(model.research.length, 1);
    const session = model.research[0]!;

    assert.equal(session.id, '2026-11-20_agent-memory-notes');
    assert.equal(session.date, '2026-11-20');
    assert.equal(session.title, 'Research Session: Agent Memory Notes');
    assert.equal(session.domain, 'Agentic AI');
    assert.equal(session.status, 'in-progress');
    assert.deepEqual(session.tags, ['memory', 'agents', 'crewai']);
    assert.deepEqual(
      session.files.map((file) => file.name),
      ['README.md', 'findings.md'],
    );
  });

  test('labs read with titles', () => {
    assert.deepEqual(
      model.labs.map((lab) => [lab.id, lab.domainId, lab.title, lab.relativePath, lab.error]),
      [
        ['agents/first-crew', 'agents', 'First Crew Lab', 'labs/agents/first-crew.ipynb', undefined],
        ['vision/pixel-math', 'vision', 'Pixel Math Lab', 'labs/vision/pixel-math.ipynb', undefined],
      ],
    );
  });

  test('sample content has no problems', () => {
    assert.deepEqual(model.problems, []);
  });
});
