/**
 * Learning layers L0-L4. A PRD defines them as headings inside its "Learning
 * Path" section, written `L1: Add Tools (2-3 hours)`, `L1 - Add Tools`,
 * `Layer 1: Add Tools` and similar, at any heading level.
 */
import { LAYER_COUNT, type Layer, type Section } from './model';

/** Names of the layers a PRD does not define, by layer number. */
export const GENERIC_LAYER_TITLES: readonly string[] = ['Overview', 'Setup', 'Core Features', 'Hands-on Project', 'Advanced'];

const LAYER_HEADING = /^[^A-Za-z0-9]*(?:L|Layer\s+|Level\s+)([0-9])\s*(?:[:.\-–—)]\s*|\s+)(.*)$/i;
const TIME_SUFFIX = /\s*\(([^()]*\d[^()]*(?:min|minute|hr|hour|day|week|month)s?\+?[^()]*)\)\s*$/i;
const LEARNING_PATH = /^[^A-Za-z0-9]*learning\s+path\b/i;

/** A heading that names a layer, before it is tied to a document. */
interface LayerHeading {
  readonly number: number;
  readonly title: string;
  readonly time?: string;
}

/** Reads `L1: Add Tools (2-3 hours)` and the other spellings; undefined when the text names no layer. */
export function readLayerHeading(text: string): LayerHeading | undefined {
  const match = LAYER_HEADING.exec(text.trim());
  if (match === null) {
    return undefined;
  }

  const number = Number(match[1]);
  if (number >= LAYER_COUNT) {
    return undefined;
  }

  const rest = match[2]!.trim();
  const time = TIME_SUFFIX.exec(rest);
  const title = time === null ? rest : rest.slice(0, time.index).trim();
  if (title === '') {
    return undefined;
  }

  return time === null ? { number, title } : { number, title, time: time[1]!.trim() };
}

/** Returns the first "Learning Path" heading of a document. */
export function findLearningPath(sections: readonly Section[]): Section | undefined {
  return sections.find((section) => LEARNING_PATH.test(section.text));
}

/**
 * Finds the layer headings of a document. Inside a "Learning Path" section
 * these are its layer-named subsections at the shallowest level that has any.
 * When that section has none, the layer-named headings that follow it at its
 * own level count (a path written as `## Learning Path` then `## L0: ...`).
 * Without a "Learning Path" heading, layer-named headings of level 2 or 3 count.
 * Duplicated numbers are kept, in document order, so a check can report them.
 */
export function findLayerSections(sections: readonly Section[]): Section[] {
  const path = findLearningPath(sections);
  if (path === undefined) {
    return shallowestLayerHeadings(sections.filter((section) => section.level <= 3));
  }

  const pathIndex = sections.indexOf(path);
  const inside = sections.filter(
    (section, index) => index > pathIndex && section.startLine <= path.endLine && section.level > path.level,
  );
  const nested = shallowestLayerHeadings(inside);
  if (nested.length > 0) {
    return nested;
  }

  const siblings: Section[] = [];
  for (const section of sections.slice(pathIndex + 1)) {
    if (section.level < path.level) {
      break;
    }
    if (section.level > path.level) {
      continue;
    }
    if (readLayerHeading(section.text) === undefined) {
      break;
    }
    siblings.push(section);
  }
  return siblings;
}

function shallowestLayerHeadings(sections: readonly Section[]): Section[] {
  const named = sections.filter((section) => readLayerHeading(section.text) !== undefined);
  if (named.length === 0) {
    return [];
  }

  const level = Math.min(...named.map((section) => section.level));
  return named.filter((section) => section.level === level);
}

/** Turns layer sections into Layers, in document order. */
export function toLayers(layerSections: readonly Section[]): Layer[] {
  const layers: Layer[] = [];

  for (const section of layerSections) {
    const heading = readLayerHeading(section.text);
    if (heading === undefined) {
      continue;
    }
    layers.push({ ...heading, anchor: section.anchor, line: section.startLine, generic: false });
  }

  return layers;
}

/**
 * Returns exactly five layers L0-L4: the first layer the document defines for
 * each number, and a generic layer for each number it does not define. Generic
 * layers point at `fallbackLine` and `fallbackAnchor` (the "Learning Path"
 * heading when there is one, else the top of the file).
 */
export function completeLayers(defined: readonly Layer[], fallbackLine = 0, fallbackAnchor?: string): Layer[] {
  const layers: Layer[] = [];

  for (let number = 0; number < LAYER_COUNT; number += 1) {
    const own = defined.find((layer) => layer.number === number);
    if (own !== undefined) {
      layers.push(own);
      continue;
    }

    const generic: Layer = { number, title: GENERIC_LAYER_TITLES[number]!, line: fallbackLine, generic: true };
    layers.push(fallbackAnchor === undefined ? generic : { ...generic, anchor: fallbackAnchor });
  }

  return layers;
}
