import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { completeLayers, GENERIC_LAYER_TITLES, readLayerHeading } from '../../../src/core/content/layers';
import { parseMarkdown } from '../../../src/core/content/markdown';
import type { Layer } from '../../../src/core/content/model';

/** `[number, title, time, anchor, line]` */
type ExpectedLayer = [number, string, string | undefined, string | undefined, number];

interface LayerCase {
  readonly name: string;
  readonly lines: readonly string[];
  readonly layers: readonly ExpectedLayer[];
  /** `[section text, layer]` for every section that carries a layer. */
  readonly sectionLayers: readonly [string, number][];
}

function simplify(layer: Layer): ExpectedLayer {
  return [layer.number, layer.title, layer.time, layer.anchor, layer.line];
}

const LAYER_CASES: readonly LayerCase[] = [
  {
    name: 'L-colon subsections with times',
    lines: [
      '# Tool',
      '## Learning Path',
      '### L0: Basic Crew (1 hour)',
      '- [ ] step',
      '### L1: Tools & Routing (2-3 hours)',
      '#### Exercise',
      '### L2: Persistence (4+ hours)',
      '### L3: Production (1 day)',
      '### L4: Scale Out (1-2 weeks)',
      '## Code Examples',
    ],
    layers: [
      [0, 'Basic Crew', '1 hour', 'l0-basic-crew-1-hour', 2],
      [1, 'Tools & Routing', '2-3 hours', 'l1-tools--routing-2-3-hours', 4],
      [2, 'Persistence', '4+ hours', 'l2-persistence-4-hours', 6],
      [3, 'Production', '1 day', 'l3-production-1-day', 7],
      [4, 'Scale Out', '1-2 weeks', 'l4-scale-out-1-2-weeks', 8],
    ],
    sectionLayers: [
      ['L0: Basic Crew (1 hour)', 0],
      ['L1: Tools & Routing (2-3 hours)', 1],
      ['Exercise', 1],
      ['L2: Persistence (4+ hours)', 2],
      ['L3: Production (1 day)', 3],
      ['L4: Scale Out (1-2 weeks)', 4],
    ],
  },
  {
    name: 'Layer-n subsections',
    lines: ['# Tool', '## Learning Path', '### Layer 0: The Loop (30 min)', '### Layer 1: Tools', '## Next'],
    layers: [
      [0, 'The Loop', '30 min', 'layer-0-the-loop-30-min', 2],
      [1, 'Tools', undefined, 'layer-1-tools', 3],
    ],
    sectionLayers: [
      ['Layer 0: The Loop (30 min)', 0],
      ['Layer 1: Tools', 1],
    ],
  },
  {
    name: 'L-dash subsections',
    lines: ['# Tool', '## Learning Path', '### L0 - Tag One Image (15 min)', '### L1 – Batch (30 min)', '### L2 — Scores'],
    layers: [
      [0, 'Tag One Image', '15 min', 'l0---tag-one-image-15-min', 2],
      [1, 'Batch', '30 min', 'l1--batch-30-min', 3],
      [2, 'Scores', undefined, 'l2--scores', 4],
    ],
    sectionLayers: [
      ['L0 - Tag One Image (15 min)', 0],
      ['L1 – Batch (30 min)', 1],
      ['L2 — Scores', 2],
    ],
  },
  {
    name: 'sibling layers after the path heading',
    lines: ['# Tool', '## Learning Path', 'Five steps.', '## L0: Start', '### Try it', '## L1: Grow', '## Resources'],
    layers: [
      [0, 'Start', undefined, 'l0-start', 3],
      [1, 'Grow', undefined, 'l1-grow', 5],
    ],
    sectionLayers: [
      ['L0: Start', 0],
      ['Try it', 0],
      ['L1: Grow', 1],
    ],
  },
  {
    name: 'level-two layers without path heading',
    lines: ['# Tool', '## Overview', '## L0: Start (1 hour)', '### Step', '## L1: Grow (2 hours)', '## Resources'],
    layers: [
      [0, 'Start', '1 hour', 'l0-start-1-hour', 2],
      [1, 'Grow', '2 hours', 'l1-grow-2-hours', 4],
    ],
    sectionLayers: [
      ['L0: Start (1 hour)', 0],
      ['Step', 0],
      ['L1: Grow (2 hours)', 1],
    ],
  },
  {
    name: 'emoji before the path heading',
    lines: ['# Tool', '## 🎓 Learning Path', '### L0: Start'],
    layers: [[0, 'Start', undefined, 'l0-start', 2]],
    sectionLayers: [['L0: Start', 0]],
  },
  {
    name: 'layer-like heading outside the path',
    lines: ['# Tool', '## Caching', '### L2 cache sizing', '## Learning Path', '### L0: Start', '### Notes'],
    layers: [[0, 'Start', undefined, 'l0-start', 4]],
    sectionLayers: [['L0: Start', 0]],
  },
  {
    name: 'non-time parenthesis stays in title',
    lines: ['# Tool', '## Learning Path', '### L0: Basics (optional)'],
    layers: [[0, 'Basics (optional)', undefined, 'l0-basics-optional', 2]],
    sectionLayers: [['L0: Basics (optional)', 0]],
  },
  {
    name: 'duplicate layer numbers kept in order',
    lines: ['# Tool', '## Learning Path', '### L0: One', '### L0: Again', '### L1: Two'],
    layers: [
      [0, 'One', undefined, 'l0-one', 2],
      [0, 'Again', undefined, 'l0-again', 3],
      [1, 'Two', undefined, 'l1-two', 4],
    ],
    sectionLayers: [
      ['L0: One', 0],
      ['L0: Again', 0],
      ['L1: Two', 1],
    ],
  },
  {
    name: 'layer headings in code are ignored',
    lines: ['# Tool', '## Learning Path', '```python', '# L0 Example', '```', '### L0: Real'],
    layers: [[0, 'Real', undefined, 'l0-real', 5]],
    sectionLayers: [['L0: Real', 0]],
  },
  {
    name: 'path without layers',
    lines: ['# Tool', '## Learning Path', '- L0: basic usage', '- L1: more', '## Next'],
    layers: [],
    sectionLayers: [],
  },
  {
    name: 'no path and no layers',
    lines: ['# Tool', '## Overview', '## Resources'],
    layers: [],
    sectionLayers: [],
  },
];

