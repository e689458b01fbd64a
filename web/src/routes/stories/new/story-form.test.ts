import { describe, expect, it } from 'vitest';
import { checkStoryForm, parseListingLines, readStoryForm, toSubmission } from './story-form';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}
const good = {
  teller: 'refugee',
  country: 'IE',
  lang: 'ar',
  title: 'ممرضة من سوريا',
  summary: 'ممرضة من سوريا سجلت لدى المجلس وتعمل الآن في مستشفى.',
  listings: 'https://skillway.example/ar/listings/ie-nmbi?from=x\n\nie-etb-esol\nie-nmbi',
  told_to: 'Example Centre',
  consent: 'on',
};

describe('story form', () => {
  it('reads listings given as Skillway addresses or ids, in order, once each', () => {
    expect(parseListingLines(good.listings)).toEqual({ ids: ['ie-nmbi', 'ie-etb-esol'], bad: [] });
    expect(parseListingLines('https://example.org/elsewhere\nNot An Id').bad).toEqual([
      'https://example.org/elsewhere',
      'Not An Id',
    ]);
  });

  it('accepts a good form and builds the API body (consent true, anonymous from the box)', () => {
    const v = readStoryForm(form(good));
    expect(checkStoryForm(v)).toEqual({});
    expect(toSubmission(v, undefined)).toEqual({
      teller: 'refugee',
      country: 'IE',
      listings: ['ie-nmbi', 'ie-etb-esol'],
      lang: 'ar',
      title: good.title,
      summary: good.summary,
      anonymous: false,
      told_to: 'Example Centre',
      consent: true,
    });
  });

  it('names each field that is missing or wrong: no consent, HTML, a bad month count, a foreign link', () => {
    const { consent: _consent, ...noConsent } = good;
    const v = readStoryForm(
      form({ ...noConsent, title: '<b>x</b>', took: '0', listings: 'https://example.org/x', country: 'FR' }),
    );
    expect(checkStoryForm(v)).toEqual({
      consent: 'required',
      title: 'invalid',
      took: 'invalid',
      listings: 'invalid',
      country: 'required',
    });
  });
});
