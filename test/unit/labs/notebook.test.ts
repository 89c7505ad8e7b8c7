import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { ContentError } from '../../../src/core/errors';
import { assignCellKeys, normaliseSource, sourceKey } from '../../../src/core/labs/cellKeys';
import { parseNotebook, readNotebook } from '../../../src/core/labs/notebook';

const fixtures = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'labs');

describe('readNotebook', () => {
  test('nbformat 4.5 uses cell ids', async () => {
    const notebook = await readNotebook(path.join(fixtures, 'agents', 'crew-basics.ipynb'));

    assert.equal(notebook.nbformatMinor, 5);
    assert.deepEqual(
      notebook.codeCells.map((cell) => cell.key),
      ['setup', 'define-agents', 'markup-cell', 'run-crew'],
    );
    assert.equal(notebook.language, 'python');
    assert.deepEqual(notebook.problems, []);
  });

  test('nbformat 4.5 string source kept', async () => {
    const notebook = await readNotebook(path.join(fixtures, 'agents', 'crew-basics.ipynb'));
    const setup = notebook.codeCells[0];

    assert.equal(setup.source, 'import json\nagents = []');
    assert.equal(setup.firstLine, 'import json');
    assert.equal(setup.index, 1);
    assert.equal(setup.executionCount, null);
  });

  test('nbformat 4.2 joins line lists', async () => {
    const notebook = await readNotebook(path.join(fixtures, 'llms', 'prompt-patterns.ipynb'));

    assert.equal(notebook.nbformatMinor, 2);
    assert.equal(notebook.cells.length, 5);
    assert.equal(notebook.codeCells.length, 4);
    assert.equal(notebook.codeCells[0].source, "template = 'Answer briefly: {question}'\nprint(template)");
    assert.equal(notebook.codeCells[0].executionCount, 1);
  });

  test('nbformat 4.2 keys from source', async () => {
    const notebook = await readNotebook(path.join(fixtures, 'llms', 'prompt-patterns.ipynb'));
    const keys = notebook.codeCells.map((cell) => cell.key);
    const checkpoint = sourceKey("print('checkpoint')");

    assert.equal(keys[0], sourceKey("template = 'Answer briefly: {question}'\nprint(template)"));
    assert.equal(keys[1], checkpoint);
    assert.equal(keys[3], `${checkpoint}-2`);
    assert.equal(new Set(keys).size, 4);
  });

  test('error outputs are detected', async () => {
    const notebook = await readNotebook(path.join(fixtures, 'llms', 'prompt-patterns.ipynb'));

    assert.deepEqual(
      notebook.codeCells.map((cell) => cell.hasErrorOutput),
      [false, false, true, false],
    );
  });

  test('invalid JSON raises ContentError', async () => {
    const file = path.join(fixtures, 'broken', 'invalid-json.ipynb');

    await assert.rejects(readNotebook(file), (error: unknown) => {
      assert.ok(error instanceof ContentError);
      assert.match(error.message, /is not valid JSON/);
      assert.match(error.message, /invalid-json\.ipynb/);
      assert.equal(error.filePath, file);
      return true;
    });
  });

  test('missing file raises ContentError', async () => {
    await assert.rejects(readNotebook(path.join(fixtures, 'absent.ipynb')), ContentError);
  });
});

describe('parseNotebook', () => {
  test('nbformat 3 is rejected', () => {
    assert.throws(() => parseNotebook('{"nbformat": 3, "worksheets": []}', 'old.ipynb'), /nbformat 3/);
  });

  test('missing cells list rejected', () => {
    assert.throws(() => parseNotebook('{"nbformat": 4, "nbformat_minor": 2}', 'x.ipynb'), /no "cells" list/);
  });

  test('non-object JSON rejected', () => {
    assert.throws(() => parseNotebook('[1, 2]', 'x.ipynb'), ContentError);
  });

  test('malformed cells reported not fatal', () => {
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 4,
      cells: [42, { cell_type: 'code', source: 7 }, { cell_type: 'widget', source: 'x' }, { cell_type: 'code', source: 'ok' }],
    });
    const notebook = parseNotebook(text, 'x.ipynb');

    assert.equal(notebook.problems.length, 3);
    assert.match(notebook.problems[1], /Cell 2 has a "source"/);
    assert.deepEqual(
      notebook.cells.map((cell) => cell.kind),
      ['raw', 'code', 'raw', 'code'],
    );
    assert.equal(notebook.codeCells[1].source, 'ok');
  });

  test('byte order mark is accepted', () => {
    const notebook = parseNotebook('\uFEFF{"nbformat": 4, "nbformat_minor": 2, "cells": []}', 'x.ipynb');

    assert.equal(notebook.cells.length, 0);
  });
});

describe('assignCellKeys', () => {
  const cells = [{ source: 'a = 1' }, { source: 'b = 2' }, { source: 'print(a)' }, { source: 'print(a)' }];

  test('reordering keeps each key', () => {
    const before = assignCellKeys(cells);
    const after = assignCellKeys([cells[2], cells[0], cells[1]]);

    assert.equal(after[0], before[2]);
    assert.equal(after[1], before[0]);
    assert.equal(after[2], before[1]);
  });

  test('editing another cell keeps key', () => {
    const before = assignCellKeys(cells);
    const after = assignCellKeys([{ source: 'a = 100' }, cells[1], cells[2], cells[3]]);

    assert.notEqual(after[0], before[0]);
    assert.deepEqual(after.slice(1), before.slice(1));
  });

  test('adding a cell keeps keys', () => {
    const before = assignCellKeys(cells);
    const after = assignCellKeys([{ source: 'import os' }, ...cells]);

    assert.deepEqual(after.slice(1), before);
  });

  test('identical sources get suffixes', () => {
    const keys = assignCellKeys(cells);

    assert.equal(keys[3], `${keys[2]}-2`);
  });

  test('ids win over source', () => {
    const keys = assignCellKeys([{ id: 'first', source: 'x' }, { source: 'x' }]);

    assert.deepEqual(keys, ['first', sourceKey('x')]);
  });

  test('duplicate id falls back', () => {
    const keys = assignCellKeys([
      { id: 'same', source: 'x' },
      { id: 'same', source: 'y' },
    ]);

    assert.deepEqual(keys, ['same', sourceKey('y')]);
  });

  test('whitespace edits keep the key', () => {
    assert.equal(sourceKey('a = 1\r\nb = 2   \n\n'), sourceKey('\na = 1\nb = 2'));
    assert.equal(normaliseSource('  x  \r\n'), '  x');
  });
});