describe('parseMarkdown layers', () => {
  for (const testCase of LAYER_CASES) {
    test(testCase.name, () => {
      const document = parseMarkdown(testCase.lines.join('\n'));
      const sectionLayers = document.sections
        .filter((section) => section.layer !== undefined)
        .map((section): [string, number] => [section.text, section.layer!]);

      assert.deepEqual(document.layers.map(simplify), testCase.layers);
      assert.deepEqual(sectionLayers, testCase.sectionLayers);
    });
  }
});

describe('readLayerHeading', () => {
  const cases: readonly [string, ReturnType<typeof readLayerHeading>][] = [
    ['L0: Basic Crew (1 hour)', { number: 0, title: 'Basic Crew', time: '1 hour' }],
    ['l3: lower case (3+ hours)', { number: 3, title: 'lower case', time: '3+ hours' }],
    ['L4. Dotted', { number: 4, title: 'Dotted' }],
    ['Level 2: Named Level', { number: 2, title: 'Named Level' }],
    ['L5: Out of range', undefined],
    ['L10: Two digits', undefined],
    ['L1:', undefined],
    ['Learning goals', undefined],
  ];

  for (const [text, expected] of cases) {
    test(`reads "${text}"`, () => {
      assert.deepEqual(readLayerHeading(text), expected);
    });
  }
});

describe('completeLayers', () => {
  test('fills missing numbers generically', () => {
    const own: Layer[] = [
      { number: 0, title: 'Start', line: 5, anchor: 'l0-start', generic: false },
      { number: 2, title: 'Deep', line: 9, anchor: 'l2-deep', generic: false },
    ];
    const layers = completeLayers(own, 3, 'learning-path');

    assert.deepEqual(
      layers.map((layer) => [layer.number, layer.title, layer.line, layer.anchor, layer.generic]),
      [
        [0, 'Start', 5, 'l0-start', false],
        [1, GENERIC_LAYER_TITLES[1], 3, 'learning-path', true],
        [2, 'Deep', 9, 'l2-deep', false],
        [3, GENERIC_LAYER_TITLES[3], 3, 'learning-path', true],
        [4, GENERIC_LAYER_TITLES[4], 3, 'learning-path', true],
      ],
    );
  });

  test('first duplicate wins', () => {
    const own: Layer[] = [
      { number: 0, title: 'First', line: 1, generic: false },
      { number: 0, title: 'Second', line: 2, generic: false },
    ];

    assert.equal(completeLayers(own)[0]?.title, 'First');
  });

  test('no path opens at line zero', () => {
    const layers = completeLayers([]);

    assert.deepEqual(
      layers.map((layer) => [layer.line, layer.anchor, layer.generic]),
      Array.from({ length: 5 }, () => [0, undefined, true]),
    );
  });
});
