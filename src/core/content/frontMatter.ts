/** YAML front matter at the top of a markdown file. */
import yaml from 'js-yaml';

export interface FrontMatter {
  /** Top-level keys with string values; lists are joined with ", ". */
  readonly values: Readonly<Record<string, string>>;
  /** Number of lines the block covers, fences included. */
  readonly lineCount: number;
}

const OPENING_FENCE = '---';
const CLOSING_FENCES = new Set(['---', '...']);

/**
 * Reads the front matter of normalised text: a `---` first line up to the next
 * `---` or `...` line. Returns undefined when the text has none, when the
 * block is not terminated (its text then stays markdown content), or when the
 * block is not a YAML mapping.
 */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== OPENING_FENCE) {
    return undefined;
  }

  const closingIndex = lines.findIndex((line, index) => index > 0 && CLOSING_FENCES.has(line.trimEnd()));
  if (closingIndex < 0) {
    return undefined;
  }

  let parsed: unknown;
  try {
    // The failsafe schema reads every scalar as a string, so dates and numbers stay as written.
    parsed = yaml.load(lines.slice(1, closingIndex).join('\n'), { schema: yaml.FAILSAFE_SCHEMA });
  } catch {
    return undefined;
  }

  if (parsed === undefined || parsed === null) {
    return { values: {}, lineCount: closingIndex + 1 };
  }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return undefined;
  }

  return { values: flatten(parsed as Record<string, unknown>), lineCount: closingIndex + 1 };
}

function flatten(mapping: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};

  for (const [key, value] of Object.entries(mapping)) {
    if (typeof value === 'string') {
      values[key] = value;
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      values[key] = value.join(', ');
    }
  }

  return values;
}
