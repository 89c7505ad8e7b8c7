import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { parseMarkdown } from '../../../src/core/content/markdown';
import type { Section } from '../../../src/core/content/model';

/** `[level, text, anchor, id, startLine, endLine, layer?]` */
type ExpectedSection = [number, string, string, string, number, number, number?];

interface SectionCase {
  readonly name: string;
  readonly lines: readonly string[];
  readonly sections: readonly ExpectedSection[];
}

function simplify(section: Section): ExpectedSection {
  const row: ExpectedSection = [
    section.level,
    section.text,
    section.anchor,
    section.id,
    section.startLine,
    section.endLine,
  ];
  if (section.layer !== undefined) {
    row.push(section.layer);
  }
  return row;
}

const SECTION_CASES: readonly SectionCase[] = [
  {
    name: 'hash comments inside a backtick fence',
    lines: ['# Title', '```python', '# not a heading', 'x = 1', '```', '## Next'],
    sections: [
      [1, 'Title', 'title', 'title', 0, 5],
      [2, 'Next', 'next', 'next', 5, 5],
    ],
  },
  {
    name: 'hash comments inside a tilde fence',
    lines: ['# Title', '', '~~~bash', '# install', 'pip install x', '~~~', '', '## Next', ''],
    sections: [
      [1, 'Title', 'title', 'title', 0, 7],
      [2, 'Next', 'next', 'next', 7, 7],
    ],
  },
  {
    name: 'four-backtick fence around a three-backtick fence',
    lines: ['# Title', '````markdown', '```bash', '# comment', '```', '## Not a heading either', '````', '## After'],
    sections: [
      [1, 'Title', 'title', 'title', 0, 7],
      [2, 'After', 'after', 'after', 7, 7],
    ],
  },
  {
    name: 'indented code block inside a list',
    lines: ['# Title', '', '- Step one', '', '      # a comment in indented code', '      run()', '', '## After'],
    sections: [
      [1, 'Title', 'title', 'title', 0, 7],
      [2, 'After', 'after', 'after', 7, 7],
    ],
  },
  {
    name: 'setext headings',
    lines: ['Main Title', '==========', '', 'Intro text.', '', 'Part One', '--------', '', 'Body.'],
    sections: [
      [1, 'Main Title', 'main-title', 'main-title', 0, 8],
      [2, 'Part One', 'part-one', 'part-one', 5, 8],
    ],
  },
  {
    name: 'closing hash sequences stripped',
    lines: ['# Title #', '## Setup ##', '### Deep ###   '],
    sections: [
      [1, 'Title', 'title', 'title', 0, 2],
      [2, 'Setup', 'setup', 'setup', 1, 2],
      [3, 'Deep', 'deep', 'deep', 2, 2],
    ],
  },
  {
    name: 'front matter is not a section',
    lines: ['---', 'title: Sample', 'difficulty: Beginner', '---', '# Real Title', '## Part'],
    sections: [
      [1, 'Real Title', 'real-title', 'real-title', 4, 5],
      [2, 'Part', 'part', 'part', 5, 5],
    ],
  },
  {
    name: 'unterminated front matter stays content',
    lines: ['---', '# Inside', 'title: Sample', '', '## Later'],
    sections: [
      [1, 'Inside', 'inside', 'inside', 1, 4],
      [2, 'Later', 'later', 'later', 4, 4],
    ],
  },
  {
    name: 'duplicate headings get numbered anchors',
    lines: ['# Doc', '## Setup', '## Setup', '## Setup', '## Setup-1'],
    sections: [
      [1, 'Doc', 'doc', 'doc', 0, 4],
      [2, 'Setup', 'setup', 'setup', 1, 1],
      [2, 'Setup', 'setup-1', 'setup-1', 2, 2],
      [2, 'Setup', 'setup-2', 'setup-2', 3, 3],
      [2, 'Setup-1', 'setup-1-1', 'setup-1-1', 4, 4],
    ],
  },
  {
    name: 'emoji-leading and emoji-only headings',
    lines: ['# Doc', '## 🚀 Quick Start', '## 🎉', '## 🎉', '## Done ✅'],
    sections: [
      [1, 'Doc', 'doc', 'doc', 0, 4],
      [2, '🚀 Quick Start', '-quick-start', '-quick-start', 1, 1],
      [2, '🎉', '', 'section-3', 2, 2],
      [2, '🎉', '-1', '-1', 3, 3],
      [2, 'Done ✅', 'done-', 'done-', 4, 4],
    ],
  },
  {
    name: 'generated id avoids a real anchor',
    lines: ['# Doc', '## 🎉', '## Section 2'],
    sections: [
      [1, 'Doc', 'doc', 'doc', 0, 2],
      [2, '🎉', '', 'section-2-2', 1, 1],
      [2, 'Section 2', 'section-2', 'section-2', 2, 2],
    ],
  },
  {
    name: 'inline markup reduced to plain text',
    lines: ['# Use `npx` with **bold** and [a link](https://example.com)', '## A &amp; B <span>tag</span>'],
    sections: [
      [1, 'Use npx with bold and a link', 'use-npx-with-bold-and-a-link', 'use-npx-with-bold-and-a-link', 0, 1],
      [2, 'A & B tag', 'a--b-tag', 'a--b-tag', 1, 1],
    ],
  },
  {
    name: 'hash lines inside an HTML block',
    lines: ['# Doc', '', '<div>', '# inside html', '</div>', '', '## After'],
    sections: [
      [1, 'Doc', 'doc', 'doc', 0, 6],
      [2, 'After', 'after', 'after', 6, 6],
    ],
  },
  {
    name: 'hash without a space is text',
    lines: ['# Doc', '#hashtag', '####### seven'],
    sections: [[1, 'Doc', 'doc', 'doc', 0, 2]],
  },
  {
    name: 'section ends before same level',
    lines: ['# Doc', '## A', '### A1', 'text', '## B', 'text', ''],
    sections: [
      [1, 'Doc', 'doc', 'doc', 0, 5],
      [2, 'A', 'a', 'a', 1, 3],
      [3, 'A1', 'a1', 'a1', 2, 3],
      [2, 'B', 'b', 'b', 4, 5],
    ],
  },
];

