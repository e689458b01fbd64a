import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HSDS_VERSION, type HsdsListFilter } from '@skillway/store/hsds';
import { HttpProblem, problemResponses } from '../../problems/problem';
import { hsdsFastifySchemas, hsdsPage } from './hsds-schemas';

/** Where the HSDS API profile lives (app.ts mounts this plugin there). */
export const HSDS_PREFIX = '/api/hsds';

const TAG = 'hsds';
const MAX_PER_PAGE = 200;
const Uuid = (description: string) => Type.String({ format: 'uuid', description });
const Id = Type.Object({ id: Uuid('The HSDS id (a UUID) of the record') });

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Page number, from 1' })),
  per_page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PER_PAGE,
      default: 50,
      description: `Items per page (at most ${MAX_PER_PAGE})`,
    }),
  ),
  format: Type.Optional(Type.Literal('json', { description: 'Only JSON is served' })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words in the name or description' })),
};
const listFilters = {
  ...paging,
  taxonomy_term_id: Type.Optional(Uuid('Records with this taxonomy term')),
  taxonomy_id: Type.Optional(Uuid('Records with any term of this taxonomy')),
  organization_id: Type.Optional(Uuid('Services of this organization')),
  modified_after: Type.Optional(
    Type.String({
      anyOf: [{ format: 'date-time' }, { format: 'date' }],
      description: 'Records changed on or after this date (ISO 8601)',
    }),
  ),
  full: Type.Optional(
    Type.Boolean({ default: false, description: 'Fully nested records instead of one-to-one fields' }),
  ),
};

/** No `full` on the list of services at locations: each is one GET /service_at_locations/{id} away. */
const { full: _full, ...placeFilters } = listFilters;

const filterOf = (q: {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: string;
}): HsdsListFilter => ({
  search: q.search,
  taxonomyTermId: q.taxonomy_term_id,
  taxonomyId: q.taxonomy_id,
  organizationId: q.organization_id,
  modifiedAfter: q.modified_after,
});
const pagingOf = (q: { page?: number; per_page?: number }) => ({ page: q.page ?? 1, perPage: q.per_page ?? 50 });
const ref = (id: string) => Type.Unsafe<unknown>({ $ref: `${id}#` });

const DESCRIPTION =
  'Open Referral HSDS 3.x API profile (https://openreferral.org/): every Skillway listing as an HSDS ' +
  'service, organisation listings also as organizations, their places as service_at_locations, and the ' +
  'categories, audiences, protection statuses, ISCO-08 and ESCO as taxonomies. Ids are UUIDs derived ' +
  'from Skillway ids and never change. Texts are in the language the listing was written in (attribute ' +
  '`text_language`); HSDS has one text per field, so translations are served by /api/v1 only. ' +
  'This service uses the ESCO classification of the European Commission.';

/**
 * /api/hsds: Skillway's listings read as HSDS. Read-only and public, like the listings themselves;
 * each answer is the HSDS shape of the copied schemas (the tests validate every one).
 */
