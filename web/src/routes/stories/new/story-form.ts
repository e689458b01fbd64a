import {
  COUNTRIES,
  LANGUAGE_CODE_PATTERN,
  LISTING_ID_PATTERN,
  STORY_TELLERS,
  type StorySubmission,
} from '@skillway/core';

/** What the story form sends, as text (kept to refill the form after a problem). */
export interface StoryFormValues {
  teller: string;
  country: string;
  lang: string;
  title: string;
  summary: string;
  helped: string;
  hindered: string;
  listings: string;
  occupation: string;
  took: string;
  told_to: string;
  anonymous: boolean;
  consent: boolean;
}

const text = (data: FormData, key: string, max: number) =>
  String(data.get(key) ?? '')
    .replace(/\r\n/g, '\n')
    .trim()
    .slice(0, max);

export function readStoryForm(data: FormData): StoryFormValues {
  return {
    teller: text(data, 'teller', 40),
    country: text(data, 'country', 2),
    lang: text(data, 'lang', 2),
    title: text(data, 'title', 160),
    summary: text(data, 'summary', 3000),
    helped: text(data, 'helped', 1000),
    hindered: text(data, 'hindered', 1000),
    listings: text(data, 'listings', 3000),
    occupation: text(data, 'occupation', 120),
    took: text(data, 'took', 4),
    told_to: text(data, 'told_to', 200),
    anonymous: data.get('anonymous') === 'on',
    consent: data.get('consent') === 'on',
  };
}

const LISTING_ID = new RegExp(LISTING_ID_PATTERN);

/**
 * The listing ids in a text of one listing a line: an id ("ie-nmbi") or a Skillway address of a
 * listing (".../listings/ie-nmbi", any language prefix). Blank lines are skipped; `bad` lists the rest.
 */
export function parseListingLines(value: string): { ids: string[]; bad: string[] } {
  const ids: string[] = [];
  const bad: string[] = [];
  for (const raw of value.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const fromUrl = /\/listings\/([a-z0-9-]+)(?:[/?#]|$)/.exec(line)?.[1];
    const id = fromUrl ?? line;
    if (LISTING_ID.test(id) && id.length <= 120) {
      if (!ids.includes(id)) ids.push(id);
    } else bad.push(line);
  }
  return { ids, bad };
}

/** Field -> message key of what is wrong; the API checks everything again. */
export type StoryFormErrors = Partial<Record<keyof StoryFormValues, 'required' | 'invalid'>>;

export function checkStoryForm(v: StoryFormValues): StoryFormErrors {
  const errors: StoryFormErrors = {};
  if (!(STORY_TELLERS as readonly string[]).includes(v.teller)) errors.teller = 'required';
  if (!(COUNTRIES as readonly string[]).includes(v.country)) errors.country = 'required';
  if (!new RegExp(LANGUAGE_CODE_PATTERN).test(v.lang)) errors.lang = 'required';
  if (v.title.length < 3 || /[<>]/.test(v.title)) errors.title = v.title ? 'invalid' : 'required';
  if (v.summary.length < 20 || /[<>]/.test(v.summary)) errors.summary = v.summary ? 'invalid' : 'required';
  if (/[<>]/.test(v.helped)) errors.helped = 'invalid';
  if (/[<>]/.test(v.hindered)) errors.hindered = 'invalid';
  if (parseListingLines(v.listings).bad.length) errors.listings = 'invalid';
  if (v.took && !/^[1-9]\d{0,2}$/.test(v.took)) errors.took = 'invalid';
  if (v.told_to.length < 2 || /[<>]/.test(v.told_to)) errors.told_to = v.told_to ? 'invalid' : 'required';
  if (!v.consent) errors.consent = 'required';
  return errors;
}

/** The API's body for valid values (`occupation`: the ESCO URI or ISCO code the page resolved, if any). */
export function toSubmission(v: StoryFormValues, occupation: string | undefined): StorySubmission {
  return {
    teller: v.teller as StorySubmission['teller'],
    country: v.country as StorySubmission['country'],
    ...(occupation ? { occupation } : {}),
    listings: parseListingLines(v.listings).ids,
    ...(v.took ? { took_months: Number(v.took) } : {}),
    lang: v.lang,
    title: v.title,
    summary: v.summary,
    ...(v.helped ? { helped: v.helped } : {}),
    ...(v.hindered ? { hindered: v.hindered } : {}),
    anonymous: v.anonymous,
    told_to: v.told_to,
    consent: true,
  };
}
