import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Issued billing statements and the QC call order (issue 17):
 * - signature.state_changed_at: when a signature stopped counting (a denial now; an annulment
 *   later), so a statement's adjustment line can say when the change was recorded. Signatures
 *   revoked before this migration take the time of their visit's denied call;
 * - billing_statement, billing_statement_line: statements as issued, never changed;
 * - billing_counter: the gapless statement number;
 * - open calls of flagged visits that were queued with the plain sample move up among the
 *   flagged ones (the rule is src/lib/domain/qc-calls.ts callPriority).
 */
export const m0010_statements: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema.alterTable('signature').addColumn('state_changed_at', 'bigint').execute();
		await sql`update signature set state_changed_at = (
				select max(c.completed_at) from qc_call c where c.window_id = signature.window_id and c.outcome = 'denied'
			) where state = 'revoked'`.execute(db);

		await db.schema
			.createTable('billing_statement')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('number', 'integer', (c) => c.notNull().unique())
			.addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
			.addColumn('month', 'text', (c) => c.notNull())
			.addColumn('office_slug', 'text', (c) => c.notNull())
			.addColumn('office_name_lv', 'text', (c) => c.notNull())
			.addColumn('office_name_en', 'text', (c) => c.notNull())
			.addColumn('municipality', 'text', (c) => c.notNull())
			.addColumn('fee_cents', 'integer', (c) => c.notNull())
			.addColumn('windows', 'integer', (c) => c.notNull())
			.addColumn('visits', 'integer', (c) => c.notNull())
			.addColumn('visits_cents', 'bigint', (c) => c.notNull())
			.addColumn('adjustment_units', 'integer', (c) => c.notNull())
			.addColumn('adjustment_cents', 'bigint', (c) => c.notNull())
			.addColumn('total_cents', 'bigint', (c) => c.notNull())
			.addColumn('issued_at', 'bigint', (c) => c.notNull())
			.addColumn('issued_by', 'text', (c) => c.notNull().references('staff.id'))
			.addColumn('digest', 'text', (c) => c.notNull())
			.execute();
		// One statement per office and month: two administrators issuing at once get one.
		await db.schema.createIndex('billing_statement_office_month').on('billing_statement').columns(['office_id', 'month']).unique().execute();
		await db.schema.createIndex('billing_statement_month').on('billing_statement').column('month').execute();

		await db.schema
			.createTable('billing_statement_line')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('statement_id', 'text', (c) => c.notNull().references('billing_statement.id'))
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('window_id', 'text', (c) => c.notNull().references('signing_window.id'))
			.addColumn('visit_at', 'bigint', (c) => c.notNull())
			.addColumn('visit_month', 'text', (c) => c.notNull())
			.addColumn('units', 'integer', (c) => c.notNull())
			.addColumn('amount_cents', 'bigint', (c) => c.notNull())
			.addColumn('reason', 'text')
			.addColumn('changed_at', 'bigint')
			.addColumn('corrects', 'integer')
			.execute();
		await db.schema.createIndex('billing_statement_line_position').on('billing_statement_line').columns(['statement_id', 'position']).unique().execute();
		await db.schema.createIndex('billing_statement_line_window').on('billing_statement_line').column('window_id').execute();

		await db.schema
			.createTable('billing_counter')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('value', 'bigint', (c) => c.notNull())
			.execute();
		await sql`insert into billing_counter (id, value) values ('statement', 0)`.execute(db);

		await sql`update qc_call set priority = 1
			where status = 'open' and priority = 2
			and window_id in (select window_id from qc_visit where flagged = 1)`.execute(db);
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('billing_counter').execute();
		await db.schema.dropTable('billing_statement_line').execute();
		await db.schema.dropTable('billing_statement').execute();
		await db.schema.alterTable('signature').dropColumn('state_changed_at').execute();
	}
};
