import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeExampleId, documentId, encodeIdPart, integrationSectionId, researchSectionId } from '../../../src/core/search/ids';

test('ids keep the spec form', () => {
  assert.equal(integrationSectionId('agents', 'crewai', 'quick-start'), 'agents_crewai_quick-start');
  assert.equal(codeExampleId('agents', 'crewai', 'quick-start', 0), 'agents_crewai_quick-start_1');
  assert.equal(
    researchSectionId('2026-01-05_agentic-framework-comparison', 'README.md', 'overview'),
    '2026-01-05%5fagentic-framework-comparison_README_overview',
  );
});

test('ids escape the separator', () => {
  const first = integrationSectionId('llm_fine', 'tuning', 'setup');
  const second = integrationSectionId('llm', 'fine_tuning', 'setup');

  assert.notEqual(first, second);
  assert.equal(first, 'llm%5ffine_tuning_setup');
  assert.equal(second, 'llm_fine%5ftuning_setup');
});

test('ids separate code blocks of one section', () => {
  assert.notEqual(codeExampleId('a', 'b', 'c', 0), codeExampleId('a', 'b', 'c', 1));
});

test('ids encode invisible characters', () => {
  const id = documentId(['a\u200bb', 'tab\there', 'space here', 'über']);

  assert.match(id, /^[A-Za-z0-9.%~_-]+$/);
  assert.equal(encodeIdPart('a\u200bb'), 'a%e2%80%8bb');
  assert.notEqual(encodeIdPart('a\u200bb'), encodeIdPart('ab'));
});

test('ids write empty parts as tilde', () => {
  assert.equal(codeExampleId('a', 'b', '', 0), 'a_b_~_1');
});

test('ids keep research subfolders apart', () => {
  const nested = researchSectionId('s', 'artifacts/notes.md', 'x');
  const flat = researchSectionId('s', 'artifacts_notes.md', 'x');

  assert.notEqual(nested, flat);
  assert.equal(nested, 's_artifacts%2fnotes_x');
});

test('percent signs cannot forge an escape', () => {
  assert.notEqual(encodeIdPart('%5f'), encodeIdPart('_'));
});
