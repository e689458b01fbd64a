import { describe, expect, it } from 'vitest';
import type { ListingDetail } from '@skillway/core';
import { readerTexts } from './reader-texts';

const listing = {
  name: 'Recognition service',
  summary: 'Compares foreign diplomas with Irish ones.',
  how_to_apply: 'Apply online.',
  documents: 'Your diploma.',
  text_lang: 'en',
  texts: {
    en: { name: 'Recognition service', summary: 'Compares foreign diplomas with Irish ones.', status: 'original' },
    ar: {
      name: 'خدمة الاعتراف',
      summary: 'تقارن الشهادات الأجنبية بالشهادات الأيرلندية.',
      how_to_apply: 'قدّم عبر الإنترنت.',
      status: 'machine',
      from: 'en',
    },
    ga: { name: 'Seirbhís aitheantais', status: 'original' },
  },
} as unknown as ListingDetail;

describe('readerTexts', () => {
  it('shows the reader’s language when the listing has it, marked as a machine translation, field by field', () => {
    const r = readerTexts(listing, 'ar', false);
    expect(r.translation).toEqual({ status: 'machine', from: 'en' });
    expect(r.fields.name).toEqual({ text: 'خدمة الاعتراف', lang: 'ar' });
    expect(r.fields.how_to_apply).toEqual({ text: 'قدّم عبر الإنترنت.', lang: 'ar' });
    // not translated: the original, in its own language
    expect(r.fields.documents).toEqual({ text: 'Your diploma.', lang: 'en' });
    expect(r.fields.eligibility_note).toBeUndefined();
    expect(r.translationHidden).toBe(false);
  });

  it('puts the original one link away: ?original=1 shows the provider’s words and offers the translation back', () => {
    const r = readerTexts(listing, 'ar', true);
    expect(r.translation).toBeNull();
    expect(r.translationHidden).toBe(true);
    expect(r.fields.summary).toEqual({ text: listing.summary, lang: 'en' });
  });

  it('shows the original when the reader’s language has no texts, and never marks a provider’s own text as a translation', () => {
    expect(readerTexts(listing, 'uk', false)).toMatchObject({
      translation: null,
      translationHidden: false,
      fields: { name: { lang: 'en' } },
    });
    const irish = readerTexts(listing, 'ga', false);
    expect(irish.translation).toBeNull();
    expect(irish.fields.name).toEqual({ text: 'Seirbhís aitheantais', lang: 'ga' });
    expect(readerTexts(listing, 'en', false).translation).toBeNull();
  });
});
