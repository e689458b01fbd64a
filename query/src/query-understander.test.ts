import { describe, expect, it } from 'vitest';
import { guessLanguage } from './language-guess';
import { QueryUnderstander } from './query-understander';
import { TypoCorrector, editDistance } from './typo-corrector';

const understander = new QueryUnderstander();
const concepts = (text: string, lang: string, ignore: string[] = []) =>
  understander.understand(text, { lang, ignore }).understood.concepts.map((c) => `${c.kind}:${c.value}`);

describe('query understanding (needs, places, audience, stop words) in what people type', () => {
  it.each([
    ['I want to learn English in Cork', 'en', ['city:Cork', 'need:language-training']],
    ['хочу підтвердити диплом лікаря в Угорщині', 'uk', ['country:HU', 'need:qualification-recognition']],
    ['دنبال کلاس زبان رایگان در ایرلند هستم', 'fa', ['country:IE', 'need:language-training']],
    ['أبحث عن عمل في بلجيكا', 'ar', ['country:BE', 'need:job-matching']],
    ['we want to hire refugees at our firm in the Netherlands', 'en', ['country:NL', 'audience:employers']],
    ['Ik zoek een taalcursus in Rotterdam', 'nl', ['city:Rotterdam', 'need:language-training']],
    ['ápoló vagyok, Budapesten keresek állást', 'hu', ['city:Budapest', 'need:job-matching']],
    ['hladam pracu na Slovensku', 'sk', ['country:SK', 'need:job-matching']],
    ['reconnaissance de mon diplome en Belgique', 'fr', ['country:BE', 'need:qualification-recognition']],
    ['homologar mi titulo en Espana', 'es', ['country:ES', 'need:qualification-recognition']],
    ['cerco un corso di italiano a Milano', 'it', ['city:Milan', 'need:language-training']],
    ['iscem delo v Sloveniji', 'sl', ['country:SI', 'need:job-matching']],
    ['dentist in Slovenia', 'en', ['country:SI']],
    ['langauge course in Dublin', 'en', ['city:Dublin', 'need:language-training']],
    ['diplma recogntion', 'en', ['need:qualification-recognition']],
    ['دنبال کلاس زبان رایگان در ایرلند هستم', 'fa', ['country:IE', 'need:language-training']],
  ])('%s (%s)', (text, lang, expected) => {
    expect(concepts(text, lang)).toEqual(expect.arrayContaining(expected));
  });

  it('labels what it understood in the reader’s language', () => {
    const { understood } = understander.understand('learn English in Ireland', { lang: 'uk' });
    expect(understood.concepts.find((c) => c.kind === 'country')!.label).toBe('Ірландія');
    expect(understood.concepts.every((c) => c.ignore === `${c.kind}:${c.value}`)).toBe(true);
  });

  it('drops grammar words and what people say about themselves, keeps what a listing may name', () => {
    const { plan, understood } = understander.understand('I was a nurse in Syria and want to work', { lang: 'en' });
    // "Syria" stays: services for Syrian doctors name it; it only ranks, it filters nothing.
    expect(plan.terms.map((t) => t.text)).toEqual(['nurse', 'Syria', 'work']);
    expect(understood.ignored).toEqual(['I', 'was', 'a', 'in', 'and', 'want', 'to']);
  });

  it('takes a concept back when it is ignored (a city takes its country with it)', () => {
    expect(concepts('learn English in Cork', 'en', ['city:Cork'])).toEqual(['need:language-training']);
    const { plan } = understander.understand('learn English in Cork', { lang: 'en', ignore: ['city:Cork'] });
    expect(plan.concepts.some((c) => c.kind === 'country')).toBe(false);
  });

  it('tells names apart that share a stem (Slovakia, Slovenia)', () => {
    expect(concepts('I live in Slovakia', 'en')).toEqual(['country:SK']);
    expect(concepts('I live in Slovenia', 'en')).toEqual(['country:SI']);
  });

  it('adds no place filter when the person chose countries already', () => {
    const { plan } = understander.understand('nurse in Spain', { lang: 'en', countriesChosen: true });
    expect(plan.concepts).toEqual([]);
  });
});

describe('language guess', () => {
  it('tells Persian from Arabic by its letters, Ukrainian by Cyrillic, Latin text by trigrams or the page', () => {
    expect(guessLanguage('دنبال کار هستم').language).toBe('fa');
    expect(guessLanguage('أبحث عن وظيفة').language).toBe('ar');
    expect(guessLanguage('шукаю роботу').language).toBe('uk');
    expect(guessLanguage('je cherche une formation professionnelle en Belgique', 'en').candidates).toContain('fr');
    expect(guessLanguage('nurse', 'ar').language).toBe('en');
  });
});

describe('typo tolerance', () => {
  const corrector = new TypoCorrector(['nurse', 'nursing', 'qualification', 'teacher']);
  it('allows one edit from 5 letters and two from 9, the first letter kept', () => {
    expect(corrector.correct('nurce')).toEqual(['nurse']);
    expect(corrector.correct('qualifcaton')).toEqual(['qualification']);
    expect(corrector.correct('murse')).toEqual([]);
    expect(corrector.correct('nure')).toEqual([]);
    expect(editDistance('nrse', 'nurse', 1)).toBe(1);
    expect(editDistance('teahcer', 'teacher', 1)).toBe(1);
  });
});
