import type { ContentModel } from '../../core/content/model';
import type { SearchType } from '../../core/search/types';
import { TYPE_LABELS, type PickItem, type SearchFilters } from './pickItems';

/** The filter a picker lists choices for. */
export type FilterMode = 'domain' | 'type' | 'language';

/** Returns the rows of one filter: "All …" first, then each value, the active one marked. */
export function filterChoices(mode: FilterMode, model: ContentModel, active: SearchFilters): PickItem[] {
  switch (mode) {
    case 'domain':
      return domainChoices(model, active.domain);
    case 'type':
      return typeChoices(active.type);
    case 'language':
      return languageChoices(model, active.language);
  }
}

function choice(label: string, description: string, filters: SearchFilters, picked: boolean): PickItem {
  return {
    label: picked ? `$(check) ${label}` : label,
    description,
    entry: { kind: 'filter', filters },
  };
}

function domainChoices(model: ContentModel, active: string | undefined): PickItem[] {
  const items = [choice('All domains', '', { domain: undefined }, active === undefined)];
  for (const domain of model.domains) {
    const count = domain.technologies.length;
    items.push(choice(domain.name, `${domain.id} · ${count} ${count === 1 ? 'technology' : 'technologies'}`, { domain: domain.id }, active === domain.id));
  }
  return items;
}

function typeChoices(active: SearchType | undefined): PickItem[] {
  const types: SearchType[] = ['integration', 'research', 'code'];
  return [
    choice('All types', '', { type: undefined }, active === undefined),
    ...types.map((type) => choice(TYPE_LABELS[type], type, { type }, active === type)),
  ];
}

/**
 * Lists the languages of the PRDs' non-empty code blocks, the blocks the
 * index stores as code examples; a block without a language counts as `text`.
 */
function languageChoices(model: ContentModel, active: string | undefined): PickItem[] {
  const counts = new Map<string, number>();
  for (const domain of model.domains) {
    for (const technology of domain.technologies) {
      for (const block of technology.document.codeBlocks) {
        if (block.code.trim() === '') {
          continue;
        }
        const language = block.language === '' ? 'text' : block.language;
        counts.set(language, (counts.get(language) ?? 0) + 1);
      }
    }
  }

  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return [
    choice('All languages', '', { language: undefined }, active === undefined),
    ...sorted.map(([language, count]) => choice(language, `${count} ${count === 1 ? 'example' : 'examples'}`, { language }, active === language)),
  ];
}
