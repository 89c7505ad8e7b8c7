import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { contentRootAt, scanContent, type ContentModel } from '../../../src/core/content';
import { silentLogger } from '../../../src/core/log';
import { findTechnologyFile, reparseTechnology } from '../../../src/vscode/contentModelUpdate';

const PRD = `# CrewAI Integration

## Learning Path

### L0: Basic Crew (1 hour)

### L1: Add Tools (2-3 hours)
`;

const INDEX = `# Integration Hub

## Agentic AI

| Integration | File | Difficulty | Time |
|---|---|---|---|
| CrewAI | [crewai.md](./agents/crewai.md) | Intermediate | 1 hour |
`;

describe('content model update', () => {
  let folder: string;
  let prdFile: string;
  let model: ContentModel;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-content-update-'));
    prdFile = path.join(folder, 'integrations', 'agents', 'crewai.md');
    await fs.mkdir(path.dirname(prdFile), { recursive: true });
    await fs.writeFile(prdFile, PRD);
    await fs.writeFile(path.join(folder, 'integrations', '_index.md'), INDEX);
    await fs.writeFile(path.join(folder, 'integrations', 'agents', 'langgraph.md'), '# LangGraph Integration\n');

    model = await scanContent([contentRootAt(folder)], { logger: silentLogger });
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  test('finds a PRD by absolute path', () => {
    const location = findTechnologyFile(model, prdFile);

    assert.equal(location?.technology.id, 'crewai');
    assert.equal(location?.relativePath, 'integrations/agents/crewai.md');
  });

  test('ignores files that are no PRD', () => {
    assert.equal(findTechnologyFile(model, path.join(folder, 'integrations', '_index.md')), undefined);
  });

  test('reparse picks up a renamed layer', async () => {
    await fs.writeFile(prdFile, PRD.replace('L1: Add Tools (2-3 hours)', 'L1: Custom Tools (3 hours)'));
    const location = findTechnologyFile(model, prdFile);
    assert.ok(location);

    const updated = await reparseTechnology(model, location);
    const crewai = updated.domains[0]?.technologies.find((technology) => technology.id === 'crewai');

    assert.equal(crewai?.layers[1]?.title, 'Custom Tools');
    assert.equal(crewai?.layers[1]?.time, '3 hours');
  });

  test('reparse keeps index difficulty', async () => {
    const location = findTechnologyFile(model, prdFile);
    assert.ok(location);

    const updated = await reparseTechnology(model, location);
    const crewai = updated.domains[0]?.technologies.find((technology) => technology.id === 'crewai');

    assert.equal(crewai?.difficulty, 'Intermediate');
  });

  test('reparse leaves other technologies', async () => {
    const location = findTechnologyFile(model, prdFile);
    assert.ok(location);

    const updated = await reparseTechnology(model, location);
    const before = model.domains[0]?.technologies.find((technology) => technology.id === 'langgraph');
    const after = updated.domains[0]?.technologies.find((technology) => technology.id === 'langgraph');

    assert.equal(after, before);
  });
});
