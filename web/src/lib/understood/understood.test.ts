import { describe, expect, it } from 'vitest';
import type { Understood } from '@skillway/core';
import { correctionOf, messageParts, understoodData, understoodView } from './understood';

const UNDERSTOOD: Understood = {
  concepts: [
    { kind: 'occupation', value: '2221', label: 'nurse', matched: 'nurce', effect: 'boost', ignore: 'occupation:2221' },
    {
      kind: 'need',
      value: 'qualification-recognition',
      label: 'diploma recognition',
      matched: 'diploma',
      effect: 'boost',
      ignore: 'need:qualification-recognition',
    },
    { kind: 'country', value: 'IE', label: 'Ireland', matched: 'in Ireland', effect: 'filter', ignore: 'country:IE' },
  ],
  corrections: [{ from: 'nurce', to: 'nurse' }],
  ignored: ['i', 'was', 'a', 'in'],
  language: 'en',
};

describe('understoodData (what the server hands to the page)', () => {
  it('keeps only what is shown', () => {
    expect(understoodData(UNDERSTOOD)).toEqual({
      concepts: [
        { kind: 'occupation', value: '2221', label: 'nurse', effect: 'boost', ignore: 'occupation:2221' },
        {
          kind: 'need',
          value: 'qualification-recognition',
          label: 'diploma recognition',
          effect: 'boost',
          ignore: 'need:qualification-recognition',
        },
        { kind: 'country', value: 'IE', label: 'Ireland', effect: 'filter', ignore: 'country:IE' },
      ],
      corrections: [{ from: 'nurce', to: 'nurse' }],
    });
  });

  it('orders the chips as a person would say it: occupation, need, then where', () => {
    const reversed = { ...UNDERSTOOD, concepts: [...UNDERSTOOD.concepts].reverse() };
    expect(understoodData(reversed)?.concepts.map((c) => c.label)).toEqual(['nurse', 'diploma recognition', 'Ireland']);
  });

  it('is null when the API says nothing (not there yet, no words, nothing recognised)', () => {
    expect(understoodData(undefined)).toBeNull();
    expect(understoodData(null)).toBeNull();
    expect(understoodData({ concepts: [], corrections: [], ignored: ['the'], language: null })).toBeNull();
  });

  it('drops repeated concepts, concepts without a label and corrections that change nothing', () => {
    const data = understoodData({
      ...UNDERSTOOD,
      concepts: [UNDERSTOOD.concepts[2]!, UNDERSTOOD.concepts[2]!, { ...UNDERSTOOD.concepts[0]!, label: '' }],
      corrections: [{ from: 'Nurse', to: 'nurse' }],
    });
    expect(data?.concepts.map((c) => c.label)).toEqual(['Ireland']);
    expect(data?.corrections).toEqual([]);
  });
});

