import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ContentModel, Domain, Layer, Technology } from '../../../src/core/content/model';
import { domainText, layerText, technologyLabel, technologyText } from '../../../src/vscode/learningTree/itemText';
import { buildLearningNodes } from '../../../src/vscode/learningTree/nodes';
import { ProgressIndex, type LayerState } from '../../../src/vscode/learningTree/progressIndex';

function layer(number: number, title: string, time?: string): Layer {
  return { number, title, time, line: 10 * number, generic: false };
}

function technology(rootId: string, domainId: string, id: string, title: string, difficulty?: string): Technology {
  return {
    rootId,
    domainId,
    id,
    title,
    relativePath: `integrations/${domainId}/${id}.md`,
    absolutePath: `/content/integrations/${domainId}/${id}.md`,
    document: {
      title,
      header: { tagline: `${title} in one line` },
      sections: [],
      codeBlocks: [],
      layers: [],
      lineCount: 100,
    },
    layers: [
      layer(0, 'Basic Crew', '1 hour'),
      layer(1, 'Add Tools', '2-3 hours'),
      layer(2, 'Advanced Patterns'),
      layer(3, 'Production'),
      layer(4, 'Expert'),
    ],
    difficulty,
  };
}

function domain(rootId: string, id: string, name: string, technologies: Technology[]): Domain {
  return { rootId, id, name, technologies };
}

function completed(domainId: string, technologyId: string, layers: number[]): LayerState[] {
  return layers.map((layerNumber) => ({ domain: domainId, technology: technologyId, layer: layerNumber, completed: true }));
}

const crewai = technology('main', 'agents', 'crewai', 'CrewAI', 'Intermediate');
const langgraph = technology('main', 'agents', 'langgraph', 'LangGraph');
const agents = domain('main', 'agents', 'Agentic AI', [crewai, langgraph]);

describe('ProgressIndex', () => {
  test('counts completed layers only', () => {
    const rows: LayerState[] = [
      ...completed('agents', 'crewai', [0, 1]),
      { domain: 'agents', technology: 'crewai', layer: 2, completed: false },
    ];
    const progress = new ProgressIndex(rows);

    assert.equal(progress.completedCount('agents', 'crewai'), 2);
    assert.equal(progress.isCompleted('agents', 'crewai', 2), false);
  });

  test('ignores layers outside 0-4', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 7]));

    assert.equal(progress.completedCount('agents', 'crewai'), 1);
  });

  test('current layer is first gap', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1, 3]));

    assert.equal(progress.currentLayer('agents', 'crewai'), 2);
  });

  test('current layer undefined when done', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1, 2, 3, 4]));

    assert.equal(progress.currentLayer('agents', 'crewai'), undefined);
  });

  test('replaceTechnology drops cleared layers', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1]));

    progress.replaceTechnology('agents', 'crewai', completed('agents', 'crewai', [0]));

    assert.equal(progress.isCompleted('agents', 'crewai', 1), false);
    assert.equal(progress.isCompleted('agents', 'crewai', 0), true);
  });

  test('domain counts include untouched technologies', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1, 2, 3, 4]));

    const counts = progress.domainCounts('agents', ['crewai', 'langgraph', 'mcp']);

    assert.deepEqual(counts, {
      technologies: 3,
      completedTechnologies: 1,
      totalLayers: 15,
      completedLayers: 5,
      percentage: 33,
    });
  });
});

