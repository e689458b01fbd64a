import type { Kysely, Selectable } from 'kysely';
import type { FieldChange } from '@skillway/core';
import type { AuditLogTable, DB } from '../database';

export const AUDIT_ACTIONS = [
  'user.signup',
  'user.create',
  'user.password-change',
  'user.password-reset',
  'user.email-verified',
  'submission.create',
  'submission.update',
  'submission.approve',
  'submission.reject',
  'claim.create',
  'claim.confirm-by-domain',
  'claim.approve',
  'claim.reject',
  'owner.revoke',
  'listing.confirm',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actor_id: number | null;
  action: AuditAction;
  subject_type: 'user' | 'submission' | 'listing';
  subject_id: string | number;
  changes: readonly FieldChange[];
  at: string;
}

export async function appendAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actor_id,
      action: entry.action,
      subject_type: entry.subject_type,
      subject_id: String(entry.subject_id),
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

export interface AuditRecord extends Omit<Selectable<AuditLogTable>, 'changes'> {
  changes: FieldChange[];
}

export interface AuditFilter {
  subject_type?: AuditEntry['subject_type'];
  subject_id?: string | number;
  actor_id?: number;
  limit?: number;
}

/** Newest first. */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter = {}): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .$if(filter.subject_type !== undefined, (q) => q.where('subject_type', '=', filter.subject_type!))
    .$if(filter.subject_id !== undefined, (q) => q.where('subject_id', '=', String(filter.subject_id)))
    .$if(filter.actor_id !== undefined, (q) => q.where('actor_id', '=', filter.actor_id!))
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map((row) => ({ ...row, changes: JSON.parse(row.changes) as FieldChange[] }));
}
