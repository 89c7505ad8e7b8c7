/**
 * Parses one markdown file into headings, code blocks, the header block and
 * learning layers. Headings and code blocks come from markdown-it's tokens, so
 * `#` lines inside code are never headings, and anchors come from
 * github-slugger, so they match the links GitHub renders.
 */
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { readFrontMatter } from './frontMatter';
import { parseHeaderBlock } from './header';
import { findLayerSections, readLayerHeading, toLayers } from './layers';
import type { CodeBlock, MarkdownDocument, Section } from './model';
import { countLines, normaliseText } from './text';

// `html: true` reads raw HTML blocks as HTML, as GitHub does, so their lines never become headings.
const markdownIt = new MarkdownIt({ html: true });

/** A heading before its end line and id are known. */
interface HeadingStart {
  readonly level: number;
  readonly text: string;
  readonly anchor: string;
  readonly startLine: number;
  /** Line after the heading's own lines (after the underline of a setext heading). */
  readonly contentLine: number;
}

/** Parses markdown text; a BOM and CRLF line endings give the same result as plain LF text. */
export function parseMarkdown(text: string): MarkdownDocument {
  const normalised = normaliseText(text);
  const lineCount = countLines(normalised);
  const frontMatter = readFrontMatter(normalised);
  const body = frontMatter === undefined ? normalised : blankLines(normalised, frontMatter.lineCount);

  const tokens = markdownIt.parse(body, {});
  const headings = readHeadings(tokens);
  const plainSections = toSections(headings, lineCount);
  const layerSections = findLayerSections(plainSections);
  const layers = toLayers(layerSections);
  const sections = assignLayers(plainSections, layerSections);
  const codeBlocks = readCodeBlocks(tokens, sections);

  const lines = normalised.split('\n');
  const titleIndex = headings.findIndex((heading) => heading.level === 1);
  const title = titleIndex >= 0 ? headings[titleIndex]!.text : undefined;
  const headerStart = titleIndex >= 0 ? headings[titleIndex]!.contentLine : (frontMatter?.lineCount ?? 0);
  const headerEnd = firstLineAfter(headerStart, headings, codeBlocks, lineCount);
  const header = parseHeaderBlock(lines, headerStart, headerEnd, frontMatter?.values);

  return {
    ...(title === undefined ? {} : { title }),
    header,
    ...(frontMatter === undefined ? {} : { frontMatter: frontMatter.values }),
    sections,
    codeBlocks,
    layers,
    lineCount,
  };
}

/** Replaces the first `count` lines with empty lines, so later line numbers stay the same. */
function blankLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.map((line, index) => (index < count ? '' : line)).join('\n');
}

function readHeadings(tokens: readonly Token[]): HeadingStart[] {
  // A fresh slugger per document, so anchors do not depend on which files were parsed before.
  const slugger = new GithubSlugger();
  const headings: HeadingStart[] = [];

  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open' || token.map === null) {
      return;
    }
    const text = plainText(tokens[index + 1]);
    headings.push({
      level: Number(token.tag.slice(1)),
      text,
      anchor: slugger.slug(text),
      startLine: token.map[0],
      contentLine: token.map[1],
    });
  });

  return headings;
}

/** Text of an inline token as GitHub shows it: markup, HTML tags and images removed. */
export function plainText(inline: Token | undefined): string {
  if (inline === undefined || inline.children === null) {
    return '';
  }

  const parts: string[] = [];
  for (const child of inline.children) {
    if (child.type === 'text' || child.type === 'code_inline') {
      parts.push(child.content);
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      parts.push(' ');
    }
  }
  return parts.join('').trim();
}

function toSections(headings: readonly HeadingStart[], lineCount: number): Section[] {
  const anchors = new Set(headings.map((heading) => heading.anchor));
  const ids = new Set<string>();

  return headings.map((heading, index) => {
    const next = headings.slice(index + 1).find((other) => other.level <= heading.level);
    const endLine = next === undefined ? Math.max(lineCount - 1, heading.startLine) : next.startLine - 1;
    const id = heading.anchor === '' ? generatedId(index, anchors, ids) : heading.anchor;
    ids.add(id);

    return {
      level: heading.level,
      text: heading.text,
      anchor: heading.anchor,
      id,
      startLine: heading.startLine,
      endLine,
    };
  });
}

/**
 * Returns `section-<n>` for a heading without an anchor (n counts headings
 * from 1), with a `-2`, `-3`, ... suffix when a heading's anchor or an earlier
 * id already has that text.
 */
function generatedId(index: number, anchors: ReadonlySet<string>, ids: ReadonlySet<string>): string {
  const base = `section-${index + 1}`;
  let id = base;
  for (let suffix = 2; anchors.has(id) || ids.has(id); suffix += 1) {
    id = `${base}-${suffix}`;
  }
  return id;
}

/** Gives every section from a layer's heading to that layer's end line the layer's number. */
function assignLayers(sections: readonly Section[], layerSections: readonly Section[]): Section[] {
  return sections.map((section) => {
    const layerSection = layerSections.find(
      (layer) => section.startLine >= layer.startLine && section.startLine <= layer.endLine,
    );
    const heading = layerSection === undefined ? undefined : readLayerHeading(layerSection.text);
    return heading === undefined ? section : { ...section, layer: heading.number };
  });
}

function readCodeBlocks(tokens: readonly Token[], sections: readonly Section[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const countBySection = new Map<string, number>();

  for (const token of tokens) {
    if ((token.type !== 'fence' && token.type !== 'code_block') || token.map === null) {
      continue;
    }

    const startLine = token.map[0];
    const sectionId = containingSection(sections, startLine)?.id ?? '';
    const indexInSection = countBySection.get(sectionId) ?? 0;
    countBySection.set(sectionId, indexInSection + 1);

    blocks.push({
      language: token.type === 'fence' ? (token.info.trim().split(/\s+/)[0] ?? '').toLowerCase() : '',
      code: token.content.replace(/\n$/, ''),
      sectionId,
      startLine,
      indexInSection,
    });
  }

  return blocks;
}

/** Returns the last section whose heading is on or before `line`. */
export function containingSection(sections: readonly Section[], line: number): Section | undefined {
  let found: Section | undefined;
  for (const section of sections) {
    if (section.startLine > line) {
      break;
    }
    found = section;
  }
  return found;
}

function firstLineAfter(
  start: number,
  headings: readonly HeadingStart[],
  codeBlocks: readonly CodeBlock[],
  lineCount: number,
): number {
  const candidates = [
    ...headings.map((heading) => heading.startLine),
    ...codeBlocks.map((block) => block.startLine),
  ].filter((line) => line >= start);
  return candidates.length === 0 ? lineCount : Math.min(...candidates);
}
