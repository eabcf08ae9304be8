/**
 * Which demo logins still work on this database: an active account with a demo username whose
 * password is still the published one (server/seed/demo-staff.ts). The start banner warns about
 * them loudly (issue 10 §6); a demo account whose password was changed, or that was deactivated,
 * is no longer a way in and is not listed.
 */
import argon2 from 'argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { activeStaffByUsernames } from '../repositories/staff';
import { DEMO_LOGINS, type DemoLogin } from './demo-staff';

export async function activeDemoLogins(db: Kysely<Database>): Promise<DemoLogin[]> {
	const rows = await activeStaffByUsernames(
		db,
		DEMO_LOGINS.map((l) => l.username)
	);
	const hashes = new Map(rows.map((r) => [r.username, r.password_hash]));
	const checks = await Promise.all(
		DEMO_LOGINS.map(async (l) => {
			const hash = hashes.get(l.username);
			return hash !== undefined && (await argon2.verify(hash, l.password).catch(() => false));
		})
	);
	return DEMO_LOGINS.filter((_, i) => checks[i]);
}

/** The banner a server with working demo logins prints at every start. */
export function demoLoginsBanner(logins: readonly DemoLogin[]): string[] {
	const bar = '!'.repeat(78);
	return [
		bar,
		`!!! DEMO LOGINS ARE ACTIVE: ${logins.length} staff account(s) with the passwords published in the README`,
		`!!! (${logins.map((l) => l.username).join(', ')}). Anyone who reads the README can log in.`,
		'!!! This is a demo: never collect real signatures on it. A deployment uses its own DATABASE_URL,',
		'!!! DEMO_DATA=off and keys from KEY_FILE or the environment (README "Demo data", "Keys").',
		bar
	];
}
