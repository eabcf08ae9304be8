import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Quality control (issue 4, DESIGN §6):
 * - qc_visit: the sampling frame, one row per accepted in-person visit, with its score, the rate
 *   it was compared with and why it was (or was not) selected;
 * - qc_call: the call list; a call is claimed with a lease (claimed_by, claimed_until) by a
 *   conditional update, so two auditors never work one call at once; at most one open call
 *   per visit (partial unique index);
 * - qc_attempt: each attempt with its result and the auditor's note;
 * - qc_report: "I did not sign this" reports made with a receipt code;
 * - qc_flag: anomaly flags with their reasons, resolved with a note;
 * - qc_watch: raised sampling rates and full reviews of a clerk or office, for a time;
 * - qc_state: the frame's scan position, and the row every frame refresh locks first;
 * - signature.received_at index: the frame scans signatures accepted since its last scan.
 */
export const m0005_qc: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('qc_visit')
			.addColumn('window_id', 'text', (c) => c.primaryKey())
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('clerk_id', 'text', (c) => c.notNull())
			.addColumn('device_id', 'text', (c) => c.notNull())
			.addColumn('opened_at', 'bigint', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addColumn('day', 'text', (c) => c.notNull())
			.addColumn('month', 'text', (c) => c.notNull())
			.addColumn('signatures', 'integer', (c) => c.notNull())
			.addColumn('callable', 'integer', (c) => c.notNull())
			.addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('flag_signals', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('score', 'bigint', (c) => c.notNull())
			.addColumn('rate_ppm', 'integer', (c) => c.notNull())
			.addColumn('selected', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('selection_reason', 'text')
			.addColumn('entered_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('qc_visit_clerk_month').on('qc_visit').columns(['clerk_id', 'month']).execute();
		await db.schema.createIndex('qc_visit_office_day').on('qc_visit').columns(['office_id', 'day']).execute();
		await db.schema.createIndex('qc_visit_clerk_day').on('qc_visit').columns(['clerk_id', 'day']).execute();
		await db.schema.createIndex('qc_visit_month').on('qc_visit').columns(['month', 'callable', 'selected']).execute();
		await db.schema.createIndex('qc_visit_opened').on('qc_visit').column('opened_at').execute();

		await db.schema
			.createTable('qc_call')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('window_id', 'text', (c) => c.notNull())
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('clerk_id', 'text', (c) => c.notNull())
			.addColumn('source', 'text', (c) => c.notNull())
			.addColumn('priority', 'integer', (c) => c.notNull())
			.addColumn('callable', 'integer', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('outcome', 'text')
			.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('last_attempt_day', 'text')
			.addColumn('next_attempt_after', 'bigint', (c) => c.notNull().defaultTo(0))
			.addColumn('claimed_by', 'text')
			.addColumn('claimed_until', 'bigint')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('completed_at', 'bigint')
			.addColumn('completed_by', 'text')
			.addColumn('revoked_signatures', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema
			.createIndex('qc_call_one_open_per_visit')
			.on('qc_call')
			.column('window_id')
			.unique()
			.where(sql.ref('status'), '=', 'open')
			.execute();
		await db.schema.createIndex('qc_call_queue').on('qc_call').columns(['status', 'priority', 'created_at']).execute();
		await db.schema.createIndex('qc_call_window').on('qc_call').column('window_id').execute();
		await db.schema.createIndex('qc_call_clerk').on('qc_call').columns(['clerk_id', 'status']).execute();
		await db.schema.createIndex('qc_call_office').on('qc_call').columns(['office_id', 'status']).execute();

		await db.schema
			.createTable('qc_attempt')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('call_id', 'text', (c) => c.notNull().references('qc_call.id'))
			.addColumn('staff_id', 'text', (c) => c.notNull())
			.addColumn('at', 'bigint', (c) => c.notNull())
			.addColumn('day', 'text', (c) => c.notNull())
			.addColumn('result', 'text', (c) => c.notNull())
			.addColumn('note', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('qc_attempt_call').on('qc_attempt').columns(['call_id', 'at']).execute();

		await db.schema
			.createTable('qc_report')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('window_id', 'text', (c) => c.notNull())
			.addColumn('call_id', 'text', (c) => c.notNull())
			.addColumn('scope', 'text', (c) => c.notNull())
			.addColumn('initiative_ids', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('qc_report_window').on('qc_report').column('window_id').execute();
		await db.schema.createIndex('qc_report_call').on('qc_report').column('call_id').execute();

		await db.schema
			.createTable('qc_flag')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('level', 'text', (c) => c.notNull())
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('clerk_id', 'text')
			.addColumn('window_id', 'text')
			.addColumn('device_id', 'text')
			.addColumn('signal', 'text', (c) => c.notNull())
			.addColumn('details', 'text', (c) => c.notNull())
			.addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('resolved_at', 'bigint')
			.addColumn('resolved_by', 'text')
			.addColumn('resolution_note', 'text')
			.execute();
		await db.schema.createIndex('qc_flag_open').on('qc_flag').columns(['resolved_at', 'created_at']).execute();
		await db.schema.createIndex('qc_flag_office').on('qc_flag').columns(['office_id', 'created_at']).execute();
		await db.schema.createIndex('qc_flag_clerk').on('qc_flag').columns(['clerk_id', 'created_at']).execute();
		await db.schema.createIndex('qc_flag_window').on('qc_flag').column('window_id').execute();

		await db.schema
			.createTable('qc_watch')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('subject_type', 'text', (c) => c.notNull())
			.addColumn('subject_id', 'text', (c) => c.notNull())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('from_at', 'bigint', (c) => c.notNull())
			.addColumn('until_at', 'bigint', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('qc_watch_subject').on('qc_watch').columns(['subject_type', 'subject_id', 'kind', 'until_at']).execute();

		await db.schema
			.createTable('qc_state')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('value', 'bigint', (c) => c.notNull())
			.execute();
		await db
			.insertInto('qc_state' as never)
			.values({ id: 'frame', value: 0 } as never)
			.execute();

		await db.schema.createIndex('signature_received').on('signature').columns(['received_at', 'state']).execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropIndex('signature_received').execute();
		for (const table of ['qc_state', 'qc_watch', 'qc_flag', 'qc_report', 'qc_attempt', 'qc_call', 'qc_visit']) {
			await db.schema.dropTable(table).execute();
		}
	}
};
