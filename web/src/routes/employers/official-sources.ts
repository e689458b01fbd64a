import type { Country } from '@skillway/core';

/**
 * Where an employer checks a refugee's right to work: the public bodies in the directory (public
 * employment services and government portals) whose listing says they serve refugees and employers on
 * work, or guides public bodies publish for employers. Chosen by hand from data/listings.json on 2026-12-06 and only ids that exist there; a listing
 * that is gone is left out when the page is built, and a country with none says so — nothing is added
 * that the data does not hold.
 */
export const RIGHT_TO_WORK_SOURCES: Partial<Record<Country, readonly string[]>> = {
  BE: ['be-vdab', 'be-le-forem', 'be-actiris'],
  HU: ['hu-national-employment-service'],
  IE: ['ie-intreo', 'ie-ihrec-employing-international-protection-applicants'],
  IT: ['it-integrazione-migranti-portal', 'it-centri-per-impiego'],
  NL: ['nl-uwv'],
  SK: ['sk-upsvar', 'sk-migration-office-labour-integration'],
  SI: ['si-zrsz', 'si-infotujci'],
  ES: ['es-sef-murcia-refugee-protocol'],
  GB: ['gb-jobcentre-plus', 'gb-refugee-employability-programme'],
};
