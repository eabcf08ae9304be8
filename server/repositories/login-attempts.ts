import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../db/schema';

export async function insertLoginAttempt(db: Kysely<Database>, username: string, ip: string, at: number, ok: boolean) {
	await db.insertInto('login_attempt').values({ id: uuidv7(), username, ip, at, ok: ok ? 1 : 0 }).execute();
}

/** Times of failed logins for this username from this address since `since`, oldest first. */
export function failuresOf(db: Kysely<Database>, username: string, ip: string, since: number) {
	return db
		.selectFrom('login_attempt')
		.select('at')
		.where('username', '=', username)
		.where('ip', '=', ip)
		.where('at', '>', since)
		.where('ok', '=', 0)
		.orderBy('at')
		.execute()
		.then((rows) => rows.map((r) => Number(r.at)));
}

/** Times of failed logins from this address, any username, since `since`, oldest first. */
export function failuresFrom(db: Kysely<Database>, ip: string, since: number) {
	return db
		.selectFrom('login_attempt')
		.select('at')
		.where('ip', '=', ip)
		.where('at', '>', since)
		.where('ok', '=', 0)
		.orderBy('at')
		.execute()
		.then((rows) => rows.map((r) => Number(r.at)));
}

/** A successful login clears that username's failures from that address. */
export async function clearFailures(db: Kysely<Database>, username: string, ip: string) {
	await db
		.deleteFrom('login_attempt')
		.where('username', '=', username)
		.where('ip', '=', ip)
		.where('ok', '=', 0)
		.execute();
}

export async function deleteLoginAttemptsBefore(db: Kysely<Database>, before: number) {
	await db.deleteFrom('login_attempt').where('at', '<', before).execute();
}
