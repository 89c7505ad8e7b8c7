/**
 * Ranking quality of the search on the evaluation questions in
 * test/fixtures/eval/questions.json: hit@1, hit@5 and mean reciprocal rank
 * at document level (a PRD or a research session).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchService } from '../src/core/search/searchService';

export interface EvalQuestion {
  readonly question: string;
  readonly answers: readonly string[];
}

export interface EvalScore {
  readonly mode: 'keyword' | 'vector' | 'hybrid';
  readonly questions: number;
  readonly hitAt1: number;
  readonly hitAt5: number;
  readonly mrr: number;
  /** Rank of the first right document per question, 0 when it is not in the first 50. */
  readonly ranks: number[];
}

export const QUESTIONS_FILE = path.resolve(__dirname, '..', 'test', 'fixtures', 'eval', 'questions.json');

export function loadQuestions(file = QUESTIONS_FILE): EvalQuestion[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { questions: EvalQuestion[] }).questions;
}

/** Ranks of distinct documents in a result list. */
function documentOrder(units: readonly string[]): string[] {
  return [...new Set(units)];
}

export async function evaluate(service: SearchService, questions: readonly EvalQuestion[], mode: EvalScore['mode']): Promise<EvalScore> {
  const ranks: number[] = [];
  for (const item of questions) {
    // A trailing space marks the query as complete, so no prefix matching is added.
    const response = await service.search(`${item.question} `, { limit: 50, mode });
    if (response.mode !== mode) {
      throw new Error(`expected ${mode} results for "${item.question}", got ${response.mode}: ${response.note ?? ''}`);
    }
    const order = documentOrder(response.results.map((result) => result.unit));
    const index = order.findIndex((unit) => item.answers.includes(unit));
    ranks.push(index + 1);
  }

  const count = ranks.length;
  return {
    mode,
    questions: count,
    hitAt1: ranks.filter((rank) => rank === 1).length / count,
    hitAt5: ranks.filter((rank) => rank >= 1 && rank <= 5).length / count,
    mrr: ranks.reduce((sum, rank) => sum + (rank === 0 ? 0 : 1 / rank), 0) / count,
    ranks,
  };
}

export function formatScore(score: EvalScore): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  return `${score.mode.padEnd(8)} hit@1 ${percent(score.hitAt1)}  hit@5 ${percent(score.hitAt5)}  MRR ${score.mrr.toFixed(3)}`;
}
