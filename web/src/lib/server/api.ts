import {
  CSRF_HEADER,
  SESSION_COOKIE,
  type ListingDetail,
  type ListingInput,
  type ListingRef,
  type LoginBody,
  type MatchRequest,
  type MatchResponse,
  type OccupationNamesResponse,
  type Freshness,
  type OccupationSuggestion,
  type OccupationSuggestResponse,
  type ModerationQueue,
  type ModerationSubmission,
  type PasswordChangeBody,
  type Problem,
  type SearchQuery,
  type SearchResponse,
  type Session,
  type SignupBody,
  type Submission,
  type TaxonomyResponse,
  type Term,
  type UiLanguage,
} from '@skillway/core';
import { DEFAULT_API_URL, webConfig } from './config';
import { apiHttp, type ApiHttpAnswer } from './api-http';

/**
 * The only module that talks to the Skillway API. Everything the browser needs goes through this
 * server's own load functions and endpoints, so the browser never calls a second origin.
 */

export { DEFAULT_API_URL };
/** Response types come from core's schemas, the ones the API validates and documents: never retyped here. */
export type { TaxonomyResponse, Term };
const REQUEST_TIMEOUT_MS = 10_000;

export function apiBaseUrl(): string {
  return webConfig().apiUrl;
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

export interface RequestContext {
  /** The visitor's address, passed on so the API's per-client rate limits see people, not this server. */
  clientAddress?: string;
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

async function call<T>(path: string, ctx: RequestContext, init: SendInit = {}): Promise<T> {
  return JSON.parse((await send(path, ctx, init)).text) as T;
}

interface SendInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request to the API: a 2xx answer, else ApiError (with the problem) or ApiUnavailableError. */
async function send(path: string, ctx: RequestContext, init: SendInit = {}): Promise<ApiHttpAnswer> {
  const headers: Record<string, string> = {
    ...init.headers,
    accept: 'application/json',
    // Uncompressed: inflating every answer costs the web server more CPU (~5% of a search page's) than
    // the bytes cost between two servers on one host or network. Browsers still get gzip from us.
    'accept-encoding': 'identity',
  };
  if (ctx.clientAddress) headers['x-forwarded-for'] = ctx.clientAddress;
  let answer: ApiHttpAnswer;
  try {
    answer = await apiHttp(`${apiBaseUrl()}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  } catch (cause) {
    throw new ApiUnavailableError(path, cause);
  }
  if (answer.status < 200 || answer.status > 299) {
    let problem: Problem | null = null;
    try {
      problem = JSON.parse(answer.text) as Problem;
    } catch {
      // not JSON (a proxy's error page): the status alone has to do
    }
    throw new ApiError(answer.status, problem, path);
  }
  return answer;
}

/** The Set-Cookie lines of an answer (for the browser). */
export function setCookiesOf(answer: ApiHttpAnswer): string[] {
  return answer.headers['set-cookie'] ?? [];
}

/**
 * GET /search. `lang` is required: it is the reader's language, in which the API reads the words and
 * labels what it understood, so no page can forget it.
 */
export function search(query: SearchQuery & { lang: UiLanguage }, ctx: RequestContext = {}): Promise<SearchResponse> {
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
  return call<OccupationSuggestResponse>(path, ctx).then((r) => r.occupations);
}

/** GET /listings/:id/freshness: core's schema, as the API answers it. */
export type ListingFreshness = Freshness;

/** When a listing was last confirmed by its provider and checked by us. */
export function getFreshness(id: string, ctx: RequestContext = {}): Promise<ListingFreshness> {
  return call<ListingFreshness>(`/listings/${encodeURIComponent(id)}/freshness`, ctx);
}

/** Names of ISCO-08 codes and ESCO occupation URIs in `lang` (English where there is none). */
export async function occupationNames(
  refs: readonly string[],
  lang: UiLanguage,
  ctx: RequestContext = {},
): Promise<Record<string, string>> {
  if (refs.length === 0) return {};
  const path = `/taxonomy/occupations/names${toQueryString({ ref: [...refs].slice(0, 50), lang })}`;
  const { names } = await call<OccupationNamesResponse>(path, ctx);
  return Object.fromEntries(names.map((n) => [n.ref, n.label]));
}

/** POST /match; `lang` is required: the reasons and labels come back in the reader's language. */
export function match(request: MatchRequest & { lang: UiLanguage }, ctx: RequestContext = {}): Promise<MatchResponse> {
  return call<MatchResponse>('/match', ctx, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

/*
 * Accounts, submissions and moderation: calls made for a signed-in visitor. The visitor's session
 * cookie is passed through as it came, and what the API sets (sign-in, sign-out) goes back to the
 * browser, so this server keeps no session state of its own.
 */

export interface UserContext extends RequestContext {
  /** the value of the visitor's session cookie */
  sessionToken?: string;
  /** the session's CSRF token (GET /me or sign-in answers it): the API wants it on every write */
  csrfToken?: string;
}

/** An answer and the Set-Cookie lines that came with it (for the browser). */
export interface WithCookies<T> {
  body: T;
  setCookies: string[];
}

async function callAsUser<T>(
  path: string,
  ctx: UserContext,
  init: { method?: string; body?: unknown } = {},
): Promise<WithCookies<T>> {
  const headers: Record<string, string> = {};
  if (ctx.sessionToken) headers.cookie = `${SESSION_COOKIE}=${ctx.sessionToken}`;
  const method = init.method ?? 'GET';
  if (method !== 'GET' && ctx.csrfToken) headers[CSRF_HEADER] = ctx.csrfToken;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const answer = await send(path, ctx, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { body: (answer.text ? JSON.parse(answer.text) : undefined) as T, setCookies: setCookiesOf(answer) };
}

const post = <T>(path: string, ctx: UserContext, body?: unknown) =>
  callAsUser<T>(path, ctx, { method: 'POST', body }).then((r) => r.body);

export function signUp(body: SignupBody, ctx: RequestContext = {}): Promise<WithCookies<Session>> {
  return callAsUser<Session>('/auth/signup', ctx, { method: 'POST', body });
}

export function signIn(body: LoginBody, ctx: RequestContext = {}): Promise<WithCookies<Session>> {
  return callAsUser<Session>('/auth/login', ctx, { method: 'POST', body });
}

export function signOut(ctx: UserContext): Promise<WithCookies<undefined>> {
  return callAsUser<undefined>('/auth/logout', ctx, { method: 'POST' });
}

export function changePassword(body: PasswordChangeBody, ctx: UserContext): Promise<void> {
  return post<void>('/auth/password', ctx, body);
}

/** Who the session cookie belongs to (ApiError 401 when it is unknown, revoked or expired). */
export function getMe(ctx: UserContext): Promise<Session> {
  return callAsUser<Session>('/me', ctx).then((r) => r.body);
}

export function listMyListings(ctx: UserContext): Promise<ListingRef[]> {
  return callAsUser<{ items: ListingRef[] }>('/me/listings', ctx).then((r) => r.body.items);
}

export function listMySubmissions(ctx: UserContext): Promise<Submission[]> {
  return callAsUser<{ items: Submission[] }>('/submissions', ctx).then((r) => r.body.items);
}

export function getMySubmission(id: number, ctx: UserContext): Promise<Submission> {
  return callAsUser<Submission>(`/submissions/${id}`, ctx).then((r) => r.body);
}

export function submitListing(input: ListingInput, ctx: UserContext): Promise<Submission> {
  return post<Submission>('/submissions', ctx, input);
}

export function updateSubmission(id: number, input: ListingInput, ctx: UserContext): Promise<Submission> {
  return callAsUser<Submission>(`/submissions/${id}`, ctx, { method: 'PUT', body: input }).then((r) => r.body);
}

export function proposeListingEdit(listingId: string, input: ListingInput, ctx: UserContext): Promise<Submission> {
  return post<Submission>(`/listings/${encodeURIComponent(listingId)}/revisions`, ctx, input);
}

export function getModerationQueue(ctx: UserContext): Promise<ModerationQueue> {
  return callAsUser<ModerationQueue>('/moderation/queue', ctx).then((r) => r.body);
}

export function getModerationSubmission(id: number, ctx: UserContext): Promise<ModerationSubmission> {
  return callAsUser<ModerationSubmission>(`/moderation/submissions/${id}`, ctx).then((r) => r.body);
}

export function approveSubmission(id: number, ctx: UserContext): Promise<Submission> {
  // No body at all: the route takes none, and an empty JSON body with a content-type would be refused.
  return post<Submission>(`/moderation/submissions/${id}/approve`, ctx);
}

export function rejectSubmission(id: number, reason: string, ctx: UserContext): Promise<Submission> {
  return post<Submission>(`/moderation/submissions/${id}/reject`, ctx, { reason });
}
