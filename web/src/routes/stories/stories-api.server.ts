import type { Story, StoryList, StorySubmission, StoryTeller, UiLanguage } from '@skillway/core';
import { toQueryString, type RequestContext, type UserContext } from '$lib/server/api';
import { getAsUser, postAsUser } from '$lib/server/account-mail-api';
import { languageNames } from '$lib/server/vocabulary';
import type { StoryCardView } from './story-view';

/**
 * The stories routes of the API (issue 19), over the same request helpers as the other pages: public
 * lists and pages, submissions and the moderators' queue. Every page that shows stories loads them here.
 */
export interface StoryFilters {
  country?: string;
  occupation?: string;
  teller?: StoryTeller;
  listing?: string;
  q?: string;
  page?: number;
  per_page?: number;
}

export function listStories(filters: StoryFilters, ctx: RequestContext): Promise<StoryList> {
  return getAsUser<StoryList>(`/stories${toQueryString({ ...filters })}`, ctx);
}

export function getStory(id: string, ctx: RequestContext): Promise<Story> {
  return getAsUser<Story>(`/stories/${encodeURIComponent(id)}`, ctx);
}

export function submitStory(body: StorySubmission, ctx: UserContext): Promise<Story> {
  return postAsUser<Story>('/stories', ctx, body);
}

export function storiesQueue(ctx: UserContext): Promise<{ items: Story[] }> {
  return getAsUser<{ items: Story[] }>('/moderation/stories', ctx);
}

export function decideStory(id: string, decision: { reject?: string }, ctx: UserContext): Promise<Story> {
  const path = `/moderation/stories/${encodeURIComponent(id)}`;
  return decision.reject !== undefined
    ? postAsUser<Story>(`${path}/reject`, ctx, { reason: decision.reject })
    : postAsUser<Story>(`${path}/approve`, ctx);
}

/**
 * Stories for a page that shows them beside something else (a listing, results): a failure of the
 * stories leaves that page whole, without them.
 */
export async function storyCardsFor(
  filters: StoryFilters,
  locale: UiLanguage,
  ctx: RequestContext,
): Promise<{ total: number; cards: StoryCardView[] }> {
  try {
    const list = await listStories(filters, ctx);
    return { total: list.total, cards: await storyCards(list.items, locale, ctx) };
  } catch {
    return { total: 0, cards: [] };
  }
}

/**
 * Stories as cards in the reader's language: its own text when the story has one, else the original,
 * with the name of the language a translation was made from (a translation is always marked).
 */
export async function storyCards(
  stories: readonly Story[],
  locale: UiLanguage,
  ctx: RequestContext,
  options: { original?: boolean } = {},
): Promise<StoryCardView[]> {
  const langs = new Set<string>();
  for (const s of stories) {
    langs.add(s.text_lang);
    for (const t of Object.values(s.texts)) if (t.from) langs.add(t.from);
  }
  const names = await languageNames(langs, locale, ctx).catch((): Record<string, string> => ({}));
  return stories.map((s) => toCard(s, locale, names, options.original ?? false));
}

/** 2024-10-28, 2024-10 or 2024 in the reader's language (formatted on the server, as other dates are). */
export function formatPartialDate(value: string, locale: UiLanguage): string {
  const utc = { timeZone: 'UTC' } as const;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', ...utc }).format(new Date(`${value}T00:00:00Z`));
  if (/^\d{4}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', ...utc }).format(
      new Date(`${value}-01T00:00:00Z`),
    );
  return value;
}

function toCard(s: Story, locale: UiLanguage, names: Record<string, string>, original: boolean): StoryCardView {
  const lang = !original && s.texts[locale] ? locale : s.text_lang;
  const t = s.texts[lang] ?? Object.values(s.texts)[0]!;
  const source = s.source;
  return {
    id: s.id,
    teller: s.teller,
    country: s.country,
    occupation: s.occupation ?? null,
    anonymous: s.anonymous,
    lang,
    title: t.title,
    summary: t.summary,
    helped: t.helped ?? null,
    hindered: t.hindered ?? null,
    translation:
      t.status === 'original'
        ? null
        : { reviewed: t.status === 'reviewed', from: names[t.from ?? s.text_lang] ?? t.from ?? s.text_lang },
    original: lang !== s.text_lang ? { lang: s.text_lang, name: names[s.text_lang] ?? s.text_lang } : null,
    tookMonths: s.took_months ?? null,
    listings: s.listing_refs,
    source:
      'url' in source
        ? {
            kind: 'page',
            url: source.url,
            publisher: source.publisher,
            date: source.date === 'not-shown' ? null : formatPartialDate(source.date, locale),
            lang: source.lang ?? null,
          }
        : { kind: 'told', toldTo: source.told_to, consentDate: formatPartialDate(source.consent_date, locale) },
  };
}

/** What a results page knows about the occupation asked for: picked exactly, or read in the words. */
export interface HintInput {
  /** an ESCO URI or ISCO code the request used */
  occupation?: string | null;
  /** concepts the API understood in the words (search) */
  understood?: { concepts: { kind: string; value: string }[] } | null;
  /** occupations the matcher read in the text */
  interpreted?: { uri: string | null; code: string | null }[] | null;
  country?: string | null;
  teller?: StoryTeller;
}

/**
 * "How others did it" for a results page: one or two stories of the occupation asked for (in the
 * country when one is given), with the /stories query that lists all of them. Null when the request
 * named no occupation or no story fits: results pages then show nothing more.
 */
export async function storyHintFor(
  input: HintInput,
  locale: UiLanguage,
  ctx: RequestContext,
): Promise<{ total: number; cards: StoryCardView[]; moreHref: string } | null> {
  const occupation =
    input.occupation ??
    input.understood?.concepts.find((c) => c.kind === 'occupation')?.value ??
    input.interpreted?.map((c) => c.uri ?? c.code).find(Boolean) ??
    undefined;
  if (!occupation && !input.teller) return null;
  const filters: StoryFilters = {
    ...(occupation ? { occupation } : {}),
    ...(input.country ? { country: input.country } : {}),
    ...(input.teller ? { teller: input.teller } : {}),
    per_page: 2,
  };
  const found = await storyCardsFor(filters, locale, ctx);
  if (found.cards.length === 0) return null;
  // Only what the hint shows travels in the page (results pages have an HTML budget): a line of the story.
  found.cards = found.cards.map((c) => ({
    ...c,
    summary: shorten(c.summary, 140),
    helped: null,
    hindered: null,
    listings: [],
  }));
  const { per_page: _perPage, ...more } = filters;
  return { ...found, moreHref: toQueryString({ ...more }) };
}

/** The first `max` characters of a text, cut at a word, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}
