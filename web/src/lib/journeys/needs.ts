import type { Category } from '@skillway/core';
import type { NeedIcon } from './need-icons';

/**
 * What people come for, as the vocabulary's categories: the home page's tiles for refugees and the
 * employer page's tiles. A need is a search, so every tile is a plain link (no occupation needed).
 */
export interface Need {
  id: NeedIcon;
  categories: readonly Category[];
}

export const REFUGEE_NEEDS: readonly Need[] = [
  { id: 'recognition', categories: ['qualification-recognition'] },
  { id: 'skills', categories: ['skills-assessment', 'validation-of-prior-learning'] },
  { id: 'language', categories: ['language-training'] },
  { id: 'training', categories: ['vocational-training'] },
  { id: 'job', categories: ['job-matching', 'career-guidance'] },
  { id: 'mentor', categories: ['mentoring'] },
  { id: 'business', categories: ['entrepreneurship'] },
];

/** The search page's address for a refugee need. */
export function needSearchPath(need: Need): string {
  const params = new URLSearchParams();
  for (const category of need.categories) params.append('category', category);
  return `/search?${params}`;
}

/**
 * Employers' needs, all among services for employers (audience `employers`). The vocabulary has no
 * "subsidy" or "right to work" category: subsidies are employer support whose text speaks of them
 * (`words`, ranked by the search), the right to work is information for employers, beside the public
 * bodies the employer page names.
 */
export const EMPLOYER_NEEDS = ['hire', 'right-to-work', 'subsidies', 'partners'] as const;
export type EmployerNeed = (typeof EMPLOYER_NEEDS)[number];
export const EMPLOYER_NEED_SEARCH: Record<EmployerNeed, { categories: readonly Category[]; words?: string }> = {
  hire: { categories: ['employer-support', 'job-matching'] },
  'right-to-work': { categories: ['information'] },
  subsidies: { categories: ['employer-support'], words: 'subsidy wage support grant funding' },
  partners: { categories: ['mentoring'] },
};