describe('parseMarkdown sections', () => {
  for (const testCase of SECTION_CASES) {
    test(testCase.name, () => {
      const document = parseMarkdown(testCase.lines.join('\n'));

      assert.deepEqual(document.sections.map(simplify), testCase.sections);
    });
  }
});

describe('parseMarkdown section ids', () => {
  test('ids unique and printable', () => {
    const document = parseMarkdown(['# 🎉', '## 🎉', '## section-1', '## 🎉 🎉', '## ✨'].join('\n'));
    const ids = document.sections.map((section) => section.id);

    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[\x21-\x7e]+$/, `id ${JSON.stringify(id)} is printable ASCII`);
    }
  });
});

describe('parseMarkdown front matter', () => {
  test('front matter read as flat map', () => {
    const document = parseMarkdown(
      ['---', 'title: Sample', 'date: 2026-11-20', 'tags: [memory, agents]', 'nested:', '  key: value', '---', '# Doc'].join('\n'),
    );

    assert.deepEqual(document.frontMatter, { title: 'Sample', date: '2026-11-20', tags: 'memory, agents' });
  });

  test('unterminated front matter absent', () => {
    const document = parseMarkdown(['---', 'title: Sample', '', '# Doc'].join('\n'));

    assert.equal(document.frontMatter, undefined);
  });

  test('front matter fills header fields', () => {
    const document = parseMarkdown(['---', 'difficulty: Beginner', 'setup_time: 1 hour', '---', '# Doc'].join('\n'));

    assert.equal(document.header.difficulty, 'Beginner');
    assert.equal(document.header.setupTime, '1 hour');
  });

  test('front matter that is not a mapping ignored', () => {
    const document = parseMarkdown(['---', 'Just a sentence', '---', 'Body'].join('\n'));

    assert.equal(document.frontMatter, undefined);
    assert.deepEqual(document.sections.map((section) => section.text), ['Just a sentence']);
  });
});

describe('parseMarkdown line endings', () => {
  const lines = [
    '# CRLF Doc',
    '',
    '> **Difficulty**: Beginner',
    '',
    '## Learning Path',
    '',
    '### L0: Start (1 hour)',
    '',
    '```python',
    '# comment',
    'print(1)',
    '```',
    '',
    'Setext',
    '------',
  ];
  const lf = lines.join('\n');

  test('BOM gives the LF result', () => {
    assert.deepEqual(parseMarkdown(`\uFEFF${lf}`), parseMarkdown(lf));
  });

  test('CRLF gives the LF result', () => {
    assert.deepEqual(parseMarkdown(lines.join('\r\n')), parseMarkdown(lf));
  });

  test('BOM with CRLF gives the LF result', () => {
    assert.deepEqual(parseMarkdown(`\uFEFF${lines.join('\r\n')}\r\n`), parseMarkdown(`${lf}\n`));
  });

  test('line count ignores final newline', () => {
    assert.equal(parseMarkdown(`${lf}\n`).lineCount, lines.length);
    assert.equal(parseMarkdown(lf).lineCount, lines.length);
  });
});

describe('parseMarkdown code blocks', () => {
  test('blocks carry section and position', () => {
    const document = parseMarkdown(
      [
        'Intro before any heading.',
        '',
        '    indented = True',
        '',
        '# Doc',
        '## Quick Start',
        '```Python title="demo.py"',
        'print("one")',
        '```',
        '',
        '~~~',
        'plain block',
        '~~~',
        '## 🎉',
        '- item',
        '',
        '      # code in a list',
        '## Other',
        '````md',
        '```bash',
        'echo nested',
        '```',
        '````',
      ].join('\n'),
    );

    assert.deepEqual(
      document.codeBlocks.map((block) => [block.language, block.sectionId, block.startLine, block.indexInSection]),
      [
        ['', '', 2, 0],
        ['python', 'quick-start', 6, 0],
        ['', 'quick-start', 10, 1],
        ['', 'section-3', 16, 0],
        ['md', 'other', 18, 0],
      ],
    );
  });

  test('block code excludes the fences', () => {
    const document = parseMarkdown(['# Doc', '```python', 'a = 1', '# note', '```'].join('\n'));

    assert.equal(document.codeBlocks[0]?.code, 'a = 1\n# note');
  });

  test('nested fence kept as code', () => {
    const document = parseMarkdown(['````md', '```bash', 'echo nested', '```', '````'].join('\n'));

    assert.equal(document.codeBlocks[0]?.code, '```bash\necho nested\n```');
  });
});

describe('parseMarkdown title', () => {
  test('title is the first H1', () => {
    const document = parseMarkdown(['## Before', '# First', '# Second'].join('\n'));

    assert.equal(document.title, 'First');
  });

  test('title absent without H1', () => {
    const document = parseMarkdown(['## Only a subheading', 'text'].join('\n'));

    assert.equal(document.title, undefined);
  });

  test('empty text has no sections', () => {
    const document = parseMarkdown('');

    assert.deepEqual([document.sections.length, document.codeBlocks.length, document.lineCount], [0, 0, 0]);
  });
});
