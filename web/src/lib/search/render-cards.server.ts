import type { SearchHit, UiLanguage } from '@skillway/core';
import ResultCard from '$lib/components/ResultCard.svelte';
import type { LanguageNames, Vocabulary } from '$lib/vocabulary';
import { renderStatic } from './render-static.server';
import type { ServerText } from './server-text';

/** A result card as the search page shows it: the listing's id and the card's HTML (see server-text.ts). */
export interface RenderedCard {
  id: string;
  /** the language of the card's texts (its <article lang>) */
  lang: string;
  html: ServerText;
}

export interface CardContext {
  locale: UiLanguage;
  vocabulary: Vocabulary;
  languages: LanguageNames;
  /** the search the cards were found by, for the listing's "back to the search" */
  from: string;
  /** the number of the first card (the results map numbers its markers the same) */
  firstNumber: number;
  /** the country of the place searched near, if any: cards then say how far each one is */
  nearCountry?: string;
  /** whether the HTML must reach the browser in the data too (an in-page navigation) */
  ship: boolean;
}

/**
 * The cards of a search, each rendered by the one card component (ResultCard, as on the match page):
 * its content, which the page wraps in the card's <article> with the "add to my list" form, which
 * stays interactive.
 */
export function renderCards(hits: readonly SearchHit[], context: CardContext): RenderedCard[] {
  const { ship, firstNumber, ...props } = context;
  return hits.map((hit, i) => ({
    id: hit.id,
    lang: hit.text_lang ?? 'en',
    html: renderStatic(ResultCard, { hit, ...props, number: firstNumber + i, contentOnly: true }, ship),
  }));
}
