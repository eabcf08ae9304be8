/**
 * `server_secret`: where an earlier version kept its keys. Nothing stores a key here any more;
 * the server only reads what is left, to move it out to the key file, and deletes it
 * (server/keys/legacy.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const LEGACY_SECRET_NAMES = {
	sealing: 'sealing_private_key',
	personKey: 'person_key_secret',
	sampling: 'qc_sampling_secret'
} as const;

export async function legacySecrets(db: Kysely<Database>): Promise<Map<string, string>> {
	const rows = await db.selectFrom('server_secret').select(['name', 'value']).execute();
	return new Map(rows.map((r) => [r.name, r.value]));
}

export async function deleteLegacySecrets(db: Kysely<Database>, names: readonly string[]): Promise<number> {
	if (!names.length) return 0;
	const r = await db.deleteFrom('server_secret').where('name', 'in', [...names]).executeTakeFirst();
	return Number(r.numDeletedRows);
}
