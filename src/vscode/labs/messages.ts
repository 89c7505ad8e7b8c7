/**
 * Messages between the lab progress webview (media/labs/progress.js) and the
 * extension host. The webview script is plain JavaScript, so it checks the
 * same shapes at run time; keep both sides in step.
 */
import type { CellStatus, ProgressCounts } from '../../core/labs/cellProgress';

/** One code cell as the webview shows it. */
export interface LabCellRow {
  readonly key: string;
  /** 1-based number among the notebook's code cells. */
  readonly number: number;
  /** First non-blank line of the source; shown as text, never as HTML. */
  readonly firstLine: string;
  readonly status: CellStatus;
  /** ISO 8601 time of the last run or mark, or null. */
  readonly executedAt: string | null;
}

/** Everything the webview draws, sent whole on every change. */
export interface LabViewState {
  readonly labId: string;
  readonly title: string;
  /** Path relative to the content root, for example "labs/agents/crew-basics.ipynb". */
  readonly relativePath: string;
  readonly cells: readonly LabCellRow[];
  readonly counts: ProgressCounts;
  /** ISO 8601 time the lab run completed, or null. */
  readonly completedAt: string | null;
  /** A sentence shown above the cells when the notebook or the database cannot be used. */
  readonly problem?: string;
  /** A sentence shown above the cells when stored progress no longer matches the notebook's cells. */
  readonly notice?: string;
  /** False while luno.db is unavailable: the mark and reset buttons are disabled. */
  readonly canEdit: boolean;
}

/** Extension host to webview. */
export type HostMessage = { readonly type: 'state'; readonly state: LabViewState };

/** Webview to extension host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openCell'; readonly key: string }
  | { readonly type: 'markCell'; readonly key: string; readonly done: boolean }
  | { readonly type: 'reset' };

/** State the webview keeps with `setState`; the panel serializer receives it after a reload. */
export interface LabWebviewPersistedState {
  readonly labId: string;
  readonly view?: LabViewState;
}

/** Returns the message when `value` is a well-formed WebviewMessage, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }

  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'reset':
      return { type: message.type };
    case 'openCell':
      return typeof message.key === 'string' ? { type: 'openCell', key: message.key } : undefined;
    case 'markCell':
      return typeof message.key === 'string' && typeof message.done === 'boolean'
        ? { type: 'markCell', key: message.key, done: message.done }
        : undefined;
    default:
      return undefined;
  }
}

/** Returns the lab id of a persisted webview state, or undefined when it has none. */
export function persistedLabId(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) {
    return undefined;
  }
  const labId = (state as Record<string, unknown>).labId;
  return typeof labId === 'string' && labId !== '' ? labId : undefined;
}
