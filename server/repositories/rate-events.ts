import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';

export async function insertRateEvent(db: Kysely<Database>, scope: string, key: string, at: number) {
	await db.insertInto('rate_event').values({ id: uuidv7(), scope, key, at }).execute();
}

/** Times of this scope's events for this key since `since`, oldest first. */
export function rateEventsSince(db: Kysely<Database>, scope: string, key: string, since: number) {
	return db
		.selectFrom('rate_event')
		.select('at')
		.where('scope', '=', scope)
		.where('key', '=', key)
		.where('at', '>', since)
		.orderBy('at')
		.execute()
		.then((rows) => rows.map((r) => Number(r.at)));
}

export async function deleteRateEventsBefore(db: Kysely<Database>, before: number) {
	await db.deleteFrom('rate_event').where('at', '<', before).execute();
}
