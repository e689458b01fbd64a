import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededStore, readSeedListings, type TempStore } from '../testing/seed-store';
import { loadSearchDocuments } from './search-document';

let store: TempStore;
beforeAll(async () => {
  store = await createSeededStore();
});
afterAll(async () => {
  await store.dispose();
});

describe('loadSearchDocuments', () => {
  it('builds one document per listing, with its organisation and occupation labels', async () => {
    const docs = await loadSearchDocuments(store.db);
    expect(docs.length).toBe(readSeedListings().length); // every seed listing (the seed set grows)
    const service = docs.find((d) => d.id === 'ie-nmbi-non-eu-registration')!;
    expect(service.organisation).toEqual({
      id: 'ie-nmbi',
      name: expect.stringContaining('Nursing and Midwifery Board'),
    });
    expect(service.occupation_codes).toEqual(['2221', '2222']);
    // The unit group's titles and its ESCO occupations' labels, in several languages.
    expect(service.occupation_labels).toEqual(
      expect.arrayContaining([
        'Nursing professionals',
        'specialist nurse',
        'Diplomás ápolók',
        'algemeen verpleegkundige',
      ]),
    );
  });

  it("gives a broad group its groups' titles down to unit groups, but not every ESCO occupation", async () => {
    const [doc] = await loadSearchDocuments(store.db, ['gb-ragu-london-met']); // tagged 22
    expect(doc!.occupation_codes).toEqual(['22']);
    expect(doc!.occupation_labels).toEqual(
      expect.arrayContaining(['Health professionals', 'Nursing professionals', 'Profesionales de enfermería']),
    );
    expect(doc!.occupation_labels).not.toContain('specialist nurse');
    expect(new Set(doc!.occupation_labels).size).toBe(doc!.occupation_labels.length);
  });

  it('loads only the ids asked for, skipping unknown ones', async () => {
    const docs = await loadSearchDocuments(store.db, ['sk-mareena-cafe', 'no-such-id']);
    expect(docs.map((d) => d.id)).toEqual(['sk-mareena-cafe']);
    expect(await loadSearchDocuments(store.db, [])).toEqual([]);
  });

  it('resolves ESCO occupation URIs to their unit group and labels', async () => {
    const uri = (
      await store.db
        .selectFrom('occupation_label')
        .select('uri')
        .where('label', '=', 'specialist nurse')
        .executeTakeFirstOrThrow()
    ).uri;
    const [base] = await loadSearchDocuments(store.db, ['sk-mareena-cafe']);
    await store.db
      .updateTable('listing_value')
      .set({ value: uri })
      .where('listing_id', '=', 'sk-mareena-cafe')
      .where('field', '=', 'occupations')
      .where('position', '=', 0)
      .execute();
    const [doc] = await loadSearchDocuments(store.db, ['sk-mareena-cafe']);
    expect(base!.occupation_codes).toContain('5131');
    expect(doc!.occupation_codes).toContain('2221');
    expect(doc!.occupation_labels).toEqual(expect.arrayContaining(['specialist nurse', 'Nursing professionals']));
  });
});
