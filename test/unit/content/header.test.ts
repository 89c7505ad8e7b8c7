import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { parseMarkdown } from '../../../src/core/content/markdown';
import type { PrdHeader } from '../../../src/core/content/model';

interface HeaderCase {
  readonly name: string;
  readonly lines: readonly string[];
  readonly header: PrdHeader;
}

const HEADER_CASES: readonly HeaderCase[] = [
  {
    name: 'blockquote key lines',
    lines: [
      '# LangGraph Integration',
      '',
      '> **Category**: Agentic AI',
      '> **Difficulty**: Intermediate',
      '> **Setup Time**: 3-4 hours',
      '> **Last Updated**: 2026-01-03',
      '',
      '---',
      '',
      '## Overview',
      '**Difficulty**: ignored because it is below the first section',
    ],
    header: {
      category: 'Agentic AI',
      difficulty: 'Intermediate',
      setupTime: '3-4 hours',
      fields: {
        category: 'Agentic AI',
        difficulty: 'Intermediate',
        'setup time': '3-4 hours',
        'last updated': '2026-01-03',
      },
    },
  },
  {
    name: 'blockquote tagline',
    lines: ['# CrewAI Integration', '', '> **Role-based multi-agent framework**', '', '---', '## Overview'],
    header: { tagline: 'Role-based multi-agent framework', fields: {} },
  },
  {
    name: 'plain bold lines with colon inside',
    lines: ['# Tool', '**Tagline**: Plan and act.', '**Difficulty:** Advanced', 'Setup time: 2 hours', '## Next'],
    header: {
      tagline: 'Plan and act.',
      difficulty: 'Advanced',
      setupTime: '2 hours',
      fields: { tagline: 'Plan and act.', difficulty: 'Advanced', 'setup time': '2 hours' },
    },
  },
  {
    name: 'two-column table',
    lines: [
      '# Tool',
      '',
      '| Field | Value |',
      '|-------|-------|',
      '| **Category** | Computer Vision |',
      '| Difficulty | Beginner |',
      '| Setup Time | 1 hour |',
      '',
      '## Overview',
    ],
    header: {
      category: 'Computer Vision',
      difficulty: 'Beginner',
      setupTime: '1 hour',
      fields: { category: 'Computer Vision', difficulty: 'Beginner', 'setup time': '1 hour' },
    },
  },
  {
    name: 'research session header',
    lines: [
      '# Research Session: Memory',
      '',
      '> **Research Date:** 2026-11-20',
      '> **Domain**: Agentic AI, Memory',
      '> **Status**: in-progress',
      '> **Tags**: memory, agents',
    ],
    header: {
      fields: { 'research date': '2026-11-20', domain: 'Agentic AI, Memory', status: 'in-progress', tags: 'memory, agents' },
    },
  },
  {
    name: 'code block ends the header',
    lines: ['# Tool', '```', '**Difficulty**: in code', '```', '**Category**: after code'],
    header: { fields: {} },
  },
  {
    name: 'header under a setext title',
    lines: ['Tool', '====', '> **Difficulty**: Beginner'],
    header: { difficulty: 'Beginner', fields: { difficulty: 'Beginner' } },
  },
];

describe('parseMarkdown header', () => {
  for (const testCase of HEADER_CASES) {
    test(testCase.name, () => {
      assert.deepEqual(parseMarkdown(testCase.lines.join('\n')).header, testCase.header);
    });
  }
});
