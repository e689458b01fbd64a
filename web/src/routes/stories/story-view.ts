import type { StoryTeller } from '@skillway/core';

/** A story as the pages show it: the texts in the reader's language (or the original), its source. */
export interface StoryCardView {
  id: string;
  teller: StoryTeller;
  country: string;
  occupation: string | null;
  anonymous: boolean;
  /** the language of title, summary, helped and hindered */
  lang: string;
  title: string;
  summary: string;
  helped: string | null;
  hindered: string | null;
  /** set when the shown text is a translation: the name of the language it was made from */
  translation: { reviewed: boolean; from: string } | null;
  /** set when the shown text is not the original: the original's language */
  original: { lang: string; name: string } | null;
  tookMonths: number | null;
  listings: { id: string; name: string | null }[];
  source:
    | { kind: 'page'; url: string; publisher: string; date: string | null; lang: string | null }
    | { kind: 'told'; toldTo: string; consentDate: string };
}

/** Right-to-left scripts among the languages a story may be written in. */
const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ku', 'yi', 'dv']);
export const textDir = (lang: string): 'rtl' | 'ltr' => (RTL.has(lang) ? 'rtl' : 'ltr');
