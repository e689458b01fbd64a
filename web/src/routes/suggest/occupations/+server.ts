import { error, json } from '@sveltejs/kit';
import { isUiLanguage } from '@skillway/core';
import type { RequestHandler } from './$types';
import { ApiError, suggestOccupations } from '$lib/server/api';

const MAX_QUERY = 100;
const LIMIT = 8;

/**
 * Same-origin autocomplete for the occupation fields: the browser asks this server, which asks the
 * API. Only label and ISCO code travel back, to keep each keystroke's answer small.
 */
export const GET: RequestHandler = async ({ url, getClientAddress }) => {
  const q = (url.searchParams.get('q') ?? '').trim();
  const lang = url.searchParams.get('lang') ?? 'en';
  if (!isUiLanguage(lang)) error(400, { message: `lang: "${lang}" is not a UI language` });
  if (q.length > MAX_QUERY) error(400, { message: `q: longer than ${MAX_QUERY} characters` });
  if (q.length < 2) return json([]);
  try {
    const suggestions = await suggestOccupations(q, lang, LIMIT, { clientAddress: getClientAddress() });
    return json(
      suggestions.map((s) => ({ label: s.label, code: s.isco_code })),
      { headers: { 'cache-control': 'public, max-age=3600' } },
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) error(400, { message: e.problem?.detail ?? e.message });
    error(503, { message: 'occupation suggestions are not available right now' });
  }
};