describe('learning tree item text', () => {
  test('domain description counts technologies', () => {
    const progress = new ProgressIndex([
      ...completed('agents', 'crewai', [0, 1, 2, 3, 4]),
      ...completed('agents', 'langgraph', [0]),
    ]);

    const text = domainText(agents, progress);

    assert.equal(text.label, 'Agentic AI');
    assert.equal(text.description, '1/2 · 60%');
  });

  test('domain accessibility states progress', () => {
    const text = domainText(agents, new ProgressIndex());

    assert.equal(text.accessibilityLabel, 'Agentic AI, 0 of 2 technologies completed, 0 percent of layers done');
  });

  test('technology description shows current layer', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1]));

    const text = technologyText(crewai, progress);

    assert.equal(text.description, 'L2 · Intermediate');
    assert.equal(text.tooltip, 'CrewAI in one line');
  });

  test('technology accessibility states layers done', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1]));

    const text = technologyText(crewai, progress);

    assert.equal(text.accessibilityLabel, 'CrewAI, 2 of 5 layers done, intermediate');
  });

  test('technology without difficulty omits it', () => {
    const text = technologyText(langgraph, new ProgressIndex());

    assert.equal(text.description, 'L0');
  });

  test('finished technology says all done', () => {
    const progress = new ProgressIndex(completed('agents', 'crewai', [0, 1, 2, 3, 4]));

    const text = technologyText(crewai, progress);

    assert.equal(text.description, 'all layers done · Intermediate');
  });

  test('technology label drops Integration suffix', () => {
    const titled = { ...crewai, title: 'CrewAI Integration' };

    assert.equal(technologyText(titled, new ProgressIndex()).label, 'CrewAI');
  });

  test('technology label keeps bare Integration', () => {
    const titled = { ...crewai, title: 'Integration' };

    assert.equal(technologyLabel(titled), 'Integration');
  });

  test('domain without progress counts technologies', () => {
    const text = domainText(agents, undefined);

    assert.equal(text.description, '2 technologies');
    assert.equal(text.accessibilityLabel, 'Agentic AI, 2 technologies, progress unavailable');
  });

  test('technology without progress shows difficulty', () => {
    const text = technologyText(crewai, undefined);

    assert.equal(text.description, 'Intermediate');
    assert.equal(text.accessibilityLabel, 'CrewAI, progress unavailable, intermediate');
  });

  test('layer without progress says so', () => {
    assert.equal(layerText(crewai.layers[0], undefined).accessibilityLabel, 'L0: Basic Crew, progress unavailable');
  });

  test('layer label and time', () => {
    const text = layerText(crewai.layers[1], true);

    assert.equal(text.label, 'L1: Add Tools');
    assert.equal(text.description, '2-3 hours');
    assert.equal(text.accessibilityLabel, 'L1: Add Tools, completed');
  });

  test('layer without time has empty description', () => {
    const text = layerText(crewai.layers[2], false);

    assert.equal(text.description, '');
    assert.equal(text.accessibilityLabel, 'L2: Advanced Patterns, not completed');
  });
});

describe('buildLearningNodes', () => {
  const model: ContentModel = {
    roots: [{ id: 'main', path: '/content', name: 'content' }],
    domains: [agents],
    research: [],
    labs: [],
    problems: [],
  };

  test('single root lists domains on top', () => {
    const nodes = buildLearningNodes(model);

    assert.deepEqual(
      nodes.top.map((node) => node.id),
      ['main/integrations/agents'],
    );
  });

  test('layer ids are unique', () => {
    const nodes = buildLearningNodes(model);
    const ids = nodes.allTechnologies().flatMap((node) => node.children.map((child) => child.id));

    assert.equal(new Set(ids).size, 10);
    assert.equal(ids[1], 'main/integrations/agents/crewai/L1');
  });

  test('technology lookup finds its row', () => {
    const nodes = buildLearningNodes(model);

    const rows = nodes.technologies('agents', 'crewai');

    assert.equal(rows.length, 1);
    assert.equal(rows[0].parent.domain.name, 'Agentic AI');
  });

  test('multi-root adds a row per root', () => {
    const second = domain('other', 'agents', 'Agentic AI', [technology('other', 'agents', 'crewai', 'CrewAI')]);
    const multi: ContentModel = {
      ...model,
      roots: [...model.roots, { id: 'other', path: '/other', name: 'other' }, { id: 'empty', path: '/e', name: 'e' }],
      domains: [agents, second],
    };

    const nodes = buildLearningNodes(multi);

    assert.deepEqual(
      nodes.top.map((node) => node.kind + ':' + node.id),
      ['root:main', 'root:other'],
    );
    assert.equal(nodes.technologies('agents', 'crewai').length, 2);
  });
});