describe('understoodView (the chips and the correction line)', () => {
  const data = understoodData(UNDERSTOOD);
  const removeHref = (key: string) => `/search?q=x&ignore=${encodeURIComponent(key)}`;
  const correctionMessage = (v: { corrected: string; typed: string }) =>
    `Showing results for ${v.corrected} (you typed ${v.typed})`;

  it('one chip per concept, in the order understood, each with its remove link; filters marked', () => {
    const view = understoodView(data, { q: 'I was a nurce in Ireland', removeHref, correctionMessage });
    expect(view?.concepts).toEqual([
      {
        kind: 'occupation',
        label: 'nurse',
        filter: false,
        removeHref: removeHref('occupation:2221'),
      },
      {
        kind: 'need',
        label: 'diploma recognition',
        filter: false,
        removeHref: removeHref('need:qualification-recognition'),
      },
      { kind: 'country', label: 'Ireland', filter: true, removeHref: removeHref('country:IE') },
    ]);
  });

  it('never shows a concept already taken back', () => {
    const view = understoodView(data, {
      q: 'nurse in Ireland',
      ignored: ['country:IE'],
      removeHref,
      correctionMessage,
    });
    expect(view?.concepts.map((c) => c.kind)).toEqual(['occupation', 'need']);
  });

  it('without a way to ask again (match), the chips only tell', () => {
    const view = understoodView(data, { q: 'nurse', correctionMessage });
    expect(view?.concepts.every((c) => c.removeHref === null)).toBe(true);
  });

  it('is null when there is nothing to show', () => {
    expect(understoodView(null, { q: 'x', removeHref, correctionMessage })).toBeNull();
    const onlyIreland = understoodData({ ...UNDERSTOOD, concepts: [UNDERSTOOD.concepts[2]!], corrections: [] });
    expect(
      understoodView(onlyIreland, { q: 'Ireland', ignored: ['country:IE'], removeHref, correctionMessage }),
    ).toBeNull();
  });

  it('cuts the correction line around the words, so the page can set them apart (bold, isolated)', () => {
    const view = understoodView(data, { q: 'I was a nurce in Ireland', removeHref, correctionMessage });
    expect(view?.correction).toEqual([
      { text: 'Showing results for ' },
      { slot: 'corrected', text: 'I was a nurse in Ireland' },
      { text: ' (you typed ' },
      { slot: 'typed', text: 'I was a nurce in Ireland' },
      { text: ')' },
    ]);
    // In Arabic the words come in another order and another script, and stay whole.
    const ar = (v: { corrected: string; typed: string }) => `نعرض نتائج البحث عن ${v.corrected} (ما كتبته: ${v.typed})`;
    const arabic = understoodView(
      { concepts: [], corrections: [{ from: 'ممرضه', to: 'ممرضة' }] },
      { q: 'كنت ممرضه', correctionMessage: ar },
    );
    expect(arabic?.concepts).toEqual([]);
    expect(arabic?.correction).toEqual([
      { text: 'نعرض نتائج البحث عن ' },
      { slot: 'corrected', text: 'كنت ممرضة' },
      { text: ' (ما كتبته: ' },
      { slot: 'typed', text: 'كنت ممرضه' },
      { text: ')' },
    ]);
  });
});

describe('correctionOf ("Showing results for nurse (you typed nurce)")', () => {
  it('puts the corrected words back into the query as typed', () => {
    expect(correctionOf('I was a nurce in Syria', [{ from: 'nurce', to: 'nurse' }])).toEqual({
      corrected: 'I was a nurse in Syria',
      typed: 'I was a nurce in Syria',
    });
    expect(correctionOf('nurce', [{ from: 'nurce', to: 'nurse' }])).toEqual({ corrected: 'nurse', typed: 'nurce' });
  });

  it('matches whole words only, in any case and any script', () => {
    expect(correctionOf('Nurce, nurcery', [{ from: 'nurce', to: 'nurse' }])?.corrected).toBe('nurse, nurcery');
    expect(correctionOf('я медсетра з Харкова', [{ from: 'медсетра', to: 'медсестра' }])?.corrected).toBe(
      'я медсестра з Харкова',
    );
    expect(correctionOf('كنت ممرضه', [{ from: 'ممرضه', to: 'ممرضة' }])?.corrected).toBe('كنت ممرضة');
  });

  it('falls back to the words alone when one cannot be placed', () => {
    expect(
      correctionOf('nurce', [
        { from: 'nurce', to: 'nurse' },
        { from: 'teachr', to: 'teacher' },
      ]),
    ).toEqual({ corrected: 'nurse teacher', typed: 'nurce teachr' });
  });

  it('says nothing without corrections', () => {
    expect(correctionOf('nurse', [])).toBeNull();
  });
});

describe('messageParts', () => {
  it('cuts a translated message around its values, whatever their order in the language', () => {
    const en = (v: Record<string, string>) => `Showing results for ${v.corrected} (you typed ${v.typed})`;
    expect(messageParts(en, { corrected: 'nurse', typed: 'nurce' })).toEqual([
      { text: 'Showing results for ' },
      { slot: 'corrected', text: 'nurse' },
      { text: ' (you typed ' },
      { slot: 'typed', text: 'nurce' },
      { text: ')' },
    ]);
    const reversed = (v: Record<string, string>) => `${v.typed} → ${v.corrected}`;
    expect(messageParts(reversed, { corrected: 'b', typed: 'a' })).toEqual([
      { slot: 'typed', text: 'a' },
      { text: ' → ' },
      { slot: 'corrected', text: 'b' },
    ]);
  });

  it('keeps the values as given, even when they look like markup or markers', () => {
    const parts = messageParts((v) => `x ${v.a} y`, { a: '<b>\uE0000\uE001</b>' });
    expect(parts).toEqual([{ text: 'x ' }, { slot: 'a', text: '<b>\uE0000\uE001</b>' }, { text: ' y' }]);
  });
});
