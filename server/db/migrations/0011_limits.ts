import type { Kysely, Migration } from 'kysely';

/**
 * Rate limits as counter rows (issue 10 §1): one row per limit and client (or username), bumped
 * with a single upsert that returns the new count, so the attempt is counted before any work and
 * two instances (or two calls in one process) can never both read "one left". The window starts
 * at the first attempt and the row resets itself once `reset_at` has passed.
 */
export const m0011_limits: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('rate_bucket')
			.addColumn('scope', 'text', (c) => c.notNull())
			.addColumn('key', 'text', (c) => c.notNull())
			.addColumn('count', 'integer', (c) => c.notNull())
			.addColumn('reset_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('rate_bucket_pk', ['scope', 'key'])
			.execute();
		await db.schema.createIndex('rate_bucket_reset_at').on('rate_bucket').column('reset_at').execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('rate_bucket').execute();
	}
};
