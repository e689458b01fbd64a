import {
  DomainError,
  ESCO_OCCUPATION_URI_PATTERN,
  foldText,
  ESCO_SKILL_URI_PATTERN,
  ISCO_CODE_PATTERN,
  UI_LANGUAGES,
  type FieldError,
  type MatchReason,
  type MatchRequest,
  type MatchResponse,
  type SearchHit,
  type Snippet,
  type UiLanguage,
} from '@skillway/core';
import type { Kysely } from 'kysely';
import type { DB } from '../database';
import type { SearchEngine } from '../search/search-engine';
import { stemLabel } from '@skillway/query';
import { NOTHING_UNDERSTOOD } from '../search/search.service';
import { stableKey } from '../search/search-result.cache';
import { understanderFor } from './query-understander.factory';
import { MatchDataCache, type MatchData } from './match-data.cache';
import { EncodedMatchAnswer, MatchAnswerCache } from './match-answer.cache';
import { TAG_CONCEPT_PREFIX, type ListingTag } from './listing-tags.lexicon';
import { loadMatchedListings, type MatchedListing } from './match.repository';
import { rankListings, textPoints, type ListingFeatures, type ScoreParts } from './match.ranking';
import { MATCH_WEIGHTS } from './match.weights';
import { bestRelation, occupationWeightTable } from './occupation-fit';
import {
  audienceName,
  categoryName,
  countryName,
  languageName,
  reasonTemplates,
  type ReasonTemplates,
} from './reason.templates';
import { englishOccupationWord, iscoLabel, occupationLabel, type TaxonomyLexicon } from './taxonomy.lexicon';
import type { RecognisedConcept } from '@skillway/query';

/**
 * POST /api/v1/match: from what a person can do (occupations, skills, their own words) to the
 * listings that lead to work, each with its reasons. The ranking rules and weights are in
 * match.weights.ts; the structured part runs as one SQL query over listing_value, text relevance comes
 * from the search engine (either engine), and free text is read by the in-memory lexicon.
 */

/** A request the matcher cannot answer: an `invalid` domain error naming every field at fault. */
export class MatchInputError extends DomainError {
  readonly field: string;
  readonly reason: string;

  constructor(errors: FieldError[]) {
    const first = errors[0] ?? { field: '', reason: 'is invalid' };
    super('invalid', `The request body cannot be matched: ${first.reason}.`, errors, { input: 'body' });
    this.name = 'MatchInputError';
    this.field = first.field;
    this.reason = first.reason;
  }
}

