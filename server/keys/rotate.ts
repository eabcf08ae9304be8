/**
 * Rotating the sealing key (`npm run admin -- rotate-keys`, README "Keys"): a new key pair with
 * a new kid becomes current; the old one stays in the key file as retired, so every box sealed
 * to it (identities, QC phone numbers, raw copies) still opens, found by its kid, until the
 * retention purge removes them. Devices get the new public key on their next pull once the
 * server has restarted; until then they seal to the old key, which still opens.
 *
 * With several instances, `--stage` first adds the new key as "next": every instance can open
 * boxes sealed to it but none gives it out yet. Once every instance runs with it, `rotate-keys`
 * makes it current, so no instance ever receives a box it cannot open.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/schema';
import { newSealingEntry, readKeyFile, replaceKeyFile, type KeyFile, type SealingEntry } from './key-file';

export type RotateResult =
	| { ok: true; current: SealingEntry; retired: SealingEntry | null; staged: boolean }
	| { ok: false; reason: 'no_key_file' | 'no_current_key' };

/** Rotates (or, with `stage`, prepares) the sealing key in the key file at `path`. */
export async function rotateSealingKey(path: string, options: { stage?: boolean; now?: number } = {}): Promise<RotateResult> {
	const now = options.now ?? Date.now();
	const read = readKeyFile(path);
	if (!read) return { ok: false, reason: 'no_key_file' };
	const file: KeyFile = structuredClone(read.file);
	const current = file.sealing.find((k) => k.status === 'current');
	if (!current) return { ok: false, reason: 'no_current_key' };
	let next = file.sealing.find((k) => k.status === 'next');
	if (!next) {
		next = await newSealingEntry('next', now);
		file.sealing.push(next);
	}
	if (options.stage) {
		replaceKeyFile(path, file);
		return { ok: true, current: next, retired: null, staged: true };
	}
	current.status = 'retired';
	current.retired = new Date(now).toISOString();
	next.status = 'current';
	replaceKeyFile(path, file);
	return { ok: true, current: next, retired: current, staged: false };
}

/** A new key pair for a deployment that keeps its keys in the environment: what to set. */
export async function rotatedEnvironment(
	currentJwk: JsonWebKey & { kid?: string },
	retired: readonly (JsonWebKey & { kid?: string })[],
	currentKid: string,
	now = Date.now()
): Promise<{ SEALING_PRIVATE_KEY: string; SEALING_RETIRED_KEYS: string; kid: string }> {
	const entry = await newSealingEntry('current', now);
	return {
		SEALING_PRIVATE_KEY: JSON.stringify({ ...entry.jwk, kid: entry.kid }),
		SEALING_RETIRED_KEYS: JSON.stringify([{ ...currentJwk, kid: currentKid }, ...retired]),
		kid: entry.kid
	};
}

/**
 * How many stored boxes are still sealed to each kid: a retired key can be dropped from the key
 * file only when none is left (identities, QC phone numbers and the raw copies of window.open
 * records; the retention purge empties them).
 */
export async function boxesByKid(db: Kysely<Database>, kids: readonly string[]): Promise<Map<string, number>> {
	const out = new Map<string, number>();
	for (const kid of kids) {
		// Boxes are stored as JSON text whose kid member is written as "kid":"…".
		const pattern = `%"kid":"${kid.replace(/[\\%_]/g, (c) => `\\${c}`)}"%`;
		const count = async (table: 'signing_window' | 'qc_contact' | 'raw_record', column: string) =>
			Number(
				(
					await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} like ${pattern} escape ${'\\'}`.execute(db)
				).rows[0].n
			);
		out.set(kid, (await count('signing_window', 'identity_box')) + (await count('qc_contact', 'phone_box')) + (await count('raw_record', 'body')));
	}
	return out;
}
