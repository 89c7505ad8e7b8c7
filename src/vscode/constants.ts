/**
 * Every id the extension shares with package.json: commands, views, context keys,
 * setting keys and URI schemes. A key used in code is declared here and nowhere else.
 */

/** Commands. Ids starting with `_luno.` are internal and hidden from the command palette. */
export const Commands = {
  /** Rescans every content root and redraws the Learning view. */
  refresh: 'luno.refresh',
  /** Flips the `showCompletedLayers` user setting. */
  toggleCompletedLayers: 'luno.toggleCompletedLayers',
  /** Title-bar button shown while completed layers are hidden; shows them. */
  showCompletedLayers: 'luno.showCompletedLayers',
  /** Title-bar button shown while completed layers are visible; hides them. */
  hideCompletedLayers: 'luno.hideCompletedLayers',
  /** Marks every layer of a technology completed. Argument: a technology tree node; without one, a quick pick prompts for the technology. */
  markAllLayersDone: 'luno.markAllLayersDone',
  /** Clears every layer of a technology, with an Undo in the notification. */
  resetProgress: 'luno.resetProgress',
  /** Edits the notes stored for a technology. */
  editNotes: 'luno.editNotes',
  /** Opens the read-only progress summary (per domain and recent activity). */
  showProgressSummary: 'luno.showProgressSummary',
  /** Copies luno.db to `backups/luno_YYYY-MM-DD.db` beside it. */
  backUpProgress: 'luno.backUpProgress',
  /** Replaces luno.db with a chosen backup after backing up the current file. */
  restoreProgress: 'luno.restoreProgress',
  /** Shows the Luno-AI log channel. */
  showLog: 'luno.showLog',
  /** Opens a PRD at a line, with that line at the top. Arguments: file URI, 0-based line. */
  openAtLine: '_luno.openAtLine',
  /** Adds or removes the bookmark of a heading (the CodeLens action). Argument: the bookmark target. */
  toggleBookmark: '_luno.toggleBookmark',
  /** Bookmarks a whole PRD. Argument: a technology tree node; without one, a quick pick requests the technology. */
  bookmarkTechnology: 'luno.bookmarkTechnology',
  /** Opens a bookmark at its heading, re-attaching or asking for a heading when it moved. Argument: bookmark id. */
  openBookmark: '_luno.openBookmark',
  /** Removes a bookmark. Argument: a Bookmarks view node. */
  removeBookmark: 'luno.removeBookmark',
  /** Points a stale bookmark at a heading the learner picks. Argument: a Bookmarks view node. */
  pickBookmarkHeading: 'luno.pickBookmarkHeading',
  /** Opens the README of a research session. Argument: a Research view node. */
  openResearchSession: '_luno.openResearchSession',
  /** Opens the lab progress webview. Argument: a lab id or Labs view node; without one, a quick pick requests the lab. */
  showLabProgress: 'luno.showLabProgress',
  /** Opens a lab's notebook in the notebook editor. Argument: a Labs view node. */
  openLabNotebook: 'luno.openLabNotebook',
  /** Clears a lab's cell progress after a confirmation. Argument: a Labs view node. */
  resetLabProgress: 'luno.resetLabProgress',
  /** Searches PRD sections, research notes and code examples in a quick pick. */
  search: 'luno.search',
  /** Searches code examples only, with a language filter. */
  searchCodeExamples: 'luno.searchCodeExamples',
  /** Drops the search index of the current embedding model and indexes everything again. */
  rebuildSearchIndex: 'luno.rebuildSearchIndex',
  /** Asks for an OpenAI API key, checks it with one embeddings request and keeps it in SecretStorage. */
  setOpenAiApiKey: 'luno.setOpenAiApiKey',
  /** Deletes the OpenAI API key from SecretStorage. */
  clearOpenAiApiKey: 'luno.clearOpenAiApiKey',
  /** Asks for the token of the Chroma server named in `luno.chroma.url`; an empty value deletes it. */
  setChromaToken: 'luno.setChromaToken',
} as const;

