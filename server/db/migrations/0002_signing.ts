import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Staff, sessions, devices, the sync protocol's tables and in-person signatures (issue 3).
 * Portable types only: text ids, bigint epoch-ms, 0/1 integer flags, JSON as text.
 */
export const m0002_signing: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('server_secret')
			.addColumn('name', 'text', (c) => c.primaryKey())
			.addColumn('value', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.execute();

		await db.schema
			.createTable('staff')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('username', 'text', (c) => c.notNull().unique())
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('role', 'text', (c) => c.notNull())
			.addColumn('office_id', 'text', (c) => c.references('office.id'))
			.addColumn('password_hash', 'text', (c) => c.notNull())
			.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('deactivated_at', 'bigint')
			.execute();
		await db.schema.createIndex('staff_office').on('staff').column('office_id').execute();

		await db.schema
			.createTable('staff_assignment')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
			.addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
			.addColumn('active_from', 'bigint', (c) => c.notNull())
			.addColumn('active_until', 'bigint')
			.execute();
		await db.schema
			.createIndex('staff_assignment_staff_office')
			.on('staff_assignment')
			.columns(['staff_id', 'office_id', 'active_from'])
			.execute();

		await db.schema
			.createTable('session')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
			.addColumn('device_id', 'text')
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema.createIndex('session_staff').on('session').column('staff_id').execute();
		await db.schema.createIndex('session_device').on('session').column('device_id').execute();
		await db.schema.createIndex('session_expires').on('session').column('expires_at').execute();

		await db.schema
			.createTable('login_attempt')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('username', 'text', (c) => c.notNull())
			.addColumn('ip', 'text', (c) => c.notNull())
			.addColumn('at', 'bigint', (c) => c.notNull())
			.addColumn('ok', 'integer', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('login_attempt_user_ip_at')
			.on('login_attempt')
			.columns(['username', 'ip', 'at'])
			.execute();
		await db.schema.createIndex('login_attempt_ip_at').on('login_attempt').columns(['ip', 'at']).execute();
		await db.schema.createIndex('login_attempt_at').on('login_attempt').column('at').execute();

		await db.schema
			.createTable('rate_event')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('scope', 'text', (c) => c.notNull())
			.addColumn('key', 'text', (c) => c.notNull())
			.addColumn('at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('rate_event_scope_key_at').on('rate_event').columns(['scope', 'key', 'at']).execute();
		await db.schema.createIndex('rate_event_at').on('rate_event').column('at').execute();

		await db.schema
			.createTable('device')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('public_key', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('enrolled_at', 'bigint', (c) => c.notNull())
			.addColumn('revoked_at', 'bigint')
			.addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
			.addColumn('last_hash', 'text', (c) => c.notNull())
			.addColumn('last_sync_at', 'bigint')
			.addColumn('clock_offset_ms', 'bigint')
			.addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('flag_reason', 'text')
			.addColumn('flagged_at', 'bigint')
			.execute();
		await db.schema.createIndex('device_office').on('device').column('office_id').execute();

		await db.schema
			.createTable('enrollment_code')
			.addColumn('code_hash', 'text', (c) => c.primaryKey())
			.addColumn('office_id', 'text', (c) => c.notNull().references('office.id'))
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('expires_at', 'bigint', (c) => c.notNull())
			.addColumn('used_at', 'bigint')
			.addColumn('device_id', 'text')
			.execute();

		await db.schema
			.createTable('raw_record')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('device_id', 'text', (c) => c.notNull().references('device.id'))
			.addColumn('seq', 'bigint')
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addColumn('batch_id', 'text', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('raw_record_device_seq').on('raw_record').columns(['device_id', 'seq']).execute();
		await db.schema.createIndex('raw_record_batch').on('raw_record').column('batch_id').execute();

		await db.schema
			.createTable('record_result')
			.addColumn('device_id', 'text', (c) => c.notNull().references('device.id'))
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('record_id', 'text', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.addColumn('type', 'text', (c) => c.notNull())
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('processed_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('record_result_pk', ['device_id', 'seq'])
			.execute();

		await db.schema
			.createTable('signing_window')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('device_id', 'text', (c) => c.notNull().references('device.id'))
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('clerk_id', 'text', (c) => c.notNull())
			.addColumn('opened_at', 'bigint', (c) => c.notNull())
			.addColumn('length_ms', 'bigint', (c) => c.notNull())
			.addColumn('closed_at', 'bigint')
			.addColumn('close_reason', 'text')
			.addColumn('identity_box', 'text', (c) => c.notNull())
			.addColumn('person_key', 'text')
			.addColumn('citizenship', 'text')
			.addColumn('declared_municipality', 'text')
			.addColumn('property_municipalities', 'text')
			.addColumn('birth_date', 'text')
			.addColumn('receipt_hash', 'text', (c) => c.notNull())
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('signing_window_receipt').on('signing_window').column('receipt_hash').execute();
		await db.schema.createIndex('signing_window_device').on('signing_window').columns(['device_id', 'seq']).execute();
		await db.schema.createIndex('signing_window_office_opened').on('signing_window').columns(['office_id', 'opened_at']).execute();
		await db.schema.createIndex('signing_window_clerk_opened').on('signing_window').columns(['clerk_id', 'opened_at']).execute();

		await db.schema
			.createTable('signature')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('window_id', 'text', (c) => c.notNull())
			.addColumn('initiative_id', 'text', (c) => c.notNull())
			.addColumn('person_key', 'text')
			.addColumn('channel', 'text', (c) => c.notNull())
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('device_id', 'text', (c) => c.notNull())
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('signed_at', 'bigint', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addColumn('state', 'text', (c) => c.notNull())
			.addColumn('reason', 'text', (c) => c.notNull())
			.execute();
		// One accepted signature per person per initiative: the database itself enforces it.
		await db.schema
			.createIndex('signature_one_per_person')
			.on('signature')
			.columns(['initiative_id', 'person_key'])
			.unique()
			.where(sql.ref('state'), '=', 'accepted')
			.execute();
		await db.schema.createIndex('signature_window').on('signature').column('window_id').execute();
		await db.schema.createIndex('signature_initiative_state').on('signature').columns(['initiative_id', 'state']).execute();

		await db.schema
			.createTable('qc_contact')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('window_id', 'text', (c) => c.notNull().references('signing_window.id'))
			.addColumn('phone_box', 'text', (c) => c.notNull())
			.addColumn('phone_key', 'text', (c) => c.notNull())
			.addColumn('consented_at', 'bigint', (c) => c.notNull())
			.addColumn('delete_after', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('qc_contact_window').on('qc_contact').column('window_id').execute();
		await db.schema.createIndex('qc_contact_phone').on('qc_contact').column('phone_key').execute();
		await db.schema.createIndex('qc_contact_delete_after').on('qc_contact').column('delete_after').execute();

		await db.schema
			.createTable('day_close')
			.addColumn('device_id', 'text', (c) => c.notNull().references('device.id'))
			.addColumn('seq', 'bigint', (c) => c.notNull())
			.addColumn('office_id', 'text', (c) => c.notNull())
			.addColumn('clerk_id', 'text', (c) => c.notNull())
			.addColumn('day', 'text', (c) => c.notNull())
			.addColumn('windows_opened', 'integer', (c) => c.notNull())
			.addColumn('visits_with_signatures', 'integer', (c) => c.notNull())
			.addColumn('abandoned_windows', 'integer', (c) => c.notNull())
			.addColumn('unsynced', 'integer', (c) => c.notNull())
			.addColumn('closed_at', 'bigint', (c) => c.notNull())
			.addColumn('received_at', 'bigint', (c) => c.notNull())
			.addPrimaryKeyConstraint('day_close_pk', ['device_id', 'seq'])
			.execute();
		await db.schema.createIndex('day_close_office_day').on('day_close').columns(['office_id', 'day']).execute();
	},
	async down(db: Kysely<unknown>) {
		for (const table of [
			'day_close',
			'qc_contact',
			'signature',
			'signing_window',
			'record_result',
			'raw_record',
			'enrollment_code',
			'device',
			'rate_event',
			'login_attempt',
			'session',
			'staff_assignment',
			'staff',
			'server_secret'
		]) {
			await db.schema.dropTable(table).execute();
		}
	}
};
