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

/**
 * Buckets the database has already answered "over the limit" for, per database, remembered for a
 * few seconds: a flood from one client is then refused without a write per request (on
 * PostgreSQL, hundreds of upserts of one hot row queue up and hold the pool for everyone). Only
 * refusals are remembered, so this never lets anything through that the database would refuse;
 * a lift on another instance reaches this one within REFUSAL_MEMORY_MS.
 */
export const REFUSAL_MEMORY_MS = 10_000;
const REFUSAL_MEMORY_MAX = 10_000;
const refusals = new WeakMap<object, Map<string, { until: number; resetAt: number }>>();
const memoKey = (scope: string, key: string) => `${scope}\u0000${key}`;

function memoryOf(db: Kysely<Database>) {
	let memory = refusals.get(db);
	if (!memory) refusals.set(db, (memory = new Map()));
	return memory;
}

const wait = (resetAt: number, now: number) => Math.max(1, Math.ceil((resetAt - now) / 1000));

interface InFlight {
	count: number;
	latest: Promise<{ count: number; resetAt: number }>;
}
const inFlight = new WeakMap<object, Map<string, InFlight>>();

/** Counts one attempt; refused when that makes more than `limit.max` in the window. */
export async function take(db: Kysely<Database>, scope: string, key: string, limit: Limit, now: number): Promise<Take> {
	const memory = memoryOf(db);
	const id = memoKey(scope, key);
	const known = memory.get(id);
	if (known && known.until > now) return { ok: false, retryAfterSec: wait(known.resetAt, now) };
	if (known) memory.delete(id);

	let pending = inFlight.get(db);
	if (!pending) inFlight.set(db, (pending = new Map()));
	const flying = pending.get(id);
	// `max` attempts of this bucket are being counted by this process right now: every one of
	// them adds one, so this one would be over the limit. It is refused without another write,
	// with the window the last of them learns (a burst costs at most `max` writes per process).
	if (flying && flying.count >= limit.max) {
		const { resetAt } = await flying.latest;
		return { ok: false, retryAfterSec: wait(resetAt, now) };
	}
	const bump = bumpBucket(db, scope, key, limit.windowMs, now);
	const entry = flying ?? { count: 0, latest: bump };
	entry.count++;
	entry.latest = bump;
	pending.set(id, entry);
	let result: { count: number; resetAt: number };
	try {
		result = await bump;
	} finally {
		if (--entry.count === 0 && pending.get(id) === entry) pending.delete(id);
	}
	const { count, resetAt } = result;
	if (count <= limit.max) return { ok: true };
	// Oldest first out when full: a flood of distinct keys cannot grow this without bound.
	if (memory.size >= REFUSAL_MEMORY_MAX) memory.delete(memory.keys().next().value!);
	memory.set(id, { until: Math.min(resetAt, now + REFUSAL_MEMORY_MS), resetAt });
	return { ok: false, retryAfterSec: wait(resetAt, now) };
}

/** Forgets remembered refusals of `scope` whose key is `key` or, with `prefix`, starts with it. */
export function forgetRefusals(db: Kysely<Database>, scope: string, key: string, prefix = false) {
	const memory = memoryOf(db);
	const target = memoKey(scope, key);
	for (const k of [...memory.keys()]) if (prefix ? k.startsWith(target) : k === target) memory.delete(k);
}

/** Gives one counted attempt back, when it turned out to be legitimate (a right password, a good code). */
export function giveBack(db: Kysely<Database>, scope: string, key: string): Promise<void> {
	return unbumpBucket(db, scope, key);
}
