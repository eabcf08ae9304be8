import type { Kysely, Migration } from 'kysely';

export const m0001_catalog: Migration = {
	async up(db: Kysely<unknown>) {
		await db.schema
			.createTable('initiative')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('slug', 'text', (c) => c.notNull().unique())
			.addColumn('title_lv', 'text', (c) => c.notNull())
			.addColumn('title_en', 'text', (c) => c.notNull())
			.addColumn('summary_lv', 'text', (c) => c.notNull())
			.addColumn('summary_en', 'text', (c) => c.notNull())
			.addColumn('body_lv', 'text', (c) => c.notNull())
			.addColumn('body_en', 'text', (c) => c.notNull())
			.addColumn('body_html_lv', 'text', (c) => c.notNull())
			.addColumn('body_html_en', 'text', (c) => c.notNull())
			.addColumn('scope', 'text', (c) => c.notNull())
			.addColumn('municipality', 'text')
			.addColumn('eligibility', 'text', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull())
			.addColumn('opens_at', 'bigint', (c) => c.notNull())
			.addColumn('closes_at', 'bigint', (c) => c.notNull())
			.addColumn('goal', 'integer', (c) => c.notNull())
			.addColumn('online_count', 'integer', (c) => c.notNull().defaultTo(0))
			.addColumn('version', 'bigint', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('initiative_version').on('initiative').column('version').execute();

		await db.schema
			.createTable('office')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('slug', 'text', (c) => c.notNull().unique())
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('name_lv', 'text', (c) => c.notNull())
			.addColumn('name_en', 'text', (c) => c.notNull())
			.addColumn('municipality', 'text', (c) => c.notNull())
			.addColumn('address', 'text', (c) => c.notNull())
			.addColumn('phone', 'text', (c) => c.notNull())
			.addColumn('email', 'text')
			.addColumn('hours', 'text', (c) => c.notNull())
			.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
			.addColumn('version', 'bigint', (c) => c.notNull())
			.addColumn('created_at', 'bigint', (c) => c.notNull())
			.addColumn('updated_at', 'bigint', (c) => c.notNull())
			.execute();
		await db.schema.createIndex('office_version').on('office').column('version').execute();

		await db.schema
			.createTable('catalog_meta')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('version', 'bigint', (c) => c.notNull())
			.execute();
		await db
			.insertInto('catalog_meta' as never)
			.values({ id: 'catalog', version: 0 } as never)
			.execute();
	},
	async down(db: Kysely<unknown>) {
		await db.schema.dropTable('catalog_meta').execute();
		await db.schema.dropTable('office').execute();
		await db.schema.dropTable('initiative').execute();
	}
};
