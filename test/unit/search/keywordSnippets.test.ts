import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { silentLogger } from '../../../src/core/log';
import { keywordSnippets } from '../../../src/core/search/keyword';
import { openStore } from '../../../src/core/store/database';

const migrationsDir = path.resolve(__dirname, '..', '..', '..', 'migrations');

test('snippets belong to their own rows', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luno-snippets-'));
  const store = openStore({ file: path.join(dir, 'luno.db'), migrationsDir, logger: silentLogger });
  t.after(() => {
    store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = store.db.prepare('INSERT INTO search_fts (rowid, title, context, body) VALUES (?, ?, ?, ?)');
  insert.run(11, 'CrewAI', 'agents', 'crews of agents share one alpha task');
  insert.run(12, 'LangGraph', 'agents', 'graphs of agents route a beta message');
  insert.run(13, 'AutoGen', 'agents', 'conversations of agents reach a gamma answer');

  const snippets = keywordSnippets(store.db, 'agents', [11, 12, 13]);

  assert.equal(snippets.size, 3);
  assert.match(snippets.get(11) ?? '', /alpha/);
  assert.match(snippets.get(12) ?? '', /beta/);
  assert.match(snippets.get(13) ?? '', /gamma/);
});