export interface Matcher {
  match(request: MatchRequest): Promise<MatchResponse>;
  /** The answer as the API sends it: JSON bytes (and their compressed forms), kept per generation. */
  matchEncoded(request: MatchRequest): Promise<EncodedMatchAnswer>;
  /**
   * Reads the taxonomy and the listings into memory now (a second or two at ESCO size, a few seconds
   * more at 100k listings) instead of on the first request.
   */
  warm(): Promise<void>;
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
const MAX_TEXT_QUERY_WORDS = 8;
const MAX_SINGLE_WORD_QUERIES = 2;
const MAX_REASONS_PER_KIND = 2;

const RELATED_AUDIENCES: Record<string, readonly string[]> = {
  refugees: ['asylum-seekers'],
  'asylum-seekers': ['refugees'],
  employers: [],
  'service-providers': [],
};

const iscoPattern = new RegExp(ISCO_CODE_PATTERN);
const occupationUriPattern = new RegExp(ESCO_OCCUPATION_URI_PATTERN);
const skillUriPattern = new RegExp(ESCO_SKILL_URI_PATTERN);

interface PersonSkill {
  uri: string | null;
  /** the listing tag value when the skill is a tag listings carry */
  tag: string | null;
  stems: string[];
}

interface TextHit {
  points: number;
  snippet: Snippet | null;
}

/**
 * Text hits from the person's own words, and from the English words for their occupations. The latter
 * only count for listings tagged with no occupation: for tagged ones the occupation fit already says
 * it, and the engine indexes the tagged occupations' labels, so it would be said twice.
 */
interface TextHits {
  words: Map<string, TextHit>;
  occupations: Map<string, TextHit>;
}

function pointsOf(hits: Map<string, TextHit>): Map<string, number> {
  return new Map([...hits].map(([id, hit]) => [id, hit.points]));
}

/** The hit that scored a listing's text points (see rankListings): its snippet explains them. */
function textHitFor(hits: TextHits, id: string, hasOccupations: boolean): TextHit | undefined {
  const fromWords = hits.words.get(id);
  const fromOccupations = hasOccupations ? undefined : hits.occupations.get(id);
  if (!fromOccupations) return fromWords;
  if (!fromWords) return fromOccupations;
  return fromWords.points >= fromOccupations.points ? fromWords : fromOccupations;
}

export function createMatcher({
  db,
  engine,
  data,
  resultCacheSize = 0,
  resultCacheBytes,
}: {
  db: Kysely<DB>;
  engine: SearchEngine;
  /** shared with the search service, so both read the taxonomy once */
  data?: MatchDataCache;
  /**
   * How many answers to keep per index generation (default 0: none). Only with the embedded engine:
   * Meilisearch applies a change after the generation moves, and a stand-in's answers must not stay.
   */
  resultCacheSize?: number;
  /** and at most this many bytes of them (default 8 MiB; see MatchAnswerCache) */
  resultCacheBytes?: number;
}): Matcher {
  const cache = data ?? new MatchDataCache(db);
  // Kept as bytes: 500 answers as objects held ~15 MB of heap per API process.
  const answers =
    resultCacheSize > 0 && engine.name === 'sqlite'
      ? new MatchAnswerCache({ maxAnswers: resultCacheSize, maxBytes: resultCacheBytes })
      : undefined;

  /**
   * The same request again within one generation: the answer already computed. One read of the
   * versions per request; an answer is kept under the generation of the data it was computed from
   * (during a background reload, the previous one's).
   */
  async function answer(
    request: MatchRequest,
  ): Promise<{ kept: EncodedMatchAnswer } | { fresh: MatchResponse; keep: (a: EncodedMatchAnswer) => void }> {
    const data = await cache.get();
    if (!answers) return { fresh: await match(request, data), keep: () => undefined };
    const key = stableKey(request);
    const kept = answers.get(key, data.generation);
    if (kept) return { kept };
    return { fresh: await match(request, data), keep: (a) => answers.set(key, data.generation, a) };
  }

  async function cachedMatch(request: MatchRequest): Promise<MatchResponse> {
    const found = await answer(request);
    if ('kept' in found) return found.kept.response;
    if (answers) found.keep(new EncodedMatchAnswer(found.fresh));
    return found.fresh;
  }

  async function matchEncoded(request: MatchRequest): Promise<EncodedMatchAnswer> {
    const found = await answer(request);
    if ('kept' in found) return found.kept;
    const encoded = new EncodedMatchAnswer(found.fresh);
    // The API sends the bytes only: the kept answer lets the object go.
    found.keep(encoded);
    return encoded;
  }

  async function match(request: MatchRequest, data: MatchData): Promise<MatchResponse> {
    const started = performance.now();
    const lang: UiLanguage = (UI_LANGUAGES as readonly string[]).includes(request.lang ?? '')
      ? (request.lang as UiLanguage)
      : 'en';
    const limit = Math.min(Math.max(Math.trunc(request.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const text = typeof request.text === 'string' && request.text.trim() !== '' ? request.text : undefined;
    const requestOccupations = request.occupations ?? [];
    const requestSkills = request.skills ?? [];
    const requestNeeds = request.needs ?? [];
    if (
      requestOccupations.length === 0 &&
      requestSkills.length === 0 &&
      text === undefined &&
      requestNeeds.length === 0 &&
      request.country === undefined
    ) {
      // Someone who only wants a free English course in Ireland says so with needs and country alone.
      const reason = 'give at least one of occupations, skills, text, needs or country';
      throw new MatchInputError(
        ['occupations', 'skills', 'text', 'needs', 'country'].map((field) => ({ field, reason })),
      );
    }

    // Needs, places and the audience said in the text count as if chosen in the wizard (what was
    // chosen wins); `understood` tells the person what was read.
    const understanding = text
      ? understanderFor(data).understand(text, { lang, countriesChosen: request.country !== undefined })
      : undefined;
    const said = understanding?.plan.concepts ?? [];
    const needs = [
      ...new Set([...requestNeeds, ...said.filter((c) => c.kind === 'need' && c.weight >= 1).map((c) => c.value)]),
    ] as MatchRequest['needs'] & string[];
    const country = request.country ?? (said.find((c) => c.kind === 'country')?.value as MatchRequest['country']);
    const audience =
      request.audience === undefined || request.audience === 'refugees'
        ? said.some((c) => c.kind === 'audience' && c.value === 'employers')
          ? 'employers'
          : (request.audience ?? 'refugees')
        : request.audience;
    const personCodes = resolveOccupations(data.taxonomy, requestOccupations);
    const skills = resolveSkills(data, requestSkills);
    // One reading of the text for everything: the occupations and skills the understander found
    // (places and need words are not read as occupations), and its search words.
    const interpretation = {
      occupations: understanding?.plan.recognised.occupations ?? [],
      skills: understanding?.plan.recognised.skills ?? [],
      searchWords: understanding?.plan.terms.map((t) => t.text) ?? [],
    };
    for (const concept of interpretation.occupations) if (concept.code) personCodes.push(concept.code);
    for (const concept of interpretation.skills) skills.push(skillFromConcept(data, concept));
    const codes = [...new Set(personCodes)];
    const matchedTags = matchingTags(data.tags.tags, skills);

    const occupationWords = codes.flatMap((code) => englishOccupationWord(data.taxonomy, code) ?? []);
    const textHits = await searchText(engine, interpretation.searchWords, occupationWords, country);
    const ranked = rankListings(data.listings, {
      country,
      audience,
      relatedAudiences: RELATED_AUDIENCES[audience] ?? [],
      needs,
      languages: request.languages ?? [],
      skillValues: matchedTags,
      occupationWeights: weightTableFor(data.taxonomy, codes),
      personHasOccupations: codes.length > 0,
      wordPoints: pointsOf(textHits.words),
      occupationWordPoints: pointsOf(textHits.occupations),
      limit,
    });

    const listings = await loadMatchedListings(
      db,
      ranked.map((r) => r.id),
      (uri) => data.taxonomy.occupations.get(uri)?.isco,
    );
    const byId = new Map(listings.map((l) => [l.record.id, l]));
    const t = reasonTemplates(lang);
    const results = ranked.flatMap((r) => {
      const listing = byId.get(r.id);
      if (!listing) return [];
      const hit = textHitFor(textHits, r.id, r.features.hasOccupations);
      return [
        {
          listing: toSearchHit(listing, hit?.snippet ?? null),
          score: r.score,
          reasons: reasonsFor(listing, r.features, r.parts, {
            t,
            lang,
            lexicon: data.taxonomy,
            codes,
            request: { ...request, audience, needs, country },
            matchedTags: new Set(matchedTags),
            snippet: hit?.snippet ?? null,
            personText: foldText(text ?? ''),
          }),
        },
      ];
    });

    return {
      results,
      interpreted: {
        occupations: interpretation.occupations.map((c) => interpretedOccupation(data.taxonomy, c, lang)),
        skills: interpretation.skills.map((c) => ({
          uri: c.uri,
          code: null,
          label: c.uri ? (data.taxonomy.skills.get(c.uri) ?? c.label) : c.concept.slice(TAG_CONCEPT_PREFIX.length),
          matched: c.matched.join(' '),
        })),
      },
      understood: understanding?.understood ?? NOTHING_UNDERSTOOD,
      took_ms: Math.round((performance.now() - started) * 100) / 100,
    };
  }

  return {
    match: cachedMatch,
    matchEncoded,
    warm: async () => {
      await cache.get();
    },
  };
}

const weightTables = new WeakMap<TaxonomyLexicon, Map<string, ReturnType<typeof occupationWeightTable>>>();
const MAX_WEIGHT_TABLES = 1_000;

/**
 * occupationWeightTable for the person's codes, kept per taxonomy: it relates every ISCO group to
 * every code of the person (5% of an uncached /match), and people name the same few occupations.
 */
function weightTableFor(taxonomy: TaxonomyLexicon, codes: readonly string[]): ReturnType<typeof occupationWeightTable> {
  let tables = weightTables.get(taxonomy);
  if (!tables) weightTables.set(taxonomy, (tables = new Map()));
  const key = codes.join(',');
  let table = tables.get(key);
  if (!table) {
    table = occupationWeightTable(codes, taxonomy.iscoGroups.keys());
    if (tables.size >= MAX_WEIGHT_TABLES) tables.delete(tables.keys().next().value!);
    tables.set(key, table);
  }
  return table;
}

/** Request occupations -> ISCO codes; unknown codes and URIs are the caller's mistake. */
function resolveOccupations(taxonomy: TaxonomyLexicon, refs: readonly string[]): string[] {
  const errors: FieldError[] = [];
  const codes: string[] = [];
  refs.forEach((ref, i) => {
    const field = `occupations[${i}]`;
    if (iscoPattern.test(ref)) {
      if (taxonomy.iscoGroups.has(ref)) codes.push(ref);
      else errors.push({ field, reason: `"${ref}" is not an ISCO-08 group code` });
    } else if (occupationUriPattern.test(ref)) {
      const isco = taxonomy.occupations.get(ref)?.isco;
      if (isco) codes.push(isco);
      else errors.push({ field, reason: `"${ref}" is not an ESCO occupation this service knows` });
    } else {
      errors.push({ field, reason: `"${ref.slice(0, 60)}" is not an ISCO-08 code or an ESCO occupation URI` });
    }
  });
  if (errors.length > 0) throw new MatchInputError(errors);
  return codes;
}

function resolveSkills(data: MatchData, refs: readonly string[]): PersonSkill[] {
  const errors: FieldError[] = [];
  const skills: PersonSkill[] = [];
  refs.forEach((ref, i) => {
    if (skillUriPattern.test(ref)) {
      const label = data.taxonomy.skills.get(ref);
      if (label) skills.push({ uri: ref, tag: null, stems: stemsOf(label) });
      else errors.push({ field: `skills[${i}]`, reason: `"${ref}" is not an ESCO skill this service knows` });
    } else {
      skills.push({ uri: null, tag: ref, stems: stemsOf(ref) });
    }
  });
  if (errors.length > 0) throw new MatchInputError(errors);
  return skills;
}

function skillFromConcept(data: MatchData, concept: RecognisedConcept): PersonSkill {
  if (concept.uri) return { uri: concept.uri, tag: null, stems: stemsOf(data.taxonomy.skills.get(concept.uri) ?? '') };
  const tag = concept.concept.slice(TAG_CONCEPT_PREFIX.length);
  return { uri: null, tag, stems: stemsOf(tag) };
}

function stemsOf(text: string): string[] {
  return [...new Set(stemLabel(text).map((w) => w.stem))];
}

/**
 * Listing tags that match one of the person's skills: the same URI or tag, or one's words contained
 * in the other's ("PLAB" and "PLAB exam", "nursing" and ESCO's "nursing science").
 */
function matchingTags(tags: readonly ListingTag[], skills: readonly PersonSkill[]): string[] {
  if (skills.length === 0) return [];
  const contains = (outer: readonly string[], inner: readonly string[]) =>
    inner.length > 0 && inner.every((s) => outer.includes(s));
  return tags
    .filter((tag) =>
      skills.some(
        (skill) =>
          (skill.uri !== null && skill.uri === tag.value) ||
          (skill.tag !== null && skill.tag.toLowerCase() === tag.value.toLowerCase()) ||
          contains(skill.stems, tag.stems) ||
          contains(tag.stems, skill.stems),
      ),
    )
    .map((tag) => tag.value);
}

/**
 * Text relevance from the search engine: all the person's words first (both engines want every
 * word); when that finds nothing, the longest few words one at a time, worth less. Then the English
 * word for each of the person's occupations ("nurse" for "enfermera"), also worth less, since
 * summaries are in English and many listings mention occupations they are not tagged with.
 * A failing engine costs the text points, never the answer.
 */
async function searchText(
  engine: SearchEngine,
  searchWords: readonly string[],
  occupationWords: readonly string[],
  country: string | undefined,
): Promise<TextHits> {
  const result: TextHits = { words: new Map(), occupations: new Map() };
  const words = [...new Set(searchWords)].slice(0, MAX_TEXT_QUERY_WORDS);
  const run = async (q: string, partial: boolean, hits: Map<string, TextHit> = result.words) => {
    try {
      const response = await engine.search({
        q,
        active: 'true',
        per_page: MATCH_WEIGHTS.text.depth,
        facets: false,
        ...(country ? { country: [country as never, 'EU'] } : {}),
      });
      response.hits.forEach((hit, rank) => {
        const points = textPoints(rank, partial);
        const previous = hits.get(hit.id);
        if (!previous || previous.points < points) hits.set(hit.id, { points, snippet: hit.snippet });
      });
      return response.hits.length;
    } catch {
      return 0;
    }
  };
  const asked = new Set<string>();
  if (words.length > 0) {
    asked.add(words.join(' ').toLowerCase());
    const found = await run(words.join(' '), false);
    if (found === 0 && words.length > 1) {
      const longest = [...words]
        .sort((a, b) => b.length - a.length || a.localeCompare(b))
        .slice(0, MAX_SINGLE_WORD_QUERIES);
      for (const word of longest) {
        asked.add(word.toLowerCase());
        await run(word, true);
      }
    }
  }
  for (const word of [...new Set(occupationWords)].slice(0, MAX_SINGLE_WORD_QUERIES)) {
    if (!asked.has(word)) await run(word, true, result.occupations);
  }
  return result;
}

function toSearchHit(listing: MatchedListing, snippet: Snippet | null): SearchHit {
  const r = listing.record;
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    summary: r.summary,
    countries: r.countries,
    city: r.city,
    categories: r.categories,
    audiences: r.audiences,
    languages: r.languages,
    cost: r.cost,
    delivery: r.delivery,
    active: r.active,
    organisation:
      r.organisation && listing.organisationName ? { id: r.organisation, name: listing.organisationName } : null,
    url: r.url,
    snippet,
  };
}

interface ReasonContext {
  t: ReasonTemplates;
  lang: UiLanguage;
  lexicon: TaxonomyLexicon;
  codes: readonly string[];
  request: MatchRequest & { audience: string };
  matchedTags: ReadonlySet<string>;
  snippet: Snippet | null;
  /** the request text, folded */
  personText: string;
}

/** Reasons in the order of the points behind them; each kind from the same facts that scored it. */
function reasonsFor(
  listing: MatchedListing,
  features: ListingFeatures,
  parts: ScoreParts,
  ctx: ReasonContext,
): MatchReason[] {
  const { t, lang } = ctx;
  // The group's name in the reader's language; the code (in `value`) only when there is no name.
  const group = (code: string) => iscoLabel(ctx.lexicon, code, lang);
  const record = listing.record;
  const byKind: { kind: MatchReason['kind']; points: number; reasons: MatchReason[] }[] = [];
  const add = (kind: MatchReason['kind'], points: number, reasons: MatchReason[]) => {
    if (points > 0 && reasons.length > 0)
      byKind.push({ kind, points, reasons: reasons.slice(0, MAX_REASONS_PER_KIND) });
  };

  if (!features.hasOccupations) {
    // Only worth saying when the person named an occupation: otherwise every listing is "open".
    if (ctx.codes.length > 0) add('occupation', parts.occupation, [{ kind: 'occupation', detail: t.occupationOpen }]);
  } else {
    const relation = bestRelation(ctx.codes, listing.occupationCodes);
    if (relation && relation.weight > 0) {
      const p = group(relation.personCode);
      const l = group(relation.listingCode);
      const detail =
        relation.fit === 'exact'
          ? t.occupationExact(p)
          : relation.fit === 'within'
            ? t.occupationInside(l, p)
            : relation.fit === 'siblingMinor' || relation.fit === 'siblingSubMajor'
              ? t.occupationSibling(l, p, group(relation.sharedCode))
              : t.occupationWithin(p, l);
      add('occupation', parts.occupation, [{ kind: 'occupation', detail, value: relation.listingCode }]);
    }
  }
  add(
    'skill',
    parts.skill,
    record.skills.filter((s) => ctx.matchedTags.has(s)).map((s) => ({ kind: 'skill', detail: t.skill(s), value: s })),
  );
  const needs = new Set(ctx.request.needs ?? []);
  add(
    'category',
    parts.category,
    record.categories
      .filter((c) => needs.has(c))
      .map((c) => ({ kind: 'category', detail: t.category(categoryName(c, lang)), value: c })),
  );
  if (features.national && ctx.request.country && ctx.request.country !== 'EU') {
    const country = ctx.request.country;
    add('country', parts.country, [
      { kind: 'country', detail: t.country(countryName(country, lang), country), value: country },
    ]);
  } else if (features.euWide) {
    add('country', parts.country, [{ kind: 'country', detail: t.euWide, value: 'EU' }]);
  }
  const spoken = new Set(ctx.request.languages ?? []);
  add(
    'language',
    parts.language,
    record.languages
      .filter((l) => spoken.has(l))
      .map((l) => ({ kind: 'language', detail: t.language(languageName(l, lang)), value: l })),
  );
  const audience = features.audienceSame
    ? ctx.request.audience
    : record.audiences.find((a) => (RELATED_AUDIENCES[ctx.request.audience] ?? []).includes(a));
  if (audience) {
    add('audience', parts.audience, [
      { kind: 'audience', detail: t.audience(audienceName(audience, lang)), value: audience },
    ]);
  }
  if (parts.text > 0) {
    const words = [
      ...new Set(
        (ctx.snippet?.parts ?? [])
          .filter((p) => p.match)
          .map((p) => p.text.trim())
          .filter(Boolean),
      ),
    ]
      // Quote only words the person wrote: an English listing word found through a translation
      // ("engineering" for "مهندس") would read as English on an Arabic page.
      .filter((w) => ctx.personText.includes(foldText(w)))
      .slice(0, 4);
    add('text', parts.text, [
      words.length > 0
        ? { kind: 'text', detail: t.textWords(words.join(', ')), value: words.join(' ') }
        : { kind: 'text', detail: t.text },
    ]);
  }
  return byKind.sort((a, b) => b.points - a.points).flatMap((k) => k.reasons);
}

function interpretedOccupation(taxonomy: TaxonomyLexicon, concept: RecognisedConcept, lang: UiLanguage) {
  return {
    uri: concept.uri,
    code: concept.code,
    label: concept.uri ? occupationLabel(taxonomy, concept.uri, lang) : iscoLabel(taxonomy, concept.code ?? '', lang),
    matched: concept.matched.join(' '),
  };
}
