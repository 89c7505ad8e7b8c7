import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ContentModel, Technology } from '../../../src/core/content/model';
import type { ProgressSummary } from '../../../src/core/store/progress';
import { renderProgressSummary, technologyRefs } from '../../../src/vscode/progressSummaryMarkdown';

function technology(domainId: string, id: string, title: string): Technology {
  return {
    rootId: 'main',
    domainId,
    id,
    title,
    relativePath: `integrations/${domainId}/${id}.md`,
    absolutePath: `/content/integrations/${domainId}/${id}.md`,
    document: { header: {}, sections: [], codeBlocks: [], layers: [], lineCount: 1 },
    layers: [0, 1, 2, 3, 4].map((number) => ({ number, title: number === 1 ? 'Add Tools' : `Layer ${number}`, line: 0, generic: false })),
  };
}

const model: ContentModel = {
  roots: [{ id: 'main', path: '/content', name: 'content' }],
  domains: [
    {
      rootId: 'main',
      id: 'agents',
      name: 'Agentic AI',
      technologies: [technology('agents', 'crewai', 'CrewAI Integration'), technology('agents', 'mcp', 'MCP | Tools')],
    },
  ],
  research: [],
  labs: [],
  problems: [],
};

const summary: ProgressSummary = {
  domains: [
    { domain: 'agents', technologies: 2, completedTechnologies: 0, totalLayers: 10, completedLayers: 3, percentage: 30 },
  ],
  overall: { technologies: 2, totalLayers: 10, completedLayers: 3, percentage: 30 },
};

describe('renderProgressSummary', () => {
  test('totals line counts layers', () => {
    const markdown = renderProgressSummary({ model, summary, recent: [] });

    assert.match(markdown, /\*\*3 of 10 layers completed \(30%\)\*\* across 2 technologies; 0 technologies finished\./);
  });

  test('one finished technology is singular', () => {
    const oneDone: ProgressSummary = {
      domains: [{ ...summary.domains[0], completedTechnologies: 1 }],
      overall: summary.overall,
    };

    const markdown = renderProgressSummary({ model, summary: oneDone, recent: [] });

    assert.match(markdown, /across 2 technologies; 1 technology finished\./);
  });

  test('domain row uses domain name', () => {
    const markdown = renderProgressSummary({ model, summary, recent: [] });

    assert.match(markdown, /^\| Agentic AI \| 0\/2 \| 3\/10 \| ▓▓▓░░░░░░░ 30% \|$/m);
  });

  test('activity row names technology and layer', () => {
    const recent = [{ domain: 'agents', technology: 'crewai', layer: 1, completedAt: '2026-01-05T10:00:00.000Z' }];

    const markdown = renderProgressSummary({ model, summary, recent });

    assert.match(markdown, /^\| 2026-01-05 10:00 \| CrewAI \(Agentic AI\) \| L1: Add Tools \|$/m);
  });

  test('cell text escapes pipes', () => {
    const recent = [{ domain: 'agents', technology: 'mcp', layer: 0, completedAt: '2026-01-05T10:00:00.000Z' }];

    const markdown = renderProgressSummary({ model, summary, recent });

    assert.match(markdown, /MCP \\\| Tools \(Agentic AI\)/);
  });

  test('unknown technology falls back to ids', () => {
    const recent = [{ domain: 'gone', technology: 'old', layer: 2, completedAt: '2026-01-05T10:00:00.000Z' }];

    const markdown = renderProgressSummary({ model, summary, recent });

    assert.match(markdown, /\| gone\/old \(gone\) \| L2 \|/);
  });

  test('empty activity explains itself', () => {
    const markdown = renderProgressSummary({ model, summary, recent: [] });

    assert.match(markdown, /No layers completed yet\./);
  });

  test('missing summary shows reason', () => {
    const markdown = renderProgressSummary({ model, summary: undefined, recent: [], unavailableReason: 'luno.db is locked' });

    assert.match(markdown, /Progress is unavailable: luno\.db is locked\./);
    assert.doesNotMatch(markdown, /## By domain/);
  });
});

describe('technologyRefs', () => {
  test('lists every technology in order', () => {
    assert.deepEqual(technologyRefs(model), [
      { domain: 'agents', technology: 'crewai' },
      { domain: 'agents', technology: 'mcp' },
    ]);
  });
});
