import type { ReportProblem } from './report.table';

/**
 * The e-mail that tells a listing's owner about a report. Accounts do not record a language yet, so
 * the mail is in English (issue 17: "in their language if known, else English"); the reporter's own
 * words are quoted as they were written.
 */
const PROBLEM_TEXT: Record<ReportProblem, string> = {
  contact: 'the phone number or e-mail address is wrong',
  address: 'the address or place is wrong',
  closed: 'the service has closed or no longer runs',
  details: 'the description, cost or conditions are wrong',
  link: 'the website link does not work',
  other: 'something else is wrong',
};

export function ownerReportMail(input: {
  listingName: string;
  listingId: string;
  problem: ReportProblem;
  details: string | null;
  webUrl: string;
}): { subject: string; text: string } {
  const web = input.webUrl.replace(/\/+$/, '');
  const lines = [
    `Someone using Skillway reported a problem with "${input.listingName}", which you manage:`,
    '',
    `  ${PROBLEM_TEXT[input.problem]}.`,
  ];
  if (input.details) lines.push('', 'In their words:', '', ...input.details.split('\n').map((l) => `  > ${l}`));
  lines.push(
    '',
    'If it needs a change, please propose the corrected listing here:',
    `${web}/provider`,
    '',
    `The listing: ${web}/listings/${encodeURIComponent(input.listingId)}`,
    '',
    'A Skillway moderator sees the report too. You get this e-mail because you manage the listing on Skillway.',
  );
  return { subject: `A problem was reported with "${input.listingName}" on Skillway`, text: lines.join('\n') };
}
