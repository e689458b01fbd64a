import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { SEARCH_GENERATION_KEY } from '../search/sqlite-index.writer';
import { buildListingTagsLexicon, type ListingTagsLexicon } from './listing-tags.lexicon';
import { loadListingSnapshot, type ListingSnapshot } from './listing.snapshot';
import { loadTaxonomyLexicon, type TaxonomyLexicon } from './taxonomy.lexicon';
import { TextInterpreter } from './text.interpreter';

/** The key the taxonomy repository stores its input hash under: a new hash means a new taxonomy. */
const TAXONOMY_HASH_KEY = 'taxonomy_hash';

/** Everything the matcher reads from SQLite once and keeps in memory. */
export interface MatchData {
  taxonomy: TaxonomyLexicon;
  listings: ListingSnapshot;
  tags: ListingTagsLexicon;
  interpreter: TextInterpreter;
}

interface Versions {
  taxonomy: string;
  listings: string;
}

/**
 * Builds the matcher's in-memory data on first use and keeps it while SQLite says it is current:
 * - the taxonomy lexicon, until the taxonomy hash in `meta` changes (the indexer replaced it);
 * - the listing snapshot and the listing tags, until the search generation in `meta` changes. Every
 *   listing write that reaches search bumps it (indexer, approvals through the outbox, removals), so
 *   /match sees a listing as soon as /search does. A database without an embedded index has no
 *   generation; then a fingerprint of the listing table stands in (a scan, fine at that size).
 * The check is one primary-key read per request. Concurrent requests share one check and one build.
 */
export class MatchDataCache {
  private current: (MatchData & { versions: Versions; tagKey: string }) | undefined;
  private pending: Promise<MatchData> | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  get(): Promise<MatchData> {
    this.pending ??= this.check().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async check(): Promise<MatchData> {
    const versions = await this.versions();
    const current = this.current;
    if (current && current.versions.taxonomy === versions.taxonomy && current.versions.listings === versions.listings) {
      return current;
    }
    const taxonomy =
      current && current.versions.taxonomy === versions.taxonomy
        ? current.taxonomy
        : await loadTaxonomyLexicon(this.db);
    const listings = await loadListingSnapshot(this.db, (uri) => taxonomy.occupations.get(uri)?.isco);
    const tags = buildListingTagsLexicon(listings.skills.keys(), taxonomy.skills);
    const tagKey = tags.tags.map((t) => t.value).join('\u0000');
    // The interpreter's typo index spans every stem: rebuild it only when its words changed.
    const interpreter =
      current && current.taxonomy === taxonomy && current.tagKey === tagKey
        ? current.interpreter
        : new TextInterpreter([taxonomy.index, tags.index], iscoChildren(taxonomy));
    this.current = { taxonomy, listings, tags, interpreter, versions, tagKey };
    return this.current;
  }

  private async versions(): Promise<Versions> {
    const rows = await this.db
      .selectFrom('meta')
      .select(['key', 'value'])
      .where('key', 'in', [TAXONOMY_HASH_KEY, SEARCH_GENERATION_KEY])
      .execute();
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    let listings = value(SEARCH_GENERATION_KEY);
    if (listings === undefined) {
      const row = await this.db
        .selectFrom('listing')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
        .executeTakeFirstOrThrow();
      listings = `fingerprint:${row.n}:${row.latest ?? ''}`;
    }
    return { taxonomy: value(TAXONOMY_HASH_KEY) ?? '', listings };
  }
}

function iscoChildren(taxonomy: TaxonomyLexicon): (code: string) => readonly string[] {
  const children = new Map<string, string[]>();
  for (const code of [...taxonomy.iscoGroups.keys()].sort()) {
    if (code.length < 2) continue;
    const parent = code.slice(0, -1);
    const list = children.get(parent);
    if (list) list.push(code);
    else children.set(parent, [code]);
  }
  return (code) => children.get(code) ?? [];
}
