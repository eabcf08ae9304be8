import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export function secretByName(db: Kysely<Database>, name: string) {
	return db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirst();
}

/** Stores a secret unless another instance stored one first; the caller reads back the winner. */
export async function insertSecretIfMissing(db: Kysely<Database>, name: string, value: string, now: number) {
	await db
		.insertInto('server_secret')
		.values({ name, value, created_at: now })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
}
