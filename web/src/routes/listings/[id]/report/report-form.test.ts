import { describe, expect, it } from 'vitest';
import { checkReportForm, readReportForm } from './report-form';

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return readReportForm(data);
};

describe('the report form', () => {
  it('needs a choice, words for "other", and a real address when one is given', () => {
    expect(checkReportForm(form({ problem: 'closed' }))).toEqual({});
    expect(checkReportForm(form({}))).toEqual({ problem: 'required' });
    expect(checkReportForm(form({ problem: 'other', details: '   ' }))).toEqual({ details: 'required' });
    expect(checkReportForm(form({ problem: 'contact', email: 'not-an-address' }))).toEqual({ email: 'email' });
    expect(checkReportForm(form({ problem: 'contact', details: 'x'.repeat(2001) }))).toEqual({ details: 'too-long' });
    expect(checkReportForm(form({ problem: 'contact', details: '  ok  ', email: ' a@b.org ' }))).toEqual({});
    expect(form({ problem: 'contact', details: '  ok  ' }).details).toBe('ok');
  });
});
