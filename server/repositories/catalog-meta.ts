import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export async function currentCatalogVersion(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('catalog_meta')
		.select('version')
		.where('id', '=', 'catalog')
		.executeTakeFirstOrThrow();
	return row.version;
}

/**
 * Takes the next catalog version. Call it inside the transaction that makes the change: the
 * row lock it takes holds other writers until commit, so versions become visible in order
 * and a device that has seen version N can never miss a change numbered below N.
 */
export async function nextCatalogVersion(trx: Kysely<Database>): Promise<number> {
	const row = await trx
		.updateTable('catalog_meta')
		.set((eb) => ({ version: eb('version', '+', 1) }))
		.where('id', '=', 'catalog')
		.returning('version')
		.executeTakeFirstOrThrow();
	return row.version;
}