const hsds: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const schema of hsdsFastifySchemas()) fastify.addSchema(schema);
  const directory = fastify.services.hsds;
  const cache = { cache: { maxAge: 60 } };

  fastify.get(
    '/',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: [TAG],
        summary: 'What this HSDS API is',
        description: DESCRIPTION,
        response: {
          200: Type.Object({
            version: Type.String({ description: 'HSDS version of this API' }),
            openapi_url: Type.String({ format: 'uri', description: 'The OpenAPI document of this API' }),
          }),
          ...problemResponses(429),
        },
      },
    },
    async (request) => ({
      version: HSDS_VERSION,
      openapi_url: `${request.protocol}://${request.host}/api/v1/openapi.json`,
    }),
  );

  fastify.get(
    '/services',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'Services (every listing), one-to-one fields, or fully nested with full=true',
        querystring: Type.Object(listFilters, { additionalProperties: false }),
        response: {
          200: Type.Unsafe(hsdsPage('hsds-service', 'A page of services (service_list items, or full services)')),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return q.full ? directory.fullServices(filterOf(q), pagingOf(q)) : directory.services(filterOf(q), pagingOf(q));
    },
  );

  fastify.get(
    '/services/:id',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'A fully nested service',
        params: Id,
        response: { 200: ref('hsds-service'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const service = await directory.service(request.params.id);
      if (!service) throw new HttpProblem(404, `There is no service with id "${request.params.id}".`);
      return service;
    },
  );

  fastify.get(
    '/organizations',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'Organizations (listings of kind organisation), one-to-one fields',
        querystring: Type.Object(
          {
            ...paging,
            taxonomy_term_id: listFilters.taxonomy_term_id,
            taxonomy_id: listFilters.taxonomy_id,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unsafe(hsdsPage('hsds-organization-list', 'A page of organizations')),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request) => directory.organizations(filterOf(request.query), pagingOf(request.query)),
  );

  fastify.get(
    '/organizations/:id',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'An organization with its services (one-to-one fields, or fully nested with full_service=true)',
        params: Id,
        querystring: Type.Object(
          { full_service: Type.Optional(Type.Boolean({ default: false, description: 'Fully nested services' })) },
          { additionalProperties: false },
        ),
        response: { 200: ref('hsds-organization-nested'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const organization = await directory.organization(request.params.id, request.query.full_service ?? false);
      if (!organization) throw new HttpProblem(404, `There is no organization with id "${request.params.id}".`);
      return organization;
    },
  );

  fastify.get(
    '/service_at_locations',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'Services at their places (one per place a listing names), one-to-one fields',
        querystring: Type.Object({ ...placeFilters }, { additionalProperties: false }),
        response: {
          200: Type.Unsafe(hsdsPage('hsds-service-at-location-list', 'A page of services at locations')),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request) => directory.servicesAtLocations(filterOf(request.query), pagingOf(request.query)),
  );

  fastify.get(
    '/service_at_locations/:id',
    {
      config: cache,
      schema: {
        tags: [TAG],
        summary: 'A service at a location, with its location and the fully nested service',
        params: Id,
        response: { 200: ref('hsds-service-at-location-nested'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const found = await directory.serviceAtLocation(request.params.id);
      if (!found) throw new HttpProblem(404, `There is no service_at_location with id "${request.params.id}".`);
      return found;
    },
  );

  fastify.get(
    '/taxonomies',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: [TAG],
        summary: 'The taxonomies of the terms services carry (Skillway vocabularies, ISCO-08, ESCO)',
        querystring: Type.Object(paging, { additionalProperties: false }),
        response: {
          200: Type.Unsafe(hsdsPage('hsds-taxonomy', 'A page of taxonomies')),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request) => directory.taxonomies(pagingOf(request.query), request.query.search),
  );

  fastify.get(
    '/taxonomies/:id',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: [TAG],
        summary: 'A taxonomy',
        params: Id,
        response: { 200: ref('hsds-taxonomy'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const taxonomy = directory.taxonomy(request.params.id);
      if (!taxonomy) throw new HttpProblem(404, `There is no taxonomy with id "${request.params.id}".`);
      return taxonomy;
    },
  );

  fastify.get(
    '/taxonomy_terms/:id',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: [TAG],
        summary: 'A taxonomy term',
        params: Id,
        response: { 200: ref('hsds-taxonomy-term'), ...problemResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const term = await directory.taxonomyTerm(request.params.id);
      if (!term) throw new HttpProblem(404, `There is no taxonomy term with id "${request.params.id}".`);
      return term;
    },
  );

  fastify.get(
    '/taxonomy_terms',
    {
      config: { cache: { maxAge: 3600 } },
      schema: {
        tags: [TAG],
        summary: 'Taxonomy terms (English names), all taxonomies in turn; ISCO-08 groups name their parent',
        querystring: Type.Object(
          {
            ...paging,
            taxonomy_id: listFilters.taxonomy_id,
            parent_id: Type.Optional(Uuid('Terms whose parent is this term (ISCO-08 groups)')),
            top_only: Type.Optional(Type.Boolean({ description: 'Only terms without a parent' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unsafe(hsdsPage('hsds-taxonomy-term', 'A page of taxonomy terms')),
          ...problemResponses(400, 429),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return directory.taxonomyTerms(
        { taxonomyId: q.taxonomy_id, parentId: q.parent_id, search: q.search, topOnly: q.top_only },
        pagingOf(q),
      );
    },
  );
};

export default hsds;
