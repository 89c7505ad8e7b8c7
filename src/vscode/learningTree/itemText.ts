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
  /** Screen-reader text: the label and the state in words. */
  readonly accessibilityLabel: string;
}

/**
 * Domain row: `3/7 · 43%` (completed technologies / technologies · percentage of layers).
 * `progress` is undefined while luno.db is unavailable; the row then counts technologies only.
 */
export function domainText(domain: Domain, progress: ProgressIndex | undefined): ItemText {
  const technologyCount = domain.technologies.length;
  const technologyWord = plural(technologyCount, 'technology', 'technologies');

  if (!progress) {
    return {
      label: domain.name,
      description: `${technologyCount} ${technologyWord}`,
      tooltip: `${domain.name}: ${technologyCount} ${technologyWord}; progress is unavailable`,
      accessibilityLabel: `${domain.name}, ${technologyCount} ${technologyWord}, progress unavailable`,
    };
  }

  const counts = domainCounts(domain, progress);

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

/**
 * Technology row: current layer and difficulty (`L2 · Intermediate`), tagline as tooltip.
 * `progress` is undefined while luno.db is unavailable; the row then shows the difficulty only.
 */
export function technologyText(technology: Technology, progress: ProgressIndex | undefined): ItemText {
  const difficulty = (technology.difficulty ?? technology.document.header.difficulty)?.trim();
  const label = technologyLabel(technology);

  const parts: string[] = [];
  const spokenParts = [label];

  if (progress) {
    const done = progress.completedCount(technology.domainId, technology.id);
    const current = progress.currentLayer(technology.domainId, technology.id);
    parts.push(current === undefined ? 'all layers done' : `L${current}`);
    spokenParts.push(`${done} of ${LAYER_COUNT} layers done`);
  } else {
    spokenParts.push('progress unavailable');
  }

  if (difficulty) {
    parts.push(difficulty);
    spokenParts.push(difficulty.toLowerCase());
  }

  return {
    label,
    description: parts.join(' · '),
    tooltip: (technology.tagline ?? technology.document.header.tagline)?.trim() || technology.title,
    accessibilityLabel: spokenParts.join(', '),
  };
}

/** Layer row: `L1: Add Tools`, time estimate as description. `completed` is undefined while progress is unavailable. */
export function layerText(layer: Layer, completed: boolean | undefined): ItemText {
  const label = `L${layer.number}: ${layer.title}`;
  let state = 'progress unavailable';
  if (completed !== undefined) {
    state = completed ? 'completed' : 'not completed';
  }
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
