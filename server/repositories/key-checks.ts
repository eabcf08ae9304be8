import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export async function keyCheck(db: Kysely<Database>, name: string): Promise<string | null> {
	const row = await db.selectFrom('key_check').select('value').where('name', '=', name).executeTakeFirst();
	return row?.value ?? null;
}

/** Stores the check unless another instance stored one first; the caller reads back the winner. */
export async function insertKeyCheckIfMissing(db: Kysely<Database>, name: string, value: string, now: number): Promise<void> {
	await db
		.insertInto('key_check')
		.values({ name, value, updated_at: now })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
}

export async function setKeyCheck(db: Kysely<Database>, name: string, value: string, now: number): Promise<void> {
	const r = await db.updateTable('key_check').set({ value, updated_at: now }).where('name', '=', name).executeTakeFirst();
	if (Number(r.numUpdatedRows) === 0) await db.insertInto('key_check').values({ name, value, updated_at: now }).execute();
}
