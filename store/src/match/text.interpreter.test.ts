import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db';
import { MatchDataCache, type MatchData } from './match-data.cache';
import { fixtureListing, openMatchFixture } from './match.fixture';
import { splitWords, withinOneEdit } from '@skillway/query';

/** The real ESCO/ISCO labels from data/taxonomy, and two listings that carry skill tags. */
let store: Store;
let lexicon: MatchData;

beforeAll(async () => {
  store = await openMatchFixture([
    fixtureListing('tagged-medicine', { skills: ['PLAB exam', 'CV writing', 'Dutch'] }),
    fixtureListing('tagged-nursing', { skills: ['nursing'] }),
  ]);
  lexicon = await new MatchDataCache(store.db).get();
});
afterAll(async () => {
  await store?.close();
});

const interpret = (text: string) => lexicon.interpreter.interpret(text);
const codes = (text: string) => interpret(text).occupations.map((o) => o.code);

describe('TextInterpreter: occupations', () => {
  it.each([
    ['nurse', 'en'],
    ['enfermera', 'es'],
    ['soy enfermera', 'es'],
    ['ik ben verpleegkundige', 'nl'],
    ['ápoló vagyok', 'hu'],
    ['infermiere', 'it'],
    ['je suis infirmière', 'fr'],
    ['أنا ممرضة', 'ar'],
  ])('reads "%s" (%s) as nursing, ISCO 2221 or 3221', (text) => {
    const found = interpret(text).occupations;
    expect(found).toHaveLength(1);
    expect(['2221', '3221']).toContain(found[0]!.code);
    expect(found[0]!.matched.length).toBeGreaterThan(0);
  });

  it('reads "I was a pharmacist in Syria" as the ESCO occupation pharmacist (2262), ignoring the rest', () => {
    const [pharmacist, ...rest] = interpret('I was a pharmacist in Syria').occupations;
    expect(rest).toEqual([]);
    expect(pharmacist).toMatchObject({ code: '2262', label: 'pharmacist', matched: ['pharmacist'] });
    expect(pharmacist!.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\//);
  });

  it('claims the ISCO group, not an ESCO occupation, when only part of a label matched', () => {
    const [nurse] = interpret('nurse').occupations;
    expect(nurse).toMatchObject({ code: '2221', uri: null });
  });

  it('prefers a phrase that matches a whole label over its words', () => {
    expect(codes('I am a nurse assistant')).toEqual(['5321']);
    expect(codes('software developer')).toEqual(['2512']);
  });

  it('answers with the common parent when the word names a whole family', () => {
    expect(codes('I am a teacher')).toEqual(['23']);
    expect(codes('učiteľka')).toEqual(['23']);
  });

  it('does not let a label match across "and": two occupations, not a "cooking teacher"', () => {
    expect(codes('I was a teacher and a cook').sort()).toEqual(['23', '5120']);
    expect(codes('I was a teacher, a cook').sort()).toEqual(['23', '5120']);
  });

  it('ignores words that only modify an occupation ("map" in "map maker")', () => {
    expect(codes('a tool to map skills')).toEqual([]);
    expect(codes('guidance for my company on the right to work')).toEqual([]);
  });

  it('recognises nothing in words about the service wanted or where the person comes from', () => {
    expect(interpret('we want to hire refugees').occupations).toEqual([]);
    expect(interpret('Syria').occupations).toEqual([]);
    expect(interpret('I need help, I am looking for a job').occupations).toEqual([]);
  });
});

describe('TextInterpreter: typos', () => {
  it.each([
    ['nurce', ['2221', '3221']],
    ['pharmasist', ['2262']],
    ['verplegkundige', ['2221', '3221']],
    ['enfermerra', ['2221', '3221']],
  ])('tolerates one wrong letter in "%s"', (text, expected) => {
    const found = codes(text);
    expect(found).toHaveLength(1);
    expect(expected).toContain(found[0]);
  });

  it('scores a corrected word below the word spelt right', () => {
    const right = interpret('pharmacist').occupations[0]!.score;
    const typo = interpret('pharmasist').occupations[0]!.score;
    expect(typo).toBeLessThan(right);
  });

  it('does not correct short words', () => {
    expect(codes('nuse')).toEqual([]);
  });

  it('withinOneEdit accepts one substitution, insertion, deletion or swap, and nothing more', () => {
    expect(withinOneEdit('nurse', 'nurce')).toBe(true);
    expect(withinOneEdit('nurse', 'nurses')).toBe(true);
    expect(withinOneEdit('nurse', 'nuse')).toBe(true);
    expect(withinOneEdit('nurse', 'nruse')).toBe(true);
    expect(withinOneEdit('nurse', 'nrusr')).toBe(false);
    expect(withinOneEdit('nurse', 'purge')).toBe(false);
  });
});

describe('TextInterpreter: skills', () => {
  it('recognises the skill tags listings carry, and ESCO skills', () => {
    const skills = interpret('I speak Arabic and want to learn Dutch').skills;
    expect(skills.map((s) => s.label).sort()).toEqual(['Arabic', 'Dutch']);
    expect(skills.find((s) => s.label === 'Dutch')).toMatchObject({ uri: null, concept: 'tag:Dutch' });
    expect(skills.find((s) => s.label === 'Arabic')!.uri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
  });

  it('matches a phrase tag as a whole and a long tag from its distinctive word', () => {
    expect(interpret('PLAB exam preparation').skills.map((s) => s.concept)).toEqual(['tag:PLAB exam']);
    expect(interpret('I need help with my CV').skills.map((s) => s.concept)).toEqual(['tag:CV writing']);
  });

  it('does not read the words of an occupation again as a skill', () => {
    const result = interpret('I am a nurse');
    expect(result.occupations).toHaveLength(1);
    expect(result.skills).toEqual([]);
  });
});

describe('TextInterpreter: hostile input', () => {
  it('never throws and stays bounded on 10 kB of symbols, scripts and query syntax', () => {
    const chunks = [
      '"nurse" OR 1=1; DROP TABLE listing; -- NEAR(a b) * ^ :col ',
      '<script>alert(1)</script> %00 \u0000 \u202e ',
      '𝓷𝓾𝓻𝓼𝓮 🧑‍⚕️ ممرضة ápoló ',
      'a'.repeat(300) + ' ',
      'manager assistant worker ',
    ];
    let text = '';
    while (text.length < 10_000) text += chunks[text.length % chunks.length] ?? chunks[0];
    const result = interpret(text);
    expect(result.occupations.length).toBeLessThanOrEqual(3);
    expect(result.skills.length).toBeLessThanOrEqual(5);
  });

  it('returns nothing for empty, blank or symbol-only text', () => {
    for (const text of ['', '   ', '!!! ??? ... ---', '\u0301\u0301']) {
      expect(interpret(text)).toEqual({ occupations: [], skills: [] });
    }
  });

  it('keeps a decomposed accent inside its word', () => {
    const decomposed = 'a\u0301polo\u0301'; // "ápoló" typed with combining accents
    expect(splitWords(decomposed, 10).map((w) => w.folded)).toEqual(['apolo']);
    expect(codes(decomposed)).toEqual(codes('ápoló'));
  });
});
