/**
 * The person-key secret must be the same on every instance and across restarts: a server with
 * another one would make person keys that match nobody, and the same person could sign twice
 * without anyone noticing. The database keeps a keyed check value of the secret (HMAC of a fixed
 * text: it reveals nothing of a 256-bit secret, and no more than the person keys themselves of a
 * weaker one), set by the first start and by `rotate-keys --person-key`; a server configured
 * with another secret refuses to start.
 */
import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConfigError } from '../config';
import type { Database } from '../db/schema';
import { insertKeyCheckIfMissing, keyCheck } from '../repositories/key-checks';

export const PERSON_KEY_CHECK = 'person_key';

export function personKeyCheckValue(secret: string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update('klatiene person-key check v1', 'utf8').digest('hex');
}

export async function checkPersonKeySecret(db: Kysely<Database>, secret: string, where: string, now: number): Promise<void> {
	const mine = personKeyCheckValue(secret);
	let stored = await keyCheck(db, PERSON_KEY_CHECK);
	if (stored === null) {
		await insertKeyCheckIfMissing(db, PERSON_KEY_CHECK, mine, now);
		stored = await keyCheck(db, PERSON_KEY_CHECK);
	}
	if (stored !== mine) {
		throw new ConfigError(
			`The person-key secret (${where}) is not the one this database's person keys were made with: with it, nobody ` +
				'would be found as having signed before. Use the key file or PERSON_KEY_SECRET of this deployment (every ' +
				'instance the same), or re-derive every person key with a new secret: npm run admin -- rotate-keys --person-key (README "Keys").'
		);
	}
}
