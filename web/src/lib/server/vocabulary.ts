import {
  COUNTRIES,
  VOCABULARY_LABELS,
  countryLabel,
  languageLabel,
  type Country,
  type UiLanguage,
  type VocabularyLabels,
} from '@skillway/core';
import type { LanguageNames, Vocabulary } from '$lib/vocabulary';
import { getTaxonomy, type RequestContext, type Term } from './api';

/**
 * Vocabulary labels in a UI language, from the API's /taxonomy (the one place they are served from),
 * kept for a while because they change only with a deployment. When the API cannot answer, core's
 * copy of the same table keeps pages readable; that fallback is retried soon rather than kept.
 */
const KEEP_MS = 10 * 60_000;
const RETRY_MS = 30_000;

interface Loaded {
  vocabulary: Vocabulary;
  /** labels of the languages services are offered in, by ISO 639-1 code */
  languages: LanguageNames;
  fromApi: boolean;
}
const cache = new Map<UiLanguage, { until: number; value: Promise<Loaded> }>();

function record<K extends string>(values: readonly K[], terms: Term[] | undefined, fallback: (v: K) => string) {
  const labels = new Map(terms?.map((t) => [t.value, t.label]));
  return Object.fromEntries(values.map((v) => [v, labels.get(v) ?? fallback(v)])) as Record<K, string>;
}

async function load(locale: UiLanguage, ctx: RequestContext): Promise<Loaded> {
  const core: VocabularyLabels = VOCABULARY_LABELS[locale];
  try {
    const t = await getTaxonomy(locale, ctx);
    const vocabulary: Vocabulary = {
      countries: record(COUNTRIES, t.countries, (c) => countryLabel(c, locale)),
      categories: record(
        Object.keys(core.categories) as (keyof VocabularyLabels['categories'])[],
        t.categories,
        (v) => core.categories[v],
      ),
      audiences: record(
        Object.keys(core.audiences) as (keyof VocabularyLabels['audiences'])[],
        t.audiences,
        (v) => core.audiences[v],
      ),
      kinds: record(Object.keys(core.kinds) as (keyof VocabularyLabels['kinds'])[], t.kinds, (v) => core.kinds[v]),
      costs: record(Object.keys(core.costs) as (keyof VocabularyLabels['costs'])[], t.costs, (v) => core.costs[v]),
      delivery: record(
        Object.keys(core.delivery) as (keyof VocabularyLabels['delivery'])[],
        t.delivery,
        (v) => core.delivery[v],
      ),
    };
    return { vocabulary, languages: Object.fromEntries(t.languages.map((l) => [l.value, l.label])), fromApi: true };
  } catch {
    const countries = record(COUNTRIES, undefined, (c: Country) => countryLabel(c, locale));
    return { vocabulary: { ...core, countries }, languages: {}, fromApi: false };
  }
}

function cached(locale: UiLanguage, ctx: RequestContext): Promise<Loaded> {
  const now = Date.now();
  const hit = cache.get(locale);
  if (hit && hit.until > now) return hit.value;
  const entry = { until: now + KEEP_MS, value: load(locale, ctx) };
  cache.set(locale, entry);
  void entry.value.then((r) => {
    if (!r.fromApi) entry.until = Date.now() + RETRY_MS;
  });
  return entry.value;
}

export async function vocabularyFor(locale: UiLanguage, ctx: RequestContext = {}): Promise<Vocabulary> {
  return (await cached(locale, ctx)).vocabulary;
}

/** Names of ISO 639-1 codes in the UI language: the API's labels, else the runtime's (Intl). */
export async function languageNames(codes: Iterable<string>, locale: UiLanguage, ctx: RequestContext = {}) {
  const known = (await cached(locale, ctx)).languages;
  const names: LanguageNames = {};
  for (const code of codes) names[code] = known[code] ?? languageLabel(code, locale);
  return names;
}
