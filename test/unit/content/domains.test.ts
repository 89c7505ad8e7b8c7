import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { domainName, parseIntegrationIndex } from '../../../src/core/content/domains';

const INDEX = [
  '# Hub',
  '',
  '| Domain | Integrations |',
  '|--------|--------------|',
  '| [Agents](#agentic-ai) | A, B |',
  '',
  '## Agentic AI',
  '',
  '| Integration | File | Difficulty | Time |',
  '|-------------|------|------------|------|',
  '| Crew Teams | [crewai.md](./agents/crewai.md) | Intermediate | 2-3 hrs |',
  '| Planner | [planner.md](agents/planner.md) | Advanced | |',
  '',
  '## Edge & Deployment',
  '',
  '- [ONNX](./deploy/onnx.md)',
  '- [Docker](./deploy/docker.md)',
  '- [See also the crew](./agents/crewai.md)',
  '',
  '## PRD Template',
  '',
  '```markdown',
  '[x](./templates/x.md)',
  '```',
].join('\n');

describe('parseIntegrationIndex', () => {
  test('names domains from their sections', () => {
    const index = parseIntegrationIndex(INDEX);

    assert.deepEqual([...index.domainNames], [
      ['agents', 'Agentic AI'],
      ['deploy', 'Edge & Deployment'],
    ]);
  });

  test('keeps domain order of the index', () => {
    assert.deepEqual(parseIntegrationIndex(INDEX).domainOrder, ['agents', 'deploy']);
  });

  test('reads table rows per technology', () => {
    const index = parseIntegrationIndex(INDEX);

    assert.deepEqual(index.entries.get('agents/crewai'), { title: 'Crew Teams', difficulty: 'Intermediate', time: '2-3 hrs' });
    assert.deepEqual(index.entries.get('agents/planner'), { title: 'Planner', difficulty: 'Advanced' });
    assert.equal(index.entries.has('deploy/onnx'), false);
  });

  test('unknown folder gets title case', () => {
    const index = parseIntegrationIndex(INDEX);

    assert.equal(domainName(index, 'visual-ai'), 'Visual Ai');
    assert.equal(domainName(index, 'agents'), 'Agentic AI');
  });
});
