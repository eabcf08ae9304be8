import type { Insertable, Kysely } from 'kysely';
import { insertRows } from '../db/bulk';
import type { Database, SignatureTable } from '../db/schema';

/**
 * Inserts signatures as accepted unless the person already has an accepted signature on that
 * initiative (the partial unique index decides, atomically, on both databases and across
 * instances). Returns the ids that went in; the others are duplicates. Rows are taken in
 * order, so within one batch the first signature wins too.
 */
export async function insertAcceptedUnlessDuplicate(
	db: Kysely<Database>,
	rows: Insertable<SignatureTable>[]
): Promise<Set<string>> {
	const back = await insertRows(
		db,
		'signature',
		rows.map((r) => ({ ...r, state: 'accepted' as const, reason: 'accepted' })),
		{ onConflictDoNothing: { columns: ['initiative_id', 'person_key'], where: `"state" = 'accepted'` }, returning: 'id' }
	);
	return new Set(back as string[]);
}

export async function insertSignatures(db: Kysely<Database>, rows: Insertable<SignatureTable>[]) {
	await insertRows(db, 'signature', rows);
}

/** What a receipt shows: each signature of a window, with its initiative's title. */
export function signaturesOfWindow(db: Kysely<Database>, windowId: string) {
	return db
		.selectFrom('signature')
		.innerJoin('initiative', 'initiative.id', 'signature.initiative_id')
		.select([
			'signature.initiative_id',
			'signature.state',
			'signature.seq',
			'initiative.slug',
			'initiative.title_lv',
			'initiative.title_en'
		])
		.where('signature.window_id', '=', windowId)
		.orderBy('signature.seq')
		.execute();
}
