import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { SEARCH_GENERATION_KEY } from '../search/sqlite-index.writer';
import { buildListingTagsLexicon, type ListingTagsLexicon } from './listing-tags.lexicon';
import { loadListingSnapshot, type ListingSnapshot } from './listing.snapshot';
import { loadTaxonomyLexicon, type TaxonomyLexicon } from './taxonomy.lexicon';
import { TextInterpreter } from '@skillway/query';

/** The key the taxonomy repository stores its input hash under: a new hash means a new taxonomy. */
const TAXONOMY_HASH_KEY = 'taxonomy_hash';

/** Everything the matcher reads from SQLite once and keeps in memory. */
export interface MatchData {
  taxonomy: TaxonomyLexicon;
  listings: ListingSnapshot;
  tags: ListingTagsLexicon;
  interpreter: TextInterpreter;
  /** the versions this data was read at, as one string (what `generation()` said then) */
  generation: string;
}

interface Versions {
  taxonomy: string;
  listings: string;
}

/**
 * Above this, a listing reload is slow enough (tens of thousands of listings) that requests keep being
 * answered from the previous snapshot while it runs, instead of waiting for it.
 */
const BACKGROUND_RELOAD_AFTER_MS = 250;

/**
 * Builds the matcher's in-memory data on first use and keeps it while SQLite says it is current:
 * - the taxonomy lexicon, until the taxonomy hash in `meta` changes (the indexer replaced it);
 * - the listing snapshot and the listing tags, until the search generation in `meta` changes. Every
 *   listing write that reaches search bumps it (indexer, approvals through the outbox, removals), so
 *   /match sees a listing as soon as /search does. A database without an embedded index has no
 *   generation; then a fingerprint of the listing table stands in (a scan, fine at that size).
 * The check is one primary-key read per request. Concurrent requests share one check and one build.
 * A small directory reloads before answering, so a listing is matchable as soon as it is searchable; a
 * large one (reload slower than BACKGROUND_RELOAD_AFTER_MS) answers from the previous listings while
 * the new ones load, a few seconds at 100k listings. A new taxonomy is always waited for.
 */
export class MatchDataCache {
  private current: (MatchData & { versions: Versions; tagKey: string; loadMs: number; seq: number }) | undefined;
  private pending: Promise<MatchData> | undefined;
  private reloading: Promise<MatchData> | undefined;
  private loads = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: {
      backgroundReloadAfterMs?: number;
      /**
       * Reads the meta rows the versions come from; default: the database on every request. On
       * PostgreSQL the API passes an IndexGenerationReader (store/src/index-generation), which keeps
       * them until a bump's NOTIFY (a round trip per request costs more than a cached search).
       */
      meta?: { read(keys: readonly string[]): Promise<{ key: string; value: string }[]> };
    } = {},
  ) {}

  /** Resolves once no background reload is running (for tests and orderly shutdowns). */
  async whenIdle(): Promise<void> {
    await this.reloading?.catch(() => undefined);
  }

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
    const onlyListings = current !== undefined && current.versions.taxonomy === versions.taxonomy;
    if (onlyListings && current.loadMs > (this.options.backgroundReloadAfterMs ?? BACKGROUND_RELOAD_AFTER_MS)) {
      this.reloading ??= this.load(versions).finally(() => {
        this.reloading = undefined;
      });
      // A failed background reload leaves the previous data in place; the next request tries again.
      this.reloading.catch(() => undefined);
      return current;
    }
    return this.load(versions);
  }

  private async load(versions: Versions): Promise<MatchData> {
    const seq = ++this.loads;
    const current = this.current;
    const taxonomy =
      current && current.versions.taxonomy === versions.taxonomy
        ? current.taxonomy
        : await loadTaxonomyLexicon(this.db);
    const started = performance.now();
    const listings = await loadListingSnapshot(this.db, (uri) => taxonomy.occupations.get(uri)?.isco);
    const loadMs = performance.now() - started;
    const tags = buildListingTagsLexicon(listings.skills.keys(), taxonomy.skills);
    const tagKey = tags.tags.map((t) => t.value).join('\u0000');
    // The interpreter's typo index spans every stem: rebuild it only when its words changed.
    const interpreter =
      current && current.taxonomy === taxonomy && current.tagKey === tagKey
        ? current.interpreter
        : new TextInterpreter([taxonomy.index, tags.index], iscoChildren(taxonomy));
    const generation = `${versions.taxonomy}|${versions.listings}`;
    const loaded = { taxonomy, listings, tags, interpreter, generation, versions, tagKey, loadMs, seq };
    // A background reload that started earlier must not replace what a later load installed.
    if (!this.current || this.current.seq < seq) this.current = loaded;
    return loaded;
  }

  /**
   * What search answers depend on, as one string: the taxonomy (query understanding) and the search
   * generation (the listings). One primary-key read; the search result cache keys on it.
   */
  async generation(): Promise<string> {
    const { taxonomy, listings } = await this.versions();
    // The same string as MatchData.generation.
    return `${taxonomy}|${listings}`;
  }

  private async versions(): Promise<Versions> {
    const keys = [TAXONOMY_HASH_KEY, SEARCH_GENERATION_KEY];
    const rows = this.options.meta
      ? await this.options.meta.read(keys)
      : await this.db.selectFrom('meta').select(['key', 'value']).where('key', 'in', keys).execute();
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
