import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Counts one event and returns the count including it, in one statement: concurrent callers
 * (other requests, other instances) each get their own number, so exactly `max` of them can
 * see a count within the limit. An expired window starts again at one.
 */
export function bumpBucket(db: Kysely<Database>, scope: string, key: string, windowMs: number, now: number) {
	return db
		.insertInto('rate_bucket')
		.values({ scope, key, count: 1, reset_at: now + windowMs })
		.onConflict((oc) =>
			oc.columns(['scope', 'key']).doUpdateSet({
				count: sql`case when rate_bucket.reset_at <= ${now} then 1 else rate_bucket.count + 1 end`,
				reset_at: sql`case when rate_bucket.reset_at <= ${now} then ${now + windowMs} else rate_bucket.reset_at end`
			})
		)
		.returning(['count', 'reset_at'])
		.executeTakeFirstOrThrow()
		.then((r) => ({ count: Number(r.count), resetAt: Number(r.reset_at) }));
}

/** Takes back one counted event (work that turned out to be legitimate). */
export async function unbumpBucket(db: Kysely<Database>, scope: string, key: string) {
	await db
		.updateTable('rate_bucket')
		.set({ count: sql`count - 1` })
		.where('scope', '=', scope)
		.where('key', '=', key)
		.where('count', '>', 0)
		.execute();
}

export async function deleteBucket(db: Kysely<Database>, scope: string, key: string) {
	await db.deleteFrom('rate_bucket').where('scope', '=', scope).where('key', '=', key).execute();
}

/** Deletes every bucket of `scope` whose key starts with `prefix` (matched literally). */
export async function deleteBucketsStartingWith(db: Kysely<Database>, scope: string, prefix: string) {
	const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
	await db
		.deleteFrom('rate_bucket')
		.where('scope', '=', scope)
		.where(sql<boolean>`key like ${escaped + '%'} escape '\\'`)
		.execute();
}

/** Live buckets of `scope` for these keys whose count has reached `atLeast`. */
export function fullBuckets(db: Kysely<Database>, scope: string, keys: readonly string[], atLeast: number, now: number) {
	if (keys.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('rate_bucket')
		.select(['key', 'count', 'reset_at'])
		.where('scope', '=', scope)
		.where('key', 'in', keys)
		.where('count', '>=', atLeast)
		.where('reset_at', '>', now)
		.execute()
		.then((rows) => rows.map((r) => ({ key: r.key, count: Number(r.count), resetAt: Number(r.reset_at) })));
}

export async function deleteBucketsResetBefore(db: Kysely<Database>, before: number) {
	await db.deleteFrom('rate_bucket').where('reset_at', '<', before).execute();
}
