import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { parseWebviewMessage, persistedLabId } from '../../../src/vscode/labs/messages';

describe('parseWebviewMessage', () => {
  test('accepts each message type', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reset', extra: 1 }), { type: 'reset' });
    assert.deepEqual(parseWebviewMessage({ type: 'openCell', key: 'setup' }), { type: 'openCell', key: 'setup' });
    assert.deepEqual(parseWebviewMessage({ type: 'markCell', key: 'setup', done: false }), {
      type: 'markCell',
      key: 'setup',
      done: false,
    });
  });

  test('rejects malformed messages', () => {
    assert.equal(parseWebviewMessage(null), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    assert.equal(parseWebviewMessage({ type: 'openCell' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'markCell', key: 'setup', done: 'yes' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'runShell', command: 'rm -rf /' }), undefined);
  });
});

describe('persistedLabId', () => {
  test('reads the saved lab id', () => {
    assert.equal(persistedLabId({ labId: 'agents/crew-basics', view: {} }), 'agents/crew-basics');
  });

  test('missing or empty id', () => {
    assert.equal(persistedLabId(undefined), undefined);
    assert.equal(persistedLabId({ labId: '' }), undefined);
    assert.equal(persistedLabId({ labId: 7 }), undefined);
  });
});
