import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { Emitter } from '../../../src/core/events';

test('Emitter delivers in order', () => {
  const emitter = new Emitter<number>();
  const seen: string[] = [];

  emitter.event((value) => seen.push(`a${value}`));
  emitter.event((value) => seen.push(`b${value}`));
  emitter.fire(1);

  assert.deepEqual(seen, ['a1', 'b1']);
});

test('Emitter subscription dispose stops delivery', () => {
  const emitter = new Emitter<number>();
  const seen: number[] = [];

  const subscription = emitter.event((value) => seen.push(value));
  emitter.fire(1);
  subscription.dispose();
  emitter.fire(2);

  assert.deepEqual(seen, [1]);
});

test('Emitter dispose drops listeners', () => {
  const emitter = new Emitter<void>();
  let calls = 0;

  emitter.event(() => calls++);
  emitter.dispose();
  emitter.event(() => calls++);
  emitter.fire();

  assert.equal(calls, 0);
});

test('Emitter reports listener errors', () => {
  const errors: unknown[] = [];
  const emitter = new Emitter<void>((error) => errors.push(error));
  let secondCalled = false;

  emitter.event(() => {
    throw new Error('broken');
  });
  emitter.event(() => {
    secondCalled = true;
  });
  emitter.fire();

  assert.equal(secondCalled, true);
  assert.equal(errors.length, 1);
});
