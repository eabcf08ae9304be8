import type { Kysely, Migration } from 'kysely';

/**
 * Refused pushes (issue 10 §2): a push whose signature does not verify, or whose device is
 * unknown, revoked or speaks another protocol version, stores no record. What is kept for an
 * investigation is this digest: per device (all unknown ids share one key), per reason and per
 * interval, one row counting the pushes, records and bytes, with the hash of the first and last
 * body. Rows are capped per device (server/repositories/push-digests.ts), so refused pushes
 * cannot fill the disk however fast they come.
 */
export const m0007_push_digest: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('push_digest')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('device_key', 'text', (c) => c.notNull())
			.addColumn('claimed_device_id', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('protocol', 'integer')
			.addColumn('first_at', 'bigint', (c) => c.notNull())
			.addColumn('last_at', 'bigint', (c) => c.notNull())
			.addColumn('pushes', 'integer', (c) => c.notNull())
			.addColumn('records', 'bigint', (c) => c.notNull())
			.addColumn('bytes', 'bigint', (c) => c.notNull())
			.addColumn('first_body_sha256', 'text', (c) => c.notNull())
			.addColumn('last_body_sha256', 'text', (c) => c.notNull())
			.addColumn('device_time', 'bigint')
			.execute();
		await db.schema.createIndex('push_digest_device').on('push_digest').columns(['device_key', 'id']).execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('push_digest').execute();
	}
};
