/**
 * @skillway/store/hsds — Skillway's listings and taxonomy as Open Referral HSDS 3.x: the directory the
 * /api/hsds routes and `npm run export:hsds` read, the mapping, the datapackage writer, and the
 * validator over the copied HSDS schemas (schema/, with its licence).
 */
export { HsdsDirectory, toPage, type HsdsListFilter, type HsdsPaging, type HsdsTermFilter } from './hsds-directory';
export { hsdsId, SKILLWAY_HSDS_NAMESPACE } from './hsds-ids';
export { serviceId, organizationId } from './hsds.mapper';
export {
  ESCO_ATTRIBUTION,
  hsdsTaxonomies,
  taxonomyId,
  termId,
  TAXONOMY_KEYS,
  type TaxonomyKey,
} from './hsds-taxonomies';
export { HSDS_SCHEMA_DIR, HSDS_VERSION, hsdsSchemaFiles, hsdsTableSchema, type HsdsTable } from './hsds-schemas';
export { createHsdsValidator, type HsdsValidator } from './hsds-validator';
export type * from './hsds.types';
export {
  columnsOf,
  csvOf,
  datapackageOf,
  EXPORTED_TABLES,
  writeHsdsDatapackage,
  type ExportedTable,
  type ExportProgress,
  type ExportResult,
} from './hsds-datapackage';
