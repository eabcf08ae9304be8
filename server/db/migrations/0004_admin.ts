import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The back office (issue 5, DESIGN §7):
 * - initiative.submitted_at (retention counts from it) and identities_purged_at;
 * - office.closures: holiday closures as a JSON array of 'YYYY-MM-DD';
 * - signing_window.identity_purged_at: the window's identity was deleted by retention;
 * - export_ticket: a one-time, short-lived permission to download one signature export,
 *   made when an administrator gives the reason (only the token's hash is stored);
 * - an index to page through an initiative's accepted signatures in signing order.
 */
export const m0004_admin: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('initiative').addColumn('submitted_at', 'bigint').execute();
		await db.schema.alterTable('initiative').addColumn('identities_purged_at', 'bigint').execute();
		// Initiatives already submitted count their retention from their last change.
		await sql`update initiative set submitted_at = updated_at where status = 'submitted'`.execute(db);

		await db.schema
			.alterTable('office')
			.addColumn('closures', 'text', (c) => c.notNull().defaultTo('[]'))
			.execute();

		await db.schema.alterTable('signing_window').addColumn('identity_purged_at', 'bigint').execute();

		await db.schema
			.createTable('export_ticket')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
			.addColumn('initiative_id', 'text', (c) => c.notNull().references('initiative.id'))
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('locale', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('used_at', 'bigint')
			.execute();
		await db.schema.createIndex('export_ticket_expires').on('export_ticket').column('expires_at').execute();

		await db.schema
			.createIndex('signature_export')
			.on('signature')
			.columns(['initiative_id', 'state', 'signed_at', 'id'])
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('signature_export').execute();
		await db.schema.dropTable('export_ticket').execute();
		await db.schema.alterTable('signing_window').dropColumn('identity_purged_at').execute();
		await db.schema.alterTable('office').dropColumn('closures').execute();
		await db.schema.alterTable('initiative').dropColumn('identities_purged_at').execute();
		await db.schema.alterTable('initiative').dropColumn('submitted_at').execute();
	}
};
