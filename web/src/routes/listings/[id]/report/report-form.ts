/**
 * The report form's fields and their checks, the same the API makes (store/src/reports): what is wrong
 * (a choice), in words (required for "other"), and an address for a reply (optional).
 */
export const REPORT_CHOICES = ['contact', 'address', 'closed', 'details', 'link', 'other'] as const;
export type ReportChoice = (typeof REPORT_CHOICES)[number];
export const DETAILS_MAX = 2000;
export const EMAIL_MAX = 254;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

export interface ReportFormValues {
  problem: string;
  details: string;
  email: string;
}
export type ReportFormField = keyof ReportFormValues;
export type ReportFormError = 'required' | 'too-long' | 'email';

export function readReportForm(data: FormData): ReportFormValues {
  const text = (name: string) => String(data.get(name) ?? '').trim();
  return { problem: text('problem'), details: text('details'), email: text('email') };
}

/** The fields at fault; empty when the report can be sent. */
export function checkReportForm(values: ReportFormValues): Partial<Record<ReportFormField, ReportFormError>> {
  const errors: Partial<Record<ReportFormField, ReportFormError>> = {};
  if (!(REPORT_CHOICES as readonly string[]).includes(values.problem)) errors.problem = 'required';
  if ([...values.details].length > DETAILS_MAX) errors.details = 'too-long';
  else if (values.problem === 'other' && !values.details) errors.details = 'required';
  if (values.email && (values.email.length > EMAIL_MAX || !EMAIL.test(values.email))) errors.email = 'email';
  return errors;
}
