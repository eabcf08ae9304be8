import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Keeps the highest practice-visit total a device reported: a late or replayed pull carrying an
 * older, lower total never lowers it (issue 19).
 */
export async function reportPracticeTotal(db: Kysely<Database>, row: { deviceId: string; officeId: string; total: number; now: number }): Promise<void> {
	await db
		.insertInto('practice_count')
		.values({ device_id: row.deviceId, office_id: row.officeId, total: row.total, reported_at: row.now })
		.onConflict((oc) =>
			oc
				.column('device_id')
				.doUpdateSet((eb) => ({ total: eb.ref('excluded.total'), office_id: eb.ref('excluded.office_id'), reported_at: eb.ref('excluded.reported_at') }))
				.where('practice_count.total', '<', (eb) => eb.ref('excluded.total'))
		)
		.execute();
}

/** Practice visits per office, summed over its devices, for the back office. */
export function practiceTotalsByOffice(db: Kysely<Database>) {
	return db
		.selectFrom('practice_count')
		.innerJoin('office', 'office.id', 'practice_count.office_id')
		.select((eb) => ['office.id as office_id', 'office.slug as office_slug', 'office.name_lv as office_name_lv', 'office.name_en as office_name_en', eb.fn.sum<number | string>('practice_count.total').as('total')])
		.groupBy(['office.id', 'office.slug', 'office.name_lv', 'office.name_en'])
		.execute();
}

export function practiceTotalOfDevice(db: Kysely<Database>, deviceId: string) {
	return db.selectFrom('practice_count').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
}
