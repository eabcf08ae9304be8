import type { Kysely, Migration } from 'kysely';

/**
 * The audit log (DESIGN §7): append-only and hash-chained. `audit_head` is a single row that
 * every append updates first, so appends from several server instances take turns and the
 * chain never forks.
 */
export const m0003_audit: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('audit_log')
			.addColumn('seq', 'bigint', (c) => c.primaryKey())
			.addColumn('at', 'bigint', (c) => c.notNull())
			.addColumn('actor_type', 'text', (c) => c.notNull())
			.addColumn('actor_id', 'text')
			.addColumn('action', 'text', (c) => c.notNull())
			.addColumn('subject_type', 'text')
			.addColumn('subject_id', 'text')
			.addColumn('details', 'text', (c) => c.notNull())
			.addColumn('prev_hash', 'text', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
		await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'at']).execute();
		await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_id', 'at']).execute();

		await db.schema
			.createTable('audit_head')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.execute();
		await db
			.insertInto('audit_head' as never)
			.values({ id: 'audit', seq: 0, hash: '0'.repeat(64) } as never)
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('audit_head').execute();
		await db.schema.dropTable('audit_log').execute();
	}
};
