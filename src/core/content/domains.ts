/**
 * Domain names and per-technology details from `integrations/_index.md`.
 * The index has one section per domain, titled with the name learners know
 * ("Agentic AI"), whose links point at that domain's PRDs (`./agents/crewai.md`)
 * and whose table rows give each PRD's difficulty and time.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { plainText } from './markdown';
import { normaliseText, titleCase } from './text';

const markdownIt = new MarkdownIt({ html: true });

/** Matches `./agents/crewai.md`, `agents/crewai.md` and `integrations/agents/crewai.md`. */
const PRD_LINK = /^(?:\.\/)?(?:integrations\/)?([^/#?]+)\/([^/#?]+)\.md(?:#.*)?$/;

/** A PRD's row in the index tables. */
export interface IndexEntry {
  /** Text of the row's first column, for example "CrewAI Teams". */
  readonly title: string;
  readonly difficulty?: string;
  readonly time?: string;
}

export interface IntegrationIndex {
  /** Domain name by folder, for example "agents" → "Agentic AI". */
  readonly domainNames: ReadonlyMap<string, string>;
  /** Domain folders in the order the index lists them. */
  readonly domainOrder: readonly string[];
  /** Entries by `<domain folder>/<technology file name without .md>`. */
  readonly entries: ReadonlyMap<string, IndexEntry>;
}

export const EMPTY_INDEX: IntegrationIndex = { domainNames: new Map(), domainOrder: [], entries: new Map() };

/** Parses the text of `integrations/_index.md`. */
export function parseIntegrationIndex(text: string): IntegrationIndex {
  const tokens = markdownIt.parse(normaliseText(text), {});
  const linksByHeading = new Map<string, string[]>();
  const entries = new Map<string, IndexEntry>();
  let heading = '';
  let columns: string[] = [];
  let row: Token[] = [];

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;

    if (token.type === 'heading_open') {
      heading = plainText(tokens[index + 1]);
    } else if (token.type === 'thead_open') {
      columns = [];
    } else if (token.type === 'tr_open') {
      row = [];
    } else if (token.type === 'inline' && (tokens[index - 1]?.type === 'th_open')) {
      columns.push(plainText(token).toLowerCase());
    } else if (token.type === 'inline' && (tokens[index - 1]?.type === 'td_open')) {
      row.push(token);
    } else if (token.type === 'tr_close' && row.length > 0) {
      addEntry(entries, row, columns);
    }

    if (token.type === 'inline' && heading !== '') {
      const folders = linkedFolders(token);
      linksByHeading.set(heading, [...(linksByHeading.get(heading) ?? []), ...folders]);
    }
  }

  return { ...namesFromLinks(linksByHeading), entries };
}

/** Returns the domain name for a folder: the index's name, else the folder name in title case. */
export function domainName(index: IntegrationIndex, folder: string): string {
  return index.domainNames.get(folder) ?? titleCase(folder);
}

function linkedFolders(inline: Token): string[] {
  const folders: string[] = [];
  for (const child of inline.children ?? []) {
    const match = child.type === 'link_open' ? PRD_LINK.exec(child.attrGet('href') ?? '') : null;
    if (match !== null) {
      folders.push(match[1]!);
    }
  }
  return folders;
}

/** Names each folder after the heading whose section links to it most, first heading first. */
function namesFromLinks(linksByHeading: ReadonlyMap<string, readonly string[]>) {
  const domainNames = new Map<string, string>();
  const domainOrder: string[] = [];

  for (const [heading, folders] of linksByHeading) {
    const counts = new Map<string, number>();
    for (const folder of folders) {
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
    }

    const ranked = [...counts].sort((a, b) => b[1] - a[1]);
    const top = ranked[0]?.[0];
    if (top !== undefined && !domainNames.has(top)) {
      domainNames.set(top, heading);
      domainOrder.push(top);
    }
  }

  return { domainNames, domainOrder };
}

function addEntry(entries: Map<string, IndexEntry>, row: readonly Token[], columns: readonly string[]): void {
  const link = row.flatMap((cell) => (cell.children ?? []).filter((child) => child.type === 'link_open'))
    .map((child) => PRD_LINK.exec(child.attrGet('href') ?? ''))
    .find((match) => match !== null);
  if (link === undefined || link === null) {
    return;
  }

  const key = `${link[1]}/${link[2]}`;
  if (entries.has(key)) {
    return;
  }

  const cell = (pattern: RegExp): string | undefined => {
    const column = columns.findIndex((name) => pattern.test(name));
    const text = column < 0 ? undefined : plainText(row[column]);
    return text === undefined || text === '' ? undefined : text;
  };
  const difficulty = cell(/difficulty|level/);
  const time = cell(/time|duration/);

  entries.set(key, {
    title: plainText(row[0]),
    ...(difficulty === undefined ? {} : { difficulty }),
    ...(time === undefined ? {} : { time }),
  });
}
