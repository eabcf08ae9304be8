import type { Kysely, Migration } from 'kysely';

/**
 * Issue 19: how many practice visits each office PC ran, for training, never for billing. One row
 * per device with the highest total the device reported in a signed pull; practice visits are
 * never records, so they stay out of the outbox, the signing log and billing.
 */
export const m0013_practice: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('practice_count')
			.addColumn('device_id', 'text', (c) => c.primaryKey().references('device.id'))
			.addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
			.addColumn('total', 'integer', (c) => c.notNull())
			.addColumn('reported_at', 'bigint', (c) => c.notNull())
			.execute();
	}
};
