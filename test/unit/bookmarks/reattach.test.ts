import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { locateBookmark } from '../../../src/core/bookmarks/reattach';
import { titleSimilarity } from '../../../src/core/bookmarks/similarity';
import { decodeResearchSection, encodeResearchSection } from '../../../src/core/bookmarks/target';
import { parseMarkdown } from '../../../src/core/content/markdown';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

const PRD = [
  '# CrewAI Integration',
  '',
  '## Overview',
  '',
  '## Quick Start (15 min)',
  '',
  '## Learning Path',
  '',
  '### L0: Basic Crew (1 hour)',
  '',
  '### L1: Add Tools (2-3 hours)',
  '',
  '## Troubleshooting',
  '',
  '## Resources',
  '',
].join('\n');

function sectionsOf(text: string) {
  return parseMarkdown(text).sections;
}

function renamed(from: string, to: string): string {
  assert.ok(PRD.includes(from), `fixture contains ${from}`);
  return PRD.replace(from, to);
}

describe('locateBookmark', () => {
  test('unchanged heading is exact', () => {
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sectionsOf(PRD));

    assert.equal(location.kind, 'exact');
    assert.equal(location.kind === 'exact' && location.section.startLine, 4);
  });

  test('whole-file bookmark needs no heading', () => {
    assert.equal(locateBookmark({ section: null, title: null }, sectionsOf(PRD)).kind, 'file');
    assert.equal(locateBookmark({ section: '', title: 'x' }, sectionsOf(PRD)).kind, 'file');
  });

  test('renamed time estimate re-attaches', () => {
    const sections = sectionsOf(renamed('## Quick Start (15 min)', '## Quick Start (20 min)'));
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sections);

    assert.equal(location.kind, 'moved');
    assert.equal(location.kind === 'moved' && location.section.anchor, 'quick-start-20-min');
  });

  test('shortened heading re-attaches', () => {
    const sections = sectionsOf(renamed('## Quick Start (15 min)', '## Quick Start'));
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sections);

    assert.equal(location.kind === 'moved' && location.section.anchor, 'quick-start');
  });

  test('layer rename picks right layer', () => {
    const sections = sectionsOf(renamed('### L1: Add Tools (2-3 hours)', '### L1: Add Tools (3 hours)'));
    const location = locateBookmark({ section: 'l1-add-tools-2-3-hours', title: 'L1: Add Tools (2-3 hours)' }, sections);

    assert.equal(location.kind === 'moved' && location.section.text, 'L1: Add Tools (3 hours)');
  });

  test('removed heading is stale', () => {
    const sections = sectionsOf(renamed('## Troubleshooting\n', ''));
    const location = locateBookmark({ section: 'troubleshooting', title: 'Troubleshooting' }, sections);

    assert.equal(location.kind, 'stale');
  });

  test('unrelated rename is stale', () => {
    const sections = sectionsOf(renamed('## Quick Start (15 min)', '## Getting Going'));
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sections);

    assert.equal(location.kind, 'stale');
  });

  test('stale lists most similar first', () => {
    const text = '# T\n\n## Overview\n\n## Setup Python\n\n## Setup Node\n';
    const location = locateBookmark({ section: 'setup', title: 'Setup' }, sectionsOf(text));
    const anchors = location.kind === 'stale' ? location.candidates.map((section) => section.anchor) : [];

    assert.deepEqual(anchors.slice(0, 2).sort(), ['setup-node', 'setup-python']);
    assert.equal(anchors.length, 4);
  });

  test('dissimilar candidates in document order', () => {
    const sections = sectionsOf(renamed('## Quick Start (15 min)', '## Hands-on Walkthrough'));
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sections);
    const anchors = location.kind === 'stale' ? location.candidates.map((section) => section.anchor) : [];

    assert.deepEqual(anchors, sections.map((section) => section.anchor));
  });

  test('ambiguous rename stays stale', () => {
    const text = '# T\n\n## Setup Python\n\n## Setup Node\n';
    const location = locateBookmark({ section: 'setup', title: 'Setup' }, sectionsOf(text));

    assert.equal(location.kind, 'stale');
  });

  test('duplicate suffix change re-attaches', () => {
    // The bookmark was on the second "Example" (anchor example-1); the first one was renamed.
    const text = '# T\n\n## First Example\n\n## Example\n';
    const location = locateBookmark({ section: 'example-1', title: 'Example' }, sectionsOf(text));

    assert.equal(location.kind === 'moved' && location.section.anchor, 'example');
  });

  test('missing title uses anchor words', () => {
    const sections = sectionsOf(renamed('## Troubleshooting', '## Troubleshooting Tips'));
    const location = locateBookmark({ section: 'troubleshooting', title: null }, sections);

    assert.equal(location.kind === 'moved' && location.section.anchor, 'troubleshooting-tips');
  });

  test('real crewai quick start', (t) => {
    const file = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai', 'integrations', 'agents', 'crewai.md');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      t.skip(`corpus not found at ${file}`);
      return;
    }

    const edited = text.replace('## Quick Start (15 min)', '## Quick Start (10 minutes)');
    const location = locateBookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }, sectionsOf(edited));

    assert.equal(location.kind === 'moved' && location.section.anchor, 'quick-start-10-minutes');
  });
});

describe('titleSimilarity', () => {
  test('identical normalised text scores 1', () => {
    assert.equal(titleSimilarity('Quick Start!', 'quick  start'), 1);
  });

  test('unrelated text scores low', () => {
    assert.ok(titleSimilarity('Quick Start', 'Resources') < 0.2);
  });

  test('empty texts compare', () => {
    assert.equal(titleSimilarity('', '!!'), 1);
    assert.equal(titleSimilarity('', 'a'), 0);
  });
});

describe('research sections', () => {
  test('encode and decode heading', () => {
    const section = encodeResearchSection('findings.md', 'key-findings');

    assert.equal(section, 'findings.md#key-findings');
    assert.deepEqual(decodeResearchSection(section), { file: 'findings.md', anchor: 'key-findings' });
  });

  test('whole file and session', () => {
    assert.equal(encodeResearchSection('README.md', null), 'README.md');
    assert.deepEqual(decodeResearchSection('README.md'), { file: 'README.md', anchor: null });
    assert.equal(decodeResearchSection(null), null);
  });
});
