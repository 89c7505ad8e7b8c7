/**
 * Turns parsed content into search documents: one per PRD section
 * (`integrations`), one per section of a research file (`research`) and one
 * per code block of a PRD (`code_examples`).
 */
import { createHash } from 'node:crypto';
import { normaliseText } from '../content/text';
import type { CodeBlock, MarkdownDocument, ResearchFile, ResearchSession, Section, Technology } from '../content/model';
import { codeExampleId, integrationSectionId, researchSectionId } from './ids';
import type { ChromaMetadata, CollectionKind, SearchDocument } from './types';

/** Layer value stored for sections outside the learning path, so that they stay filterable. */
export const NO_LAYER = -1;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Text a provider embeds for a document: its title, context and body. */
export function embeddingText(document: Pick<SearchDocument, 'collection' | 'title' | 'context' | 'body' | 'embedBody'>): string {
  const text = document.embedBody ?? document.body;
  const body = document.collection === 'code_examples' ? text : withoutCode(text);
  return `${document.title}\n${document.context}\n${body}`;
}

/** Returns `text` without fenced code blocks, because code has its own documents and its tokens carry little meaning. */
function withoutCode(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ');
}

/** Lines of a section below its heading and above its first subsection. */
function ownBody(lines: readonly string[], sections: readonly Section[], index: number): string {
  const section = sections[index]!;
  const next = sections[index + 1];
  const end = next === undefined ? section.endLine : Math.min(section.endLine, next.startLine - 1);
  return lines
    .slice(section.startLine + 1, end + 1)
    .join('\n')
    .trim();
}

/**
 * Lines of a section with its subsections, at most OVERVIEW_CHARS characters.
 * Used for a PRD's Overview, whose subsections (what it does, why use it)
 * together describe what the technology is for.
 */
function subtreeBody(lines: readonly string[], section: Section): string {
  return lines
    .slice(section.startLine + 1, section.endLine + 1)
    .join('\n')
    .trim()
    .slice(0, OVERVIEW_CHARS);
}

const OVERVIEW_CHARS = 1500;

/** Headings above a section, outermost first. */
function parentHeadings(sections: readonly Section[], index: number): string[] {
  const parents: string[] = [];
  let level = sections[index]!.level;
  for (let i = index - 1; i >= 0 && level > 1; i -= 1) {
    const candidate = sections[i]!;
    if (candidate.level < level) {
      parents.unshift(candidate.text);
      level = candidate.level;
    }
  }
  return parents;
}

