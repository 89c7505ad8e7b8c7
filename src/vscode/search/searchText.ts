// Text of the search UI that needs no VS Code API, so unit tests can check it.
import type { IndexProgress } from '../../core/search/indexer';
import type { SearchType } from '../../core/search/types';

/** Filters of one picker session. */
export interface SearchFilters {
  readonly domain?: string;
  readonly type?: SearchType;
  readonly language?: string;
}

/** Share of a full run each phase covers, in percent: embedding takes most of the time. */
const PHASE_SPANS: Readonly<Record<IndexProgress['phase'], readonly [start: number, end: number]>> = {
  reading: [0, 5],
  keywords: [5, 20],
  vectors: [20, 100],
  done: [100, 100],
};

/** Returns the overall percentage (0-100, whole numbers) of a full run at `progress`. */
export function progressPercent(progress: IndexProgress): number {
  const [start, end] = PHASE_SPANS[progress.phase];
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.floor(start + (end - start) * fraction);
}

/** Returns a short description of the phase, for the notification and the status-bar tooltip. */
export function describeProgress(progress: IndexProgress): string {
  switch (progress.phase) {
    case 'reading':
      return 'reading the content';
    case 'keywords':
      return `keyword index ${progress.done}/${progress.total} sections`;
    case 'vectors':
      return `embedding ${progress.done}/${progress.total} sections`;
    case 'done':
      return `${progress.total} sections indexed`;
  }
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** Formats an ISO timestamp relative to `now`, for example "5 minutes ago" or "yesterday". */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000);
  if (Number.isNaN(seconds)) {
    return iso;
  }
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) {
      return relativeFormat.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** Describes active filters for the title, for example "domain agents · type code"; empty when none. */
export function describeFilters(filters: SearchFilters): string {
  const parts: string[] = [];
  if (filters.domain !== undefined) {
    parts.push(`domain ${filters.domain}`);
  }
  if (filters.type !== undefined) {
    parts.push(`type ${filters.type}`);
  }
  if (filters.language !== undefined) {
    parts.push(`language ${filters.language}`);
  }
  return parts.join(' · ');
}
