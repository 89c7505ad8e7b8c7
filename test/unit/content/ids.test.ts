import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  domainKey,
  labKey,
  layerKey,
  researchFileKey,
  researchKey,
  sectionKey,
  technologyKey,
} from '../../../src/core/content/ids';

describe('content ids', () => {
  test('keys follow content paths', () => {
    assert.equal(domainKey('luno-ai', 'agents'), 'luno-ai/integrations/agents');
    assert.equal(technologyKey('luno-ai', 'agents', 'crewai'), 'luno-ai/integrations/agents/crewai');
    assert.equal(layerKey('luno-ai', 'agents', 'crewai', 1), 'luno-ai/integrations/agents/crewai/L1');
    assert.equal(sectionKey('luno-ai', 'agents', 'crewai', 'quick-start'), 'luno-ai/integrations/agents/crewai#quick-start');
    assert.equal(researchKey('luno-ai', '2026-01-05_mcp'), 'luno-ai/research/2026-01-05_mcp');
    assert.equal(researchFileKey('luno-ai', '2026-01-05_mcp', 'artifacts/flow.md'), 'luno-ai/research/2026-01-05_mcp/artifacts/flow.md');
    assert.equal(labKey('luno-ai', 'agents/first-crew'), 'luno-ai/labs/agents/first-crew');
  });

  test('separators inside names encoded', () => {
    assert.equal(technologyKey('r', 'a/b', 'c#d'), 'r/integrations/a%2Fb/c%23d');
    assert.equal(sectionKey('r', 'a', 'b', 'x#y'), 'r/integrations/a/b#x%23y');
  });

  test('different parts give different keys', () => {
    const keys = [
      technologyKey('r', 'research', 's'),
      researchKey('r', 's'),
      domainKey('r', 'labs'),
      labKey('r', 'x'),
      layerKey('r', 'a', 'b', 0),
      technologyKey('r', 'a', 'b'),
      sectionKey('r', 'a', 'b', 'L0'),
    ];

    assert.equal(new Set(keys).size, keys.length);
  });
});
