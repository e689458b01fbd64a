import { m } from '$lib/paraglide/messages';
import type { ActiveFilter } from '$lib/search/search-state';
import type { LanguageNames, Vocabulary } from '$lib/vocabulary';

/** How an active filter reads on its chip and in the empty state's "remove … " links. */
export function filterLabel(filter: ActiveFilter, vocabulary: Vocabulary, languages: LanguageNames): string {
  const v = filter.value;
  switch (filter.field) {
    case 'q':
      return m.filter_chip_text({ text: v });
    case 'occ':
      return m.filter_chip_occupation({ occupation: v });
    case 'occupation':
      return m.filter_chip_occupation({ occupation: v });
    case 'skill':
      return m.filter_chip_skill({ skill: v });
    case 'country':
      return vocabulary.countries[v as keyof Vocabulary['countries']] ?? v;
    case 'category':
      return vocabulary.categories[v as keyof Vocabulary['categories']] ?? v;
    case 'audience':
      return m.filter_chip_audience({ audience: vocabulary.audiences[v as keyof Vocabulary['audiences']] ?? v });
    case 'kind':
      return vocabulary.kinds[v as keyof Vocabulary['kinds']] ?? v;
    case 'language':
      return m.filter_chip_language({ language: languages[v] ?? v });
    case 'cost':
      return vocabulary.costs[v as keyof Vocabulary['costs']] ?? v;
    case 'delivery':
      return vocabulary.delivery[v as keyof Vocabulary['delivery']] ?? v;
    case 'active':
      return m.filter_chip_only_ended();
  }
}
