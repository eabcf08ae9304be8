import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { countInitiatives } from '../repositories/initiatives';
import { createInitiative, createOffice } from '../services/catalog';
import { demoInitiatives, demoOffices } from './demo-data';

const DAY = 24 * 60 * 60 * 1000;

/** Demo dates are relative to the moment of seeding so the demo never goes stale. */
export async function seedDemoData(db: Kysely<Database>, now = Date.now()): Promise<{ initiatives: number; offices: number }> {
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
	return { initiatives: demoInitiatives.length, offices: demoOffices.length };
}

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
	return (await countInitiatives(db)) === 0;
}