/** View container and views contributed in package.json. */
export const Views = {
  /** Activity-bar container "Luno-AI". */
  container: 'luno',
  /** Tree of domains, technologies and learning layers. */
  learning: 'luno.learning',
  /** Bookmarks grouped by domain and technology. */
  bookmarks: 'luno.bookmarks',
  /** Research sessions, newest first, with a "Recently viewed" group. */
  research: 'luno.research',
  /** Labs (notebooks under labs/) with cell progress. */
  labs: 'luno.labs',
} as const;

/** Context keys set with `setContext`, read by when-clauses in package.json. */
export const ContextKeys = {
  /** True once the first content scan has finished; gates the welcome view so it does not flash. */
  contentScanned: 'luno.contentScanned',
  /** True when at least one content root with integrations was found. */
  hasContent: 'luno.hasContent',
  /** Mirrors the `showCompletedLayers` user setting so the title-bar toggle flips its icon. */
  showCompletedLayers: 'luno.showCompletedLayers',
  /** True when luno.db opened; false when progress is unavailable (locked, corrupt, failed migration). */
  progressAvailable: 'luno.progressAvailable',
} as const;

/** Values of `TreeItem.contextValue`, matched by `view/item/context` menus. */
export const TreeItemContexts = {
  domain: 'luno.domain',
  /** A technology whose progress can be changed (the database is open). */
  technology: 'luno.technology',
  /** A technology shown while the database is unavailable: no progress actions. */
  technologyReadOnly: 'luno.technology.readOnly',
  layer: 'luno.layer',
  bookmark: 'luno.bookmark',
  /** A bookmark whose heading is no longer in its file. */
  staleBookmark: 'luno.bookmark.stale',
  researchSession: 'luno.researchSession',
  lab: 'luno.lab',
  /** A lab whose notebook cannot be parsed. */
  invalidLab: 'luno.lab.invalid',
} as const;

/** VS Code settings under `luno.*` (package.json `contributes.configuration`). */
export const Settings = {
  /** Section name for `workspace.getConfiguration`. */
  section: 'luno',
  /** Absolute path of a content folder; empty means every workspace folder with Luno content. */
  contentRoot: 'contentRoot',
  /** Embedding provider of semantic search: `local` (bundled, offline) or `openai`. */
  searchEmbeddings: 'search.embeddings',
  /** Base URL of the OpenAI-compatible embeddings API; empty means OpenAI's own. */
  searchOpenAiBaseUrl: 'search.openaiBaseUrl',
  /** URL of a Chroma server to use instead of the embedded one; empty starts the embedded server. */
  chromaUrl: 'chroma.url',
  /** Chroma tenant on the server of `chroma.url`; empty means the server's default. */
  chromaTenant: 'chroma.tenant',
  /** Chroma database on the server of `chroma.url`; empty means the server's default. */
  chromaDatabase: 'chroma.database',
} as const;

/** Name of the log output channel. */
export const LOG_CHANNEL_NAME = 'Luno-AI';

/** File name of the progress database in the extension's global storage. */
export const DATABASE_FILE_NAME = 'luno.db';

/** URI scheme of the read-only progress summary document. */
export const SUMMARY_SCHEME = 'luno-summary';

/** View type of the lab progress webview panel (package.json activation event `onWebviewPanel:`). */
export const LAB_PROGRESS_VIEW_TYPE = 'luno.labProgress';

/** Keys of the secrets the extension keeps in VS Code's SecretStorage. */
export const SecretKeys = {
  openAiApiKey: 'luno.openaiApiKey',
  chromaToken: 'luno.chromaToken',
} as const;

/** Folder of the embedded Chroma server's data in the extension's global storage, beside luno.db. */
export const CHROMA_DATA_FOLDER = 'chroma';
