import { env } from '$env/dynamic/private';
import type {
  ListingDetail,
  MatchRequest,
  MatchResponse,
  Problem,
  SearchQuery,
  SearchResponse,
  UiLanguage,
} from '@skillway/core';
import type { OccupationSuggestion } from '$lib/occupation';

/**
 * The only module that talks to the Skillway API. Everything the browser needs goes through this
 * server's own load functions and endpoints, so the browser never calls a second origin.
 */

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';
const REQUEST_TIMEOUT_MS = 10_000;

export function apiBaseUrl(): string {
  return (env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** An answer from the API that was not 2xx: keeps its problem+json so pages can show field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly path: string,
  ) {
    super(problem ? `${problem.title}: ${problem.detail}` : `API answered ${status} for ${path}`);
    this.name = 'ApiError';
  }
}

/** The API could not be reached at all (down, refused, timed out). */
export class ApiUnavailableError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`The API at ${apiBaseUrl()} did not answer ${path}`, { cause });
    this.name = 'ApiUnavailableError';
  }
}

export interface Term {
  value: string;
  label: string;
}

/**
 * GET /taxonomy?lang=: the vocabularies with labels in one UI language. (Its schema lives in the API,
 * not in core, so the shape is repeated here; moving TaxonomyResponseSchema to core would end that.)
 */
export interface TaxonomyResponse {
  lang: UiLanguage;
  countries: Term[];
  categories: Term[];
  audiences: Term[];
  kinds: Term[];
  costs: Term[];
  delivery: Term[];
  /** languages services are offered in (codes listings use) */
  languages: Term[];
}

export interface RequestContext {
  /** The visitor's address, passed on so the API's per-client rate limits see people, not this server. */
  clientAddress?: string;
  fetch?: typeof fetch;
}

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function call<T>(path: string, ctx: RequestContext, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (ctx.clientAddress) headers.set('x-forwarded-for', ctx.clientAddress);
  let response: Response;
  try {
    response = await (ctx.fetch ?? fetch)(`${apiBaseUrl()}/api/v1${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new ApiUnavailableError(path, cause);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // not JSON (a proxy's error page): the status alone has to do
    }
    throw new ApiError(response.status, problem, path);
  }
  return (await response.json()) as T;
}

export function search(query: SearchQuery, ctx: RequestContext = {}): Promise<SearchResponse> {
  return call<SearchResponse>(`/search${toQueryString(query)}`, ctx);
}

export function getListing(id: string, ctx: RequestContext = {}): Promise<ListingDetail> {
  return call<ListingDetail>(`/listings/${encodeURIComponent(id)}`, ctx);
}

export function getTaxonomy(lang: UiLanguage, ctx: RequestContext = {}): Promise<TaxonomyResponse> {
  return call<TaxonomyResponse>(`/taxonomy${toQueryString({ lang })}`, ctx);
}

export function suggestOccupations(
  q: string,
  lang: UiLanguage,
  limit: number,
  ctx: RequestContext = {},
): Promise<OccupationSuggestion[]> {
  const path = `/taxonomy/occupations${toQueryString({ q, lang, limit })}`;
  return call<{ occupations: OccupationSuggestion[] }>(path, ctx).then((r) => r.occupations);
}

export function match(request: MatchRequest, ctx: RequestContext = {}): Promise<MatchResponse> {
  return call<MatchResponse>('/match', ctx, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}
