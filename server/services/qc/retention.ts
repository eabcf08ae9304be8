/**
 * Retention of QC phone numbers (DESIGN §6): a number is deleted when its visit's QC period
 * (QC_PERIOD_DAYS after the visit) ends or when its call is completed, whichever comes first.
 * Completion deletes it in the outcome's own transaction (calls.ts); the period end is the
 * housekeeping purge (services/housekeeping.ts → deleteQcContactsDue). A visit that was not
 * selected keeps its number until the period ends, because a later denial or full review of
 * its clerk or office may still put it on the list. Calls that can no longer be made (their
 * number is gone) are closed as `expired`; a citizen's report stays open without a number.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { expireUncallableCalls } from '../../repositories/qc-calls';

export async function purgeQc(db: Kysely<Database>, now: number) {
	const expiredCalls = await expireUncallableCalls(db, now);
	return { expiredCalls };
}
