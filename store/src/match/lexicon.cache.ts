import type { Kysely } from 'kysely';
import type { DB } from '../database';
import { loadListingTagsLexicon, type ListingTagsLexicon } from './listing-tags.lexicon';
import { loadTaxonomyLexicon, type TaxonomyLexicon } from './taxonomy.lexicon';
import { TextInterpreter } from './text.interpreter';

/** The key the taxonomy repository stores its input hash under: a new hash means a new taxonomy. */
const TAXONOMY_HASH_KEY = 'taxonomy_hash';
/** Approved submissions add tags; a minute's delay before the matcher recognises them is fine. */
export const DEFAULT_TAG_TTL_MS = 60_000;

export interface MatchLexicon {
  taxonomy: TaxonomyLexicon;
  tags: ListingTagsLexicon;
  interpreter: TextInterpreter;
}

/**
 * Builds the in-memory lexicon on first use and keeps it: one cheap primary-key read per request
 * checks that the taxonomy is still the one it was built from (the indexer may have replaced it), and
 * the listing tags are reread when older than the TTL. Concurrent first requests share one build.
 */
export class LexiconCache {
  private current: (MatchLexicon & { taxonomyHash: string; tagKey: string }) | undefined;
  private pending: Promise<MatchLexicon> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { tagTtlMs?: number; now?: () => number } = {},
  ) {}

  get(): Promise<MatchLexicon> {
    this.pending ??= this.check().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async check(): Promise<MatchLexicon> {
    const hash = await this.taxonomyHash();
    const now = this.now();
    const current = this.current;
    if (current && current.taxonomyHash === hash && now - current.tags.loadedAt < this.tagTtl()) return current;
    return this.refresh(hash, now);
  }

  private async refresh(hash: string, now: number): Promise<MatchLexicon> {
    const previous = this.current;
    const taxonomy =
      previous && previous.taxonomyHash === hash ? previous.taxonomy : await loadTaxonomyLexicon(this.db);
    const tags = await loadListingTagsLexicon(this.db, taxonomy.skills, now);
    const tagKey = tags.tags.map((t) => t.value).join('\u0000');
    // The interpreter's typo index spans every stem: rebuild it only when something really changed.
    const interpreter =
      previous && previous.taxonomy === taxonomy && previous.tagKey === tagKey
        ? previous.interpreter
        : new TextInterpreter([taxonomy.index, tags.index], iscoChildren(taxonomy));
    this.current = { taxonomy, tags, interpreter, taxonomyHash: hash, tagKey };
    return this.current;
  }

  private async taxonomyHash(): Promise<string> {
    const row = await this.db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', TAXONOMY_HASH_KEY)
      .executeTakeFirst();
    return row?.value ?? '';
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private tagTtl(): number {
    return this.options.tagTtlMs ?? DEFAULT_TAG_TTL_MS;
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
