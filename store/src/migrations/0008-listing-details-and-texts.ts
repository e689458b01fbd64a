import { sql, type Kysely } from 'kysely';
import { floatType, isPostgres } from './dialect';

/**
 * The richer listing model of issue 14 (see docs/listing-model.md).
 *
 * - `listing` gains the language of its own texts and the single texts (documents, how to apply, fees,
 *   the eligibility note, the hours note); the small lists that are only ever read whole with their
 *   listing (eligibility statuses, opening hours, phones, e-mails, service area) are JSON columns.
 * - `listing_location`: the places of a listing, one row each, with latitude/longitude in columns so a
 *   query can sort by distance.
 * - `listing_text`: a listing's texts in other languages, each with its status (original, reviewed or
 *   machine translation), the language it was translated from and the fingerprint of that original.
 * - The old single `address`, `phone` and `email` move into a location, `phones` and `emails`, in the
 *   listings and in the submissions waiting for a moderator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    'text_lang',
    'eligibility_statuses',
    'eligibility_note',
    'documents',
    'how_to_apply',
    'fees',
    'schedules',
    'hours_note',
    'phones',
    'emails',
    'service_area',
  ]) {
    await db.schema.alterTable('listing').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('listing_location')
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('address', 'text')
    .addColumn('city', 'text')
    .addColumn('postcode', 'text')
    .addColumn('region', 'text')
    .addColumn('latitude', floatType(db), (c) => c.check(sql`latitude between -90 and 90`))
    .addColumn('longitude', floatType(db), (c) => c.check(sql`longitude between -180 and 180`))
    .addColumn('accessibility', 'text')
    .addPrimaryKeyConstraint('listing_location_pk', ['listing_id', 'position'])
    .addCheckConstraint('listing_location_coordinates', sql`(latitude is null) = (longitude is null)`)
    .execute();
  await db.schema
    .createIndex('listing_location_coordinates_idx')
    .on('listing_location')
    .columns(['latitude', 'longitude'])
    .where(sql.ref('latitude'), 'is not', null)
    .execute();

  await db.schema
    .createTable('listing_text')
    .addColumn('listing_id', 'text', (c) => c.notNull().references('listing.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('summary', 'text')
    .addColumn('eligibility_note', 'text')
    .addColumn('documents', 'text')
    .addColumn('how_to_apply', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('original', 'reviewed', 'machine')`))
    .addColumn('from_lang', 'text')
    .addColumn('from_hash', 'text')
    .addPrimaryKeyConstraint('listing_text_pk', ['listing_id', 'lang'])
    .execute();
  await db.schema.createIndex('listing_text_lang_idx').on('listing_text').columns(['lang', 'listing_id']).execute();

  await sql`insert into listing_location (listing_id, position, address)
    select id, 0, address from listing where address is not null`.execute(db);
  if (isPostgres(db)) {
    await reshapeOnPostgres(db);
    return;
  }
  await sql`update listing set phones = json_array(json_object('number', phone)) where phone is not null`.execute(db);
  await sql`update listing set emails = json_array(json_object('address', email)) where email is not null`.execute(db);
  for (const column of ['address', 'phone', 'email']) {
    await db.schema.alterTable('listing').dropColumn(column).execute();
  }

  // Pending submissions hold a listing as JSON: give them the new shape too, or approving one would fail.
  await sql`update submission set content = json_set(json_remove(content, '$.address'),
      '$.locations', json_array(json_object('address', json_extract(content, '$.address'))))
    where json_type(content, '$.address') = 'text'`.execute(db);
  await sql`update submission set content = json_set(json_remove(content, '$.phone'),
      '$.phones', json_array(json_object('number', json_extract(content, '$.phone'))))
    where json_type(content, '$.phone') = 'text'`.execute(db);
  await sql`update submission set content = json_set(json_remove(content, '$.email'),
      '$.emails', json_array(json_object('address', json_extract(content, '$.email'))))
    where json_type(content, '$.email') = 'text'`.execute(db);
}

/** The same reshaping in PostgreSQL's JSON functions (the columns stay text, as on SQLite). */
async function reshapeOnPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`update listing set phones = json_build_array(json_build_object('number', phone))::text
    where phone is not null`.execute(db);
  await sql`update listing set emails = json_build_array(json_build_object('address', email))::text
    where email is not null`.execute(db);
  for (const column of ['address', 'phone', 'email']) {
    await db.schema.alterTable('listing').dropColumn(column).execute();
  }
  for (const [old, list, key] of [
    ['address', 'locations', 'address'],
    ['phone', 'phones', 'number'],
    ['email', 'emails', 'address'],
  ] as const) {
    await sql`update submission set content = ((content::jsonb - ${old}::text)
        || jsonb_build_object(${list}::text, jsonb_build_array(jsonb_build_object(${key}::text, content::jsonb -> ${old}::text))))::text
      where jsonb_typeof(content::jsonb -> ${old}::text) = 'string'`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['address', 'phone', 'email']) {
    await db.schema.alterTable('listing').addColumn(column, 'text').execute();
  }
  const first = isPostgres(db)
    ? { phone: sql`phones::jsonb -> 0 ->> 'number'`, email: sql`emails::jsonb -> 0 ->> 'address'` }
    : { phone: sql`json_extract(phones, '$[0].number')`, email: sql`json_extract(emails, '$[0].address')` };
  await sql`update listing set
      address = (select address from listing_location l where l.listing_id = listing.id order by position limit 1),
      phone = ${first.phone},
      email = ${first.email}`.execute(db);
  await sql`drop table if exists listing_text`.execute(db);
  await sql`drop table if exists listing_location`.execute(db);
  for (const column of [
    'service_area',
    'emails',
    'phones',
    'hours_note',
    'schedules',
    'fees',
    'how_to_apply',
    'documents',
    'eligibility_note',
    'eligibility_statuses',
    'text_lang',
  ]) {
    await db.schema.alterTable('listing').dropColumn(column).execute();
  }
}
