import { openMatchFixture, fixtureListing } from '@skillway/store/match/match.fixture';
import { createSearchEngine } from '@skillway/store/search/rebuild';
const store = await openMatchFixture(
  [
    fixtureListing('hu-pharmacy', {
      countries: ['HU'],
      summary: 'Advice for pharmacists and pharmacy technicians who trained abroad.',
    }),
    fixtureListing('hu-general', { countries: ['HU'], summary: 'General advice for newcomers about work.' }),
  ],
  ':memory:',
  { withoutTaxonomy: true },
);
const e = createSearchEngine(store, {});
try {
  const r = await e.search({ q: 'pharmacist', active: 'true', per_page: 50, country: ['HU', 'EU'] });
  console.log(
    r.hits.map((h) => h.id),
    r.total,
  );
} catch (err) {
  console.log('ERR', err);
}
