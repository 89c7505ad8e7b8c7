/** Labs: Jupyter notebooks anywhere under `labs/`. */
import { errorMessage } from '../errors';
import { absolutePathOf, listFilesRecursively, mapConcurrently, readText, report, type ScanContext } from './files';
import type { Lab } from './model';
import { parseNotebook } from '../labs/notebook';
import { parseMarkdown } from './markdown';
import { titleCase } from './text';

export const LABS_FOLDER = 'labs';

/** The domain of notebooks directly in `labs/`. */
export const GENERAL_LAB_DOMAIN = 'general';

/**
 * Scans `labs/` of one root. A lab's title is the first H1 of its markdown
 * cells, else its file name in title case. A notebook that cannot be parsed
 * (invalid JSON, not nbformat 4) is still listed, with `error` set, and adds
 * an error problem.
 */
export async function scanLabs(context: ScanContext): Promise<Lab[]> {
  const paths = await listFilesRecursively(context, LABS_FOLDER, '.ipynb', (name) => name === 'node_modules');

  const labs = await mapConcurrently(paths, async (relativePath) => {
    const text = await readText(context, relativePath);
    return text === undefined ? undefined : toLab(context, relativePath, text);
  });

  return labs.filter((lab): lab is Lab => lab !== undefined);
}

function toLab(context: ScanContext, relativePath: string, text: string): Lab {
  const id = relativePath.slice(LABS_FOLDER.length + 1).replace(/\.ipynb$/i, '');
  const parts = id.split('/');
  const base = {
    rootId: context.root.id,
    id,
    domainId: parts.length > 1 ? parts[0]! : GENERAL_LAB_DOMAIN,
    relativePath,
    absolutePath: absolutePathOf(context.root, relativePath),
  };
  const fallbackTitle = titleCase(parts[parts.length - 1]!);

  try {
    const notebook = parseNotebook(text, relativePath);
    const title = notebook.cells
      .filter((cell) => cell.kind === 'markdown')
      .map((cell) => parseMarkdown(cell.source).title)
      .find((found) => found !== undefined);
    return { ...base, title: title ?? fallbackTitle };
  } catch (error) {
    report(context, relativePath, errorMessage(error));
    return { ...base, title: fallbackTitle, error: errorMessage(error) };
  }
}