/** Returns the last prose line above a code block inside its section, without markdown markers. */
function describeCodeBlock(lines: readonly string[], block: CodeBlock, section: Section | undefined): string | undefined {
  const first = section === undefined ? 0 : section.startLine + 1;
  for (let line = block.startLine - 1; line >= first; line -= 1) {
    const text = lines[line]!.trim();
    if (text === '') {
      continue;
    }
    if (text.startsWith('```') || text.startsWith('~~~') || text.startsWith('|')) {
      return undefined;
    }
    const plain = text.replace(/^[#>*\-+\d.)\s]+/, '').replace(/[*_`]/g, '').replace(/:$/, '').trim();
    return plain === '' ? undefined : plain.slice(0, 200);
  }
  return undefined;
}

function finish(
  partial: Omit<SearchDocument, 'textHash' | 'metaHash'>,
): SearchDocument {
  const textHash = sha256(embeddingText(partial));
  const { collection, id, rootId, path, unit, domain, technology, session, language, section, title, line, metadata } = partial;
  const metaHash = sha256(
    JSON.stringify({ collection, id, rootId, path, unit, domain, technology, session, language, section, title, line, metadata }),
  );
  return { ...partial, textHash, metaHash };
}

function documentContext(document: MarkdownDocument, fallbackTitle: string): string {
  const title = document.title ?? fallbackTitle;
  return document.header.tagline === undefined ? title : `${title}: ${document.header.tagline}`;
}

/** Documents of one PRD: its sections and its code blocks. `text` is the file's content. */
export function technologyDocuments(technology: Technology, text: string): SearchDocument[] {
  const lines = normaliseText(text).split('\n');
  const { sections, codeBlocks } = technology.document;
  const context = documentContext(technology.document, technology.title);
  const documents: SearchDocument[] = [];
  const base = {
    rootId: technology.rootId,
    path: technology.relativePath,
    unit: `${technology.domainId}/${technology.id}`,
    domain: technology.domainId,
    technology: technology.id,
  };

  sections.forEach((section, index) => {
    const body = ownBody(lines, sections, index);
    const embedBody = section.id === 'overview' && section.level === 2 ? subtreeBody(lines, section) : undefined;
    if (body === '' && embedBody === undefined) {
      return;
    }
    const layer = section.layer ?? NO_LAYER;
    const metadata: ChromaMetadata = {
      domain: technology.domainId,
      technology: technology.id,
      section: section.id,
      layer,
      hasLayer: section.layer !== undefined,
      path: technology.relativePath,
      title: section.text || technology.title,
      line: section.startLine,
    };
    documents.push(
      finish({
        ...base,
        collection: 'integrations',
        id: integrationSectionId(technology.domainId, technology.id, section.id),
        section: section.id,
        title: section.text || technology.title,
        context: [context, ...parentHeadings(sections, index)].join(' › '),
        body,
        ...(embedBody === undefined ? {} : { embedBody }),
        line: section.startLine,
        metadata,
      }),
    );
  });

  for (const block of codeBlocks) {
    if (block.code.trim() === '') {
      continue;
    }
    const section = sections.find((candidate) => candidate.id === block.sectionId);
    const title = section?.text || technology.title;
    const description = describeCodeBlock(lines, block, section);
    const language = block.language === '' ? 'text' : block.language;
    const metadata: ChromaMetadata = {
      domain: technology.domainId,
      technology: technology.id,
      language,
      title,
      ...(description === undefined ? {} : { description }),
      section: block.sectionId === '' ? '~' : block.sectionId,
      path: technology.relativePath,
      line: block.startLine,
    };
    documents.push(
      finish({
        ...base,
        collection: 'code_examples',
        id: codeExampleId(technology.domainId, technology.id, block.sectionId, block.indexInSection),
        language,
        section: block.sectionId,
        title,
        context: [context, description ?? ''].filter((part) => part !== '').join(' › '),
        body: block.code,
        line: block.startLine,
        metadata,
      }),
    );
  }

  return documents;
}

/** Documents of one markdown file of a research session: one per section. */
export function researchFileDocuments(session: ResearchSession, file: ResearchFile, text: string): SearchDocument[] {
  const lines = normaliseText(text).split('\n');
  const { sections } = file.document;
  const context = documentContext(file.document, session.title);
  const documents: SearchDocument[] = [];

  sections.forEach((section, index) => {
    const body = ownBody(lines, sections, index);
    if (body === '') {
      return;
    }
    const metadata: ChromaMetadata = {
      session: session.id,
      file: file.name,
      ...(session.date === undefined ? {} : { date: session.date }),
      ...(session.tags.length === 0 ? {} : { tags: session.tags.join(',') }),
      ...(session.domain === undefined ? {} : { domain: session.domain }),
      section: section.id,
      path: file.relativePath,
      title: section.text || session.title,
      line: section.startLine,
    };
    documents.push(
      finish({
        collection: 'research',
        id: researchSectionId(session.id, file.name, section.id),
        rootId: session.rootId,
        path: file.relativePath,
        unit: session.id,
        session: session.id,
        ...(session.domain === undefined ? {} : { domain: session.domain }),
        section: section.id,
        title: section.text || session.title,
        context: [session.title, context, ...parentHeadings(sections, index)].join(' › '),
        body,
        line: section.startLine,
        metadata,
      }),
    );
  });

  return documents;
}

/** Number of documents per collection, for progress and status. */
export function countByCollection(documents: readonly SearchDocument[]): Record<CollectionKind, number> {
  const counts: Record<CollectionKind, number> = { integrations: 0, research: 0, code_examples: 0 };
  for (const document of documents) {
    counts[document.collection] += 1;
  }
  return counts;
}
