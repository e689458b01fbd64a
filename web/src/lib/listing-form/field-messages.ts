import { m } from '$lib/paraglide/messages';
import type { FormField, Issue } from './listing-form';

/** Short names of the listing fields, in the UI language: error summaries and the moderator's diff. */
export function fieldName(field: FormField | 'checked_at'): string {
  switch (field) {
    case 'kind':
      return m.field_kind();
    case 'text_lang':
      return m.field_text_lang();
    case 'name':
      return m.field_name();
    case 'organisation':
      return m.field_organisation();
    case 'countries':
      return m.field_countries();
    case 'city':
      return m.field_city();
    case 'summary':
      return m.field_summary();
    case 'categories':
      return m.field_categories();
    case 'audiences':
      return m.field_audiences();
    case 'occupation_lookup':
      return m.field_occupation_lookup();
    case 'occupations':
      return m.field_occupations();
    case 'skills':
      return m.field_skills();
    case 'languages':
      return m.field_languages();
    case 'cost':
      return m.field_cost();
    case 'delivery':
      return m.field_delivery();
    case 'url':
      return m.field_url();
    case 'source_url':
      return m.field_source_url();
    case 'active':
      return m.field_active();
    case 'eligibility_statuses':
      return m.listing_info_eligibility();
    case 'eligibility_note':
      return m.listing_form_eligibility_note();
    case 'documents':
      return m.listing_info_documents();
    case 'how_to_apply':
      return m.listing_info_how_to_apply();
    case 'fees':
      return m.listing_info_fees();
    case 'hours_note':
      return m.listing_info_hours();
    case 'address':
      return m.field_address();
    case 'postcode':
      return m.field_postcode();
    case 'phone':
      return m.field_phone();
    case 'email':
      return m.field_email();
    case 'checked_at':
      return m.field_checked_at();
  }
}

/** What is wrong with a value that breaks its pattern or format, said for the field it is in. */
function invalidMessage(field: FormField, value: string): string {
  switch (field) {
    case 'url':
    case 'source_url':
      return m.form_error_url();
    case 'email':
      return m.form_error_email();
    case 'phone':
      return m.form_error_phone();
    case 'languages':
      return m.form_error_language({ value });
    case 'occupations':
      return m.form_error_occupation({ value });
    case 'skills':
      return m.form_error_skill({ value });
    case 'organisation':
      return m.form_error_organisation_id();
    default:
      return m.form_error_invalid();
  }
}

/** An issue in words, in the UI language (the API's own reasons stay as it wrote them). */
export function issueMessage(field: FormField, issue: Issue): string {
  switch (issue.code) {
    case 'required':
      return m.form_error_required();
    case 'too_short':
      return m.form_error_too_short({ limit: issue.limit ?? 0 });
    case 'too_long':
      return m.form_error_too_long({ limit: issue.limit ?? 0 });
    case 'too_few':
      return m.form_error_choose();
    case 'too_many':
      return m.form_error_too_many({ limit: issue.limit ?? 0 });
    case 'repeated':
      return m.form_error_repeated({ value: issue.value ?? '' });
    case 'invalid':
      return invalidMessage(field, issue.value ?? '');
    case 'organisation_on_organisation':
      return m.form_error_organisation_on_org();
    case 'occupation_unknown':
      return m.form_error_occupation_unknown({ value: issue.value ?? '' });
    case 'occupation_choose':
      return m.form_error_occupation_choose({ value: issue.value ?? '' });
    case 'api':
      return issue.reason ?? m.form_error_invalid();
  }
}
