import { QueryUnderstander } from '@skillway/query';
import type { MatchData } from './match-data.cache';
import { englishOccupationWord, iscoLabel, occupationLabel } from './taxonomy.lexicon';

const built = new WeakMap<MatchData['interpreter'], QueryUnderstander>();

/**
 * The query understander over the taxonomy in memory: occupations are recognised by the matcher's
 * interpreter (every label language, the project's uk/fa labels included), labelled in the reader's
 * language, and searched in English listing texts by their English word. One per interpreter, so a
 * new taxonomy gives a new one.
 */
export function understanderFor(data: MatchData): QueryUnderstander {
  let understander = built.get(data.interpreter);
  if (!understander) {
    const { taxonomy } = data;
    understander = new QueryUnderstander({
      interpreter: data.interpreter,
      occupationLabel: (code, uri, lang) =>
        uri ? occupationLabel(taxonomy, uri, lang) : iscoLabel(taxonomy, code, lang),
      skillLabel: (uri) => taxonomy.skills.get(uri),
      occupationWords: (code) => {
        const word = englishOccupationWord(taxonomy, code);
        return word ? [word] : [];
      },
    });
    built.set(data.interpreter, understander);
  }
  return understander;
}
