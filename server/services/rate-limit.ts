/**
 * Rate limits kept in the database as counter rows (server/repositories/rate-buckets.ts), so they
 * hold across instances. An attempt is counted before the work it limits, in one atomic upsert:
 * a batch, a burst of parallel requests or a second server all draw from the same count.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { bumpBucket, unbumpBucket } from '../repositories/rate-buckets';

export { clientKey } from '../../src/lib/domain/client-key';

export interface Limit {
	max: number;
	windowMs: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSec: number };

/** Counts one attempt; refused when that makes more than `limit.max` in the window. */
export async function take(db: Kysely<Database>, scope: string, key: string, limit: Limit, now: number): Promise<Take> {
	const { count, resetAt } = await bumpBucket(db, scope, key, limit.windowMs, now);
	if (count <= limit.max) return { ok: true };
	return { ok: false, retryAfterSec: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
}

/** Gives one counted attempt back, when it turned out to be legitimate (a right password, a good code). */
export function giveBack(db: Kysely<Database>, scope: string, key: string): Promise<void> {
	return unbumpBucket(db, scope, key);
}
