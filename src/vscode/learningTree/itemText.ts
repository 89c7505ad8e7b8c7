import { LAYER_COUNT, type Domain, type Layer, type Technology } from '../../core/content/model';
import type { DomainCounts, ProgressIndex } from './progressIndex';

/**
 * Labels, descriptions, tooltips and screen-reader text of the Learning view's
 * items. Pure functions of the content model and the progress index, so they are
 * tested without VS Code.
 */
export interface ItemText {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  /** What a screen reader says: the label and the state in words. */
  readonly accessibilityLabel: string;
}

/** Domain row: `3/7 · 43%` (completed technologies / technologies · percentage of layers). */
export function domainText(domain: Domain, progress: ProgressIndex): ItemText {
  const counts = domainCounts(domain, progress);
  const technologyWord = plural(counts.technologies, 'technology', 'technologies');

  return {
    label: domain.name,
    description: `${counts.completedTechnologies}/${counts.technologies} · ${counts.percentage}%`,
    tooltip:
      `${domain.name}: ${counts.completedTechnologies} of ${counts.technologies} ${technologyWord} completed, ` +
      `${counts.completedLayers} of ${counts.totalLayers} layers (${counts.percentage}%)`,
    accessibilityLabel:
      `${domain.name}, ${counts.completedTechnologies} of ${counts.technologies} ${technologyWord} completed, ` +
      `${counts.percentage} percent of layers done`,
  };
}

export function domainCounts(domain: Domain, progress: ProgressIndex): DomainCounts {
  return progress.domainCounts(
    domain.id,
    domain.technologies.map((technology) => technology.id),
  );
}

/**
 * Name of a technology as the tree shows it: the PRD's H1 without a trailing
 * "Integration" or "Integration PRD", which every PRD title ends with
 * ("CrewAI Integration" → "CrewAI").
 */
export function technologyLabel(technology: Technology): string {
  const stripped = technology.title.replace(/\s+Integration(\s+PRD)?\s*$/i, '').trim();
  return stripped === '' ? technology.title : stripped;
}

/** Technology row: current layer and difficulty (`L2 · Intermediate`), tagline as tooltip. */
export function technologyText(technology: Technology, progress: ProgressIndex): ItemText {
  const done = progress.completedCount(technology.domainId, technology.id);
  const current = progress.currentLayer(technology.domainId, technology.id);
  const difficulty = (technology.difficulty ?? technology.document.header.difficulty)?.trim();

  const currentText = current === undefined ? 'all layers done' : `L${current}`;
  const description = difficulty ? `${currentText} · ${difficulty}` : currentText;

  const label = technologyLabel(technology);
  const spokenParts = [label, `${done} of ${LAYER_COUNT} layers done`];
  if (difficulty) {
    spokenParts.push(difficulty.toLowerCase());
  }

  return {
    label,
    description,
    tooltip: (technology.tagline ?? technology.document.header.tagline)?.trim() || technology.title,
    accessibilityLabel: spokenParts.join(', '),
  };
}

/** Layer row: `L1: Add Tools`, time estimate as description. */
export function layerText(layer: Layer, completed: boolean): ItemText {
  const label = `L${layer.number}: ${layer.title}`;
  const state = completed ? 'completed' : 'not completed';
  const time = layer.time?.trim() ?? '';

  return {
    label,
    description: time,
    tooltip: time ? `${label} (${time}), ${state}` : `${label}, ${state}`,
    accessibilityLabel: `${label}, ${state}`,
  };
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
