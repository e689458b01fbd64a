import { sql, type Kysely } from 'kysely';
import { generatedId, isPostgres, nowText, withoutRowid } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('listing')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('organisation', 'service', 'initiative')`))
    .addColumn('name', 'text', (c) => c.notNull())
    // Deferred so a whole data set can be written in any order inside one transaction.
    .addColumn('organisation_id', 'text', (c) =>
      c
        .references('listing.id')
        .onDelete('restrict')
        .modifyEnd(sql`deferrable initially deferred`),
    )
    .addColumn('city', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('cost', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('active', 'integer')
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('checked_at', 'text')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('data'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('listing_organisation_idx').on('listing').column('organisation_id').execute();
  await db.schema.createIndex('listing_kind_idx').on('listing').columns(['kind', 'id']).execute();
  await db.schema.createIndex('listing_cost_idx').on('listing').columns(['cost', 'id']).execute();
  await db.schema.createIndex('listing_name_idx').on('listing').columns(['name', 'id']).execute();

  await db.schema
    .createTable('listing_value')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_value_pk', ['field', 'value', 'listing_id'])
    .$call(withoutRowid(db))
    .execute();
  await db.schema
    .createIndex('listing_value_listing_idx')
    .on('listing_value')
    .columns(['listing_id', 'field', 'position'])
    .execute();

  await db.schema
    .createTable('isco_group')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('isco_group.code'))
    .execute();
  await db.schema
    .createTable('isco_group_label')
    .addColumn('code', 'text', (c) => c.notNull().references('isco_group.code').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('isco_group_label_pk', ['code', 'lang'])
    .$call(withoutRowid(db))
    .execute();

  await db.schema
    .createTable('occupation')
    .addColumn('uri', 'text', (c) => c.primaryKey())
    .addColumn('esco_code', 'text', (c) => c.notNull())
    .addColumn('isco_code', 'text', (c) => c.notNull().references('isco_group.code'))
    .execute();
  await db.schema.createIndex('occupation_isco_idx').on('occupation').column('isco_code').execute();
  await db.schema
    .createTable('occupation_label')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('uri', 'text', (c) => c.notNull().references('occupation.uri').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('preferred', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('occupation_label_uri_idx').on('occupation_label').columns(['uri', 'lang']).execute();
  // Word-prefix, diacritic-insensitive autocomplete over occupation labels in every language: FTS5 on
  // SQLite; on PostgreSQL a table of each label's folded words that replaceTaxonomy writes.
  if (isPostgres(db)) await createOccupationLabelWords(db);
  else await createOccupationLabelFts(db);

  await db.schema
    .createTable('skill')
    .addColumn('uri', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text')
    .addColumn('reuse', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('occupation_skill')
    .addColumn('occupation_uri', 'text', (c) => c.notNull().references('occupation.uri').onDelete('cascade'))
    .addColumn('skill_uri', 'text', (c) => c.notNull().references('skill.uri').onDelete('cascade'))
    .addPrimaryKeyConstraint('occupation_skill_pk', ['occupation_uri', 'skill_uri'])
    .$call(withoutRowid(db))
    .execute();
  await db.schema.createIndex('occupation_skill_skill_idx').on('occupation_skill').column('skill_uri').execute();

  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/**
 * PostgreSQL's counterpart of occupation_label_fts: one row per word of a label, folded as the
 * application folds text (core's foldText: case, accents, ß -> ss), so a word prefix is an index range
 * (`word like 'nur%'`, text_pattern_ops whatever the database's collation). No extension needed.
 */
async function createOccupationLabelWords(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('occupation_label_word')
    .addColumn('label_id', 'integer', (c) => c.notNull().references('occupation_label.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('occupation_label_word_pk', ['label_id', 'position'])
    .execute();
  await sql`create index occupation_label_word_idx on occupation_label_word (word text_pattern_ops, label_id)`.execute(
    db,
  );
}

async function createOccupationLabelFts(db: Kysely<unknown>): Promise<void> {
  await sql`create virtual table occupation_label_fts using fts5(
    label, content='occupation_label', content_rowid='id',
    tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3'
  )`.execute(db);
  await sql`create trigger occupation_label_ai after insert on occupation_label begin
    insert into occupation_label_fts(rowid, label) values (new.id, new.label);
  end`.execute(db);
  await sql`create trigger occupation_label_ad after delete on occupation_label begin
    insert into occupation_label_fts(occupation_label_fts, rowid, label) values ('delete', old.id, old.label);
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'meta',
    'occupation_skill',
    'skill',
    'occupation_label_fts',
    'occupation_label_word',
    'occupation_label',
    'occupation',
    'isco_group_label',
    'isco_group',
    'listing_value',
    'listing',
  ]) {
    await sql`drop table if exists ${sql.id(table)}`.execute(db);
  }
}
