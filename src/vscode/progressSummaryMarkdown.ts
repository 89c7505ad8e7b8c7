import type { ContentModel, Technology } from '../core/content/model';
import type { ActivityEntry, ProgressSummary, TechnologyRef } from '../core/store/progress';
import { technologyLabel } from './learningTree/itemText';

/** Width of the text progress bars, in characters. */
const BAR_WIDTH = 10;

/** The data the summary shows; `summary` undefined means progress is unavailable. */
export interface ProgressSummaryInput {
  readonly model: ContentModel;
  readonly summary: ProgressSummary | undefined;
  readonly recent: readonly ActivityEntry[];
  /** Shown instead of the tables when progress is unavailable. */
  readonly unavailableReason?: string;
}

/** Returns the references of every technology in the model, in tree order. */
export function technologyRefs(model: ContentModel): TechnologyRef[] {
  return model.domains.flatMap((domain) =>
    domain.technologies.map((technology) => ({ domain: technology.domainId, technology: technology.id })),
  );
}

/** Renders the progress summary as Markdown: totals, a table per domain and the recent activity. */
export function renderProgressSummary(input: ProgressSummaryInput): string {
  const lines = ['# Luno-AI Progress', ''];

  if (!input.summary) {
    lines.push(`Progress is unavailable: ${escapeText(input.unavailableReason ?? 'the progress database is not open')}.`);
    return lines.join('\n') + '\n';
  }

  const { overall, domains } = input.summary;
  const finished = domains.reduce((sum, domain) => sum + domain.completedTechnologies, 0);

  lines.push(
    `**${overall.completedLayers} of ${overall.totalLayers} layers completed (${formatPercent(overall.percentage)})** ` +
      `across ${countOf(overall.technologies, 'technology', 'technologies')}; ` +
      `${countOf(finished, 'technology', 'technologies')} finished.`,
    '',
    '## By domain',
    '',
  );

  if (domains.length === 0) {
    lines.push('No integration PRDs were found in this workspace.');
  } else {
    lines.push('| Domain | Technologies done | Layers done | Progress |', '| --- | ---: | ---: | --- |');
    for (const domain of domains) {
      const name = domainName(input.model, domain.domain);
      lines.push(
        `| ${escapeCell(name)} | ${domain.completedTechnologies}/${domain.technologies} | ` +
          `${domain.completedLayers}/${domain.totalLayers} | ${bar(domain.percentage)} ${formatPercent(domain.percentage)} |`,
      );
    }
  }

  lines.push('', '## Recent activity', '');

  if (input.recent.length === 0) {
    lines.push('No layers completed yet. Check a layer in the Learning view to record it.');
  } else {
    lines.push('| Completed (UTC) | Technology | Layer |', '| --- | --- | --- |');
    for (const entry of input.recent) {
      lines.push(`| ${formatTime(entry.completedAt)} | ${activityTechnology(input.model, entry)} | ${activityLayer(input.model, entry)} |`);
    }
  }

  return lines.join('\n') + '\n';
}

function domainName(model: ContentModel, domainId: string): string {
  return model.domains.find((domain) => domain.id === domainId)?.name ?? domainId;
}

function findTechnology(model: ContentModel, ref: TechnologyRef): Technology | undefined {
  for (const domain of model.domains) {
    if (domain.id !== ref.domain) {
      continue;
    }
    const technology = domain.technologies.find((candidate) => candidate.id === ref.technology);
    if (technology) {
      return technology;
    }
  }
  return undefined;
}

function activityTechnology(model: ContentModel, entry: ActivityEntry): string {
  const technology = findTechnology(model, entry);
  const title = technology ? technologyLabel(technology) : `${entry.domain}/${entry.technology}`;
  return `${escapeCell(title)} (${escapeCell(domainName(model, entry.domain))})`;
}

function activityLayer(model: ContentModel, entry: ActivityEntry): string {
  const layer = findTechnology(model, entry)?.layers.find((candidate) => candidate.number === entry.layer);
  return escapeCell(layer ? `L${layer.number}: ${layer.title}` : `L${entry.layer}`);
}

/** `2026-01-05T10:00:00.000Z` → `2026-01-05 10:00`. */
function formatTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : escapeCell(iso);
}

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function formatPercent(percentage: number): string {
  return `${Number.isInteger(percentage) ? percentage : percentage.toFixed(1)}%`;
}

function bar(percentage: number): string {
  const filled = Math.round((Math.min(100, Math.max(0, percentage)) / 100) * BAR_WIDTH);
  return '▓'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

/** Escapes Markdown inline syntax and HTML in text taken from the content. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>&|~]/g, (character) => `\\${character}`);
}

/** Escapes text for a table cell: inline syntax, the cell separator and line breaks. */
function escapeCell(text: string): string {
  return escapeText(text).replace(/\r?\n/g, ' ');
}
