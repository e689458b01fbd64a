import { error, fail, redirect } from '@sveltejs/kit';
import { REJECTION_REASON_MAX_LENGTH } from '@skillway/core';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { localizePath } from '$lib/i18n/routing';
import { LISTING_FIELDS } from '$lib/listing-form/listing-form';
import {
  ApiError,
  ApiUnavailableError,
  approveSubmission,
  getModerationSubmission,
  rejectSubmission,
} from '$lib/server/api';
import { rethrowApiFailure } from '$lib/server/problem-errors';
import { requireModerator, userContext } from '$lib/server/session';
import { languageNames } from '$lib/server/vocabulary';
import { languageCodes } from '../../listing-display';

/** The API's rule for a reason (RejectBodySchema): at least 3 characters, not only spaces. */
const REASON_MIN_LENGTH = 3;

function submissionId(raw: string): number {
  const id = Number(raw);
  if (!/^[1-9][0-9]{0,15}$/.test(raw) || !Number.isSafeInteger(id)) error(404, { message: m.error_not_found() });
  return id;
}

export const load = (async (event) => {
  const session = await requireModerator(event);
  event.setHeaders({ 'cache-control': 'private, no-store' });
  const locale = event.locals.locale;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const ctx = userContext(event, session);
  try {
    const submission = await getModerationSubmission(submissionId(event.params.id), ctx);
    // Fields in the order of the form, whatever order the API listed them in.
    const order = (field: string) => {
      const i = (LISTING_FIELDS as readonly string[]).indexOf(field);
      return i < 0 ? LISTING_FIELDS.length : i;
    };
    const changes = [...submission.changes].sort((a, b) => order(a.field) - order(b.field));
    const proposed = Object.entries(submission.content)
      .map(([field, value]) => ({ field, value }))
      .sort((a, b) => order(a.field) - order(b.field));
    const codes = [...languageCodes(changes), ...submission.content.languages];
    return {
      submission: {
        id: submission.id,
        type: submission.type,
        status: submission.status,
        name: submission.content.name,
        listingId: submission.listing_id,
        reason: submission.reason,
        by: submission.submitted_by,
        sentOn: `${date.format(new Date(submission.created_at))} UTC`,
        liveChanged: submission.live_changed_since_submitted,
      },
      changes,
      proposed,
      languages: await languageNames(codes, locale, ctx),
      reasonMin: REASON_MIN_LENGTH,
      reasonMax: REJECTION_REASON_MAX_LENGTH,
    };
  } catch (e) {
    rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
  }
}) satisfies PageServerLoad;

/** A decision the API refuses: reviewed meanwhile (409), or not reachable. */
function refused(e: unknown, reason = '') {
  if (e instanceof ApiError && e.status === 409) {
    return fail(409, { reason, issue: null, other: m.moderation_already_reviewed() });
  }
  if (e instanceof ApiError && e.status === 400) {
    return fail(400, { reason, issue: e.problem?.errors?.[0]?.reason ?? m.form_error_invalid(), other: null });
  }
  if (e instanceof ApiError && e.status !== 404 && e.status !== 403 && e.status !== 401) {
    return fail(502, { reason, issue: null, other: m.error_unavailable() });
  }
  if (e instanceof ApiUnavailableError) return fail(503, { reason, issue: null, other: m.error_unavailable() });
  rethrowApiFailure(e, { notFound: m.error_not_found(), unavailable: m.error_unavailable() });
}

export const actions = {
  approve: async (event) => {
    const session = await requireModerator(event);
    let listingId: string | null;
    try {
      listingId = (await approveSubmission(submissionId(event.params.id), userContext(event, session))).listing_id;
    } catch (e) {
      return refused(e);
    }
    redirect(303, localizePath(listingId ? `/moderation?approved=${listingId}` : '/moderation', event.locals.locale));
  },
  reject: async (event) => {
    const session = await requireModerator(event);
    const data = await event.request.formData();
    const reason = String(data.get('reason') ?? '').trim();
    const length = [...reason].length;
    if (length < REASON_MIN_LENGTH) {
      return fail(400, { reason, issue: m.moderation_reason_required({ min: REASON_MIN_LENGTH }), other: null });
    }
    if (length > REJECTION_REASON_MAX_LENGTH) {
      return fail(400, { reason, issue: m.form_error_too_long({ limit: REJECTION_REASON_MAX_LENGTH }), other: null });
    }
    try {
      await rejectSubmission(submissionId(event.params.id), reason, userContext(event, session));
    } catch (e) {
      return refused(e, reason);
    }
    redirect(303, localizePath('/moderation?rejected', event.locals.locale));
  },
} satisfies Actions;
