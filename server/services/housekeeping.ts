import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { deleteLoginAttemptsBefore } from '../repositories/login-attempts';
import { deleteQcContactsDue } from '../repositories/qc-contacts';
import { deleteBucketsResetBefore } from '../repositories/rate-buckets';
import { deleteRateEventsBefore } from '../repositories/rate-events';
import { deleteSessionsExpiredBefore } from '../repositories/sessions';
import { purgeQc } from './qc/retention';

const DAY = 86_400_000;

/**
 * Deletes what must not be kept: QC phone numbers past their visit's QC period (DESIGN §6),
 * rate-limit bookkeeping older than a day, and sessions a week past expiry. Every query is a
 * range delete on an indexed time column; safe to run from every instance.
 */
export async function purgeExpired(db: Kysely<Database>, now: number) {
	const qcContacts = await deleteQcContactsDue(db, now);
	// Calls whose number is now gone can no longer be made (services/qc/retention.ts).
	const { expiredCalls } = await purgeQc(db, now);
	await deleteLoginAttemptsBefore(db, now - DAY);
	await deleteRateEventsBefore(db, now - DAY);
	await deleteBucketsResetBefore(db, now);
	await deleteSessionsExpiredBefore(db, now - 7 * DAY);
	return { qcContacts, qcCallsExpired: expiredCalls };
}
