/** A lint of the content model: problems a PRD author should fix. */
import { slug } from 'github-slugger';
import { findLearningPath } from './layers';
import { LAYER_COUNT, type ContentModel, type ContentProblem, type MarkdownDocument, type Technology } from './model';

/**
 * Returns the problems found while scanning (unreadable files, invalid
 * notebooks) followed by the problems of each PRD and research file, sorted
 * by root, path and line.
 */
export function checkContent(model: ContentModel): ContentProblem[] {
  const problems: ContentProblem[] = [...model.problems];

  for (const domain of model.domains) {
    for (const technology of domain.technologies) {
      problems.push(...checkTechnology(technology));
    }
  }

  for (const session of model.research) {
    for (const file of session.files) {
      problems.push(...checkDocument(session.rootId, file.relativePath, file.document));
    }
  }

  return problems.sort(
    (a, b) =>
      (a.rootId ?? '').localeCompare(b.rootId ?? '') ||
      a.relativePath.localeCompare(b.relativePath) ||
      (a.line ?? -1) - (b.line ?? -1),
  );
}

/** Problems of one PRD: those of any markdown file plus its learning path. */
export function checkTechnology(technology: Technology): ContentProblem[] {
  const { rootId, relativePath, document } = technology;
  const problems = checkDocument(rootId, relativePath, document);
  const warn = (message: string, line?: number): void => {
    problems.push({ severity: 'warning', rootId, relativePath, ...(line === undefined ? {} : { line }), message });
  };

  const learningPath = findLearningPath(document.sections);
  if (document.layers.length === 0) {
    const where = learningPath === undefined ? 'has no "Learning Path" section' : 'has a "Learning Path" section without layer headings';
    warn(
      `PRD ${where}, so its layers L0-L${LAYER_COUNT - 1} use generic names. Add "### L0: <title> (<time>)" headings under "## Learning Path".`,
      learningPath?.startLine,
    );
    return problems;
  }

  const seen = new Map<number, number>();
  for (const layer of document.layers) {
    const first = seen.get(layer.number);
    if (first !== undefined) {
      warn(`Layer L${layer.number} is defined twice (lines ${first + 1} and ${layer.line + 1}); only the first one is used. Renumber or remove one of them.`, layer.line);
    } else {
      seen.set(layer.number, layer.line);
    }
  }

  const missing = [...Array(LAYER_COUNT).keys()].filter((number) => !seen.has(number));
  if (missing.length > 0) {
    warn(
      `Learning path defines ${seen.size} of ${LAYER_COUNT} layers; ${missing.map((number) => `L${number}`).join(', ')} use generic names. Add a heading for each missing layer.`,
      learningPath?.startLine ?? document.layers[0]!.line,
    );
  }

  return problems;
}

/** Problems of any markdown file: a missing H1 and headings whose anchors collide. */
export function checkDocument(rootId: string, relativePath: string, document: MarkdownDocument): ContentProblem[] {
  const problems: ContentProblem[] = [];

  if (document.title === undefined) {
    problems.push({
      severity: 'warning',
      rootId,
      relativePath,
      line: 0,
      message: 'File has no H1 heading, so it is listed under its file name. Add a "# <title>" line at the top.',
    });
  }

  const firstByBase = new Map<string, number>();
  for (const section of document.sections) {
    // The anchor GitHub would give the heading if it were the only one with its text.
    const base = slug(section.text);
    const first = firstByBase.get(base);
    if (first === undefined) {
      firstByBase.set(base, section.startLine);
      continue;
    }
    problems.push({
      severity: 'warning',
      rootId,
      relativePath,
      line: section.startLine,
      message: `Heading "${section.text}" has the same anchor #${base} as the heading on line ${first + 1}, so its link is #${section.anchor}, which changes when headings above it change. Rename one of them.`,
    });
  }

  return problems;
}
