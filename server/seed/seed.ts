import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { countInitiatives } from '../repositories/initiatives';
import { countStaff } from '../repositories/staff';
import { createInitiative, createOffice } from '../services/catalog-create';
import { createStaff } from '../services/staff';
import { demoInitiatives, demoOffices } from './demo-data';
import { DEMO_LOGINS } from './demo-staff';

const DAY = 24 * 60 * 60 * 1000;

/** Demo dates are relative to the moment of seeding so the demo never goes stale. */
export async function seedDemoData(
	db: Kysely<Database>,
	now = Date.now()
): Promise<{ initiatives: number; offices: number; staff: number }> {
	for (const d of demoInitiatives) {
		await createInitiative(
			db,
			{
				slug: d.slug,
				titleLv: d.titleLv,
				titleEn: d.titleEn,
				summaryLv: d.summaryLv,
				summaryEn: d.summaryEn,
				bodyLv: d.bodyLv,
				bodyEn: d.bodyEn,
				scope: d.scope,
				municipality: d.municipality,
				status: d.status,
				opensAt: now + d.opensInDays * DAY,
				closesAt: now + d.closesInDays * DAY,
				goal: d.goal,
				onlineCount: d.onlineSignatures
			},
			now
		);
	}
	for (const o of demoOffices) {
		await createOffice(db, o, now);
	}
	const staff = await seedDemoStaff(db, now);
	return { initiatives: demoInitiatives.length, offices: demoOffices.length, staff };
}

/**
 * The demo logins (argon2id-hashed now), into a database that has no staff yet. Clerks are
 * assigned from a day before `now`, so windows opened on a slightly slow office clock count.
 */
export async function seedDemoStaff(db: Kysely<Database>, now = Date.now()): Promise<number> {
	if ((await countStaff(db)) > 0) return 0;
	await Promise.all(
		DEMO_LOGINS.map((l) =>
			createStaff(
				db,
				{ username: l.username, displayName: l.name, role: l.role, office: l.office, password: l.password },
				now - DAY
			)
		)
	);
	return DEMO_LOGINS.length;
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
	return (await countInitiatives(db)) === 0;
}
