/**
 * The content model: what a Luno-AI content folder contains, as plain data.
 * Produced by the scanner, read by the views, the index and the CLI.
 * Paths named `relativePath` are relative to their content root and use `/`.
 */

/** A folder that contains `integrations/` or `research/` (or both). */
export interface ContentRoot {
  /** Unique among the roots of one workspace; part of every tree item id. */
  readonly id: string;
  /** Absolute path of the folder. */
  readonly path: string;
  /** Display name, normally the folder name. */
  readonly name: string;
}

/** A markdown heading and the lines it covers. Line numbers are 0-based. */
export interface Section {
  /** Heading level, 1 to 6. */
  readonly level: number;
  /** Heading text as plain text (inline markup removed). */
  readonly text: string;
  /** GitHub-compatible anchor, unique within the document (`x`, `x-1`, ...). */
  readonly anchor: string;
  /** Printable id, unique within the document; equals `anchor` unless the anchor is empty. */
  readonly id: string;
  /** Line of the heading itself. */
  readonly startLine: number;
  /** Last line of the section, before the next heading of the same or a higher level. */
  readonly endLine: number;
  /** Learning layer 0-4 this section belongs to, when it sits inside a layer. */
  readonly layer?: number;
}

/** A fenced or indented code block. */
export interface CodeBlock {
  /** Info-string language in lower case, or '' when none was given. */
  readonly language: string;
  readonly code: string;
  /** `Section.id` of the section that contains the block, or '' before the first heading. */
  readonly sectionId: string;
  /** 0-based line of the opening fence. */
  readonly startLine: number;
  /** 0-based position among the code blocks of its section. */
  readonly indexInSection: number;
}

/** One learning layer L0-L4 of a technology. */
export interface Layer {
  /** 0 to 4. */
  readonly number: number;
  /** Title without the `L<n>:` prefix, for example "Add Tools". */
  readonly title: string;
  /** Time estimate as written, for example "30 min", when the heading gives one. */
  readonly time?: string;
  /** Anchor of the layer's heading, when the PRD has one. */
  readonly anchor?: string;
  /**
   * 0-based line of the layer's heading. A generic layer points at the PRD's
   * "Learning Path" heading when there is one, else at line 0.
   */
  readonly line: number;
  /** True when the PRD does not define this layer number and the layer uses a generic name. */
  readonly generic: boolean;
}

/** Fields from the block under a PRD's H1 (`**Tagline**: ...` and similar lines). */
export interface PrdHeader {
  readonly tagline?: string;
  readonly category?: string;
  readonly difficulty?: string;
  readonly setupTime?: string;
  /**
   * Every `key: value` pair of the header block, keys in lower case as written
   * (for example "last updated", "status", "domain").
   */
  readonly fields?: Readonly<Record<string, string>>;
}

/** The parsed form of one markdown file. */
export interface MarkdownDocument {
  /** Text of the first H1, or undefined when there is none. */
  readonly title?: string;
  readonly header: PrdHeader;
  /** YAML front matter as a flat map of strings, when present and terminated. */
  readonly frontMatter?: Readonly<Record<string, string>>;
  readonly sections: readonly Section[];
  readonly codeBlocks: readonly CodeBlock[];
  /** Layers found in the "Learning Path" section; empty when the PRD has none. */
  readonly layers: readonly Layer[];
  /** Number of lines of the normalised text (BOM removed, CRLF as LF). */
  readonly lineCount: number;
}

/** An integration PRD: `integrations/<domain>/<technology>.md`. */
export interface Technology {
  readonly rootId: string;
  /** Domain folder name, for example "agents". */
  readonly domainId: string;
  /** File name without `.md`, for example "crewai". */
  readonly id: string;
  /** The H1 text, else the file name in title case. */
  readonly title: string;
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly document: MarkdownDocument;
  /**
   * Always five layers L0-L4, ordered by number: the PRD's own where it defines
   * them, generic ones for the numbers it does not define.
   */
  readonly layers: readonly Layer[];
  /** Difficulty from the PRD's header, else from its row in `integrations/_index.md`. */
  readonly difficulty?: string;
  /** Setup time from the PRD's header, else the time from its row in `integrations/_index.md`. */
  readonly setupTime?: string;
  /** Tagline from the PRD's header. */
  readonly tagline?: string;
}

/** A folder under `integrations/`. */
export interface Domain {
  readonly rootId: string;
  /** Folder name, for example "agents". */
  readonly id: string;
  /** Name as learners know it, for example "Agentic AI". */
  readonly name: string;
  readonly technologies: readonly Technology[];
}

/** A markdown file inside a research session folder. */
export interface ResearchFile {
  /** File path relative to the session folder, for example "README.md". */
  readonly name: string;
  readonly relativePath: string;
  readonly absolutePath: string;
  readonly document: MarkdownDocument;
}

/** A folder `research/<YYYY-MM-DD>_<slug>/`. */
export interface ResearchSession {
  readonly rootId: string;
  /** Folder name, for example "2026-01-05_agentic-framework-comparison". */
  readonly id: string;
  /** `YYYY-MM-DD` from the folder name, when it starts with a date. */
  readonly date?: string;
  /** H1 of the session's README.md, else the folder name. */
  readonly title: string;
  readonly domain?: string;
  readonly status?: string;
  readonly tags: readonly string[];
  /** Folder path relative to the content root, for example "research/2026-01-05_x". */
  readonly relativePath: string;
  readonly files: readonly ResearchFile[];
}

/** A Jupyter notebook under `labs/`. */
export interface Lab {
  readonly rootId: string;
  /** Path relative to `labs/` without `.ipynb`, for example "agents/crewai-intro". */
  readonly id: string;
  /** First folder under `labs/`, or "general" for notebooks directly in `labs/`. */
  readonly domainId: string;
  readonly title: string;
  readonly relativePath: string;
  readonly absolutePath: string;
  /** Reason the notebook could not be read (invalid JSON, not nbformat 4), when it could not. */
  readonly error?: string;
}

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong with the content that a learner or author should fix. */
export interface ContentProblem {
  readonly severity: ProblemSeverity;
  /** Id of the content root the path belongs to. */
  readonly rootId?: string;
  /** Path relative to the content root. */
  readonly relativePath: string;
  /** 0-based line, when the problem has one. */
  readonly line?: number;
  readonly message: string;
}

/** Everything found under the content roots of a workspace. */
export interface ContentModel {
  readonly roots: readonly ContentRoot[];
  readonly domains: readonly Domain[];
  readonly research: readonly ResearchSession[];
  readonly labs: readonly Lab[];
  readonly problems: readonly ContentProblem[];
}

/** The number of learning layers every technology has. */
export const LAYER_COUNT = 5;
