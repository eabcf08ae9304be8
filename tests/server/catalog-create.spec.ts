/**
 * Issue 12 §3: one audited way to create initiatives and offices. The typed path (seed, CLI,
 * tests), the admin forms and the imports all leave an audit entry with the same shape, and
 * refuse a taken slug with the same reason code; and no other module inserts those rows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { auditEntriesFrom } from '../../server/repositories/audit-log';
import { createInitiativeAsAdmin, EMPTY_INITIATIVE_FORM } from '../../server/services/admin/initiatives';
import { createOfficeAsAdmin, EMPTY_OFFICE_FORM } from '../../server/services/admin/offices';
import { staffActor, verifyAuditChain } from '../../server/services/audit';
import { ValidationError } from '../../server/services/catalog';
import { createInitiative, createOffice } from '../../server/services/catalog-create';
import { seedDemoData } from '../../server/seed/seed';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, NOW, type TestApp, type World } from './kit';

describeEachDatabase('catalog-create: one audited way', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const entries = async () => (await auditEntriesFrom(ctx.db, 0, 10_000)).map((e) => ({ ...e, details: JSON.parse(String(e.details ?? '{}')) }));

	it('the typed path (the test kit, the seed) leaves an entry per initiative and office, by the system', async () => {
		const all = await entries();
		const made = all.filter((e) => e.action === 'initiative.create' || e.action === 'office.create');
		expect(made.map((e) => [e.action, e.subject_id, e.actor_type])).toEqual(
			expect.arrayContaining([
				['office.create', w.kacRiga, 'system'],
				['initiative.create', w.national, 'system'],
				['initiative.create', w.closedLongAgo, 'system']
			])
		);
		expect(made.find((e) => e.subject_id === w.draft)?.details).toEqual({ slug: 'draft-one', status: 'draft' });
		expect(made.find((e) => e.subject_id === w.library)?.details).toEqual({ slug: 'lib-riga', kind: 'library' });
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
	});

	it('slug_taken, whichever path: the typed one throws it per field, the forms return it', async () => {
		const e = await createOffice(
			ctx.db,
			{ slug: 'kac-riga', kind: 'kac', nameLv: 'B', nameEn: 'O', municipality: 'riga', address: 'Iela 1', phone: '+371 60000000', email: null, hours: [[], [], [], [], [], [], []] },
			NOW
		).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect((e as ValidationError).issues).toEqual([{ path: 'slug', message: 'slug_taken' }]);
		const i = await createInitiative(
			ctx.db,
			{ slug: 'national-one', titleLv: 'T', titleEn: 'T', summaryLv: 'S', summaryEn: 'S', bodyLv: 'B', bodyEn: 'B', scope: 'national', municipality: null, status: 'draft', opensAt: NOW, closesAt: NOW + DAY, goal: 10 },
			NOW
		).catch((x) => x);
		expect((i as ValidationError).issues).toEqual([{ path: 'slug', message: 'slug_taken' }]);

		const admin = staffActor(w.admin);
		const form = { ...EMPTY_INITIATIVE_FORM, slug: 'national-one', titleLv: 'T', titleEn: 'T', summaryLv: 'S', summaryEn: 'S', bodyLv: 'B', bodyEn: 'B', opens: '01.12.2026', closes: '31.12.2026' };
		expect(await createInitiativeAsAdmin(app, form, admin)).toEqual({ ok: false, problems: { slug: 'slug_taken' } });
		const office = { ...EMPTY_OFFICE_FORM, slug: 'kac-riga', nameLv: 'B', nameEn: 'O', municipality: 'riga', address: 'Iela 1', phone: '+371 60000000' };
		expect(await createOfficeAsAdmin(app, office, admin)).toEqual({ ok: false, problems: { slug: 'slug_taken' } });
	});

	it('the admin form is audited by the administrator, in the same shape', async () => {
		const admin = staffActor(w.admin);
		const form = { ...EMPTY_INITIATIVE_FORM, slug: 'from-the-form', titleLv: 'T', titleEn: 'T', summaryLv: 'S', summaryEn: 'S', bodyLv: 'B', bodyEn: 'B', opens: '01.12.2026', closes: '31.12.2026' };
		const r = await createInitiativeAsAdmin(app, form, admin);
		expect(r.ok).toBe(true);
		const last = (await entries()).at(-1)!;
		expect([last.action, last.actor_type, last.actor_id, last.subject_id, last.details]).toEqual([
			'initiative.create',
			'staff',
			w.admin,
			r.ok ? r.id : null,
			{ slug: 'from-the-form', status: 'draft' }
		]);
	});
});

describeEachDatabase('catalog-create: the demo seed', (ctx) => {
	it('goes the same way: one entry per initiative and office it makes, and a whole chain', async () => {
		const n = await seedDemoData(ctx.db, NOW);
		const made = (await auditEntriesFrom(ctx.db, 0, 10_000)).filter((e) => e.action === 'initiative.create' || e.action === 'office.create');
		expect(made.length).toBe(n.initiatives + n.offices);
		expect(made.every((e) => e.actor_type === 'system')).toBe(true);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
	});
});

it('no module but services/catalog-create.ts inserts initiatives or offices', () => {
	const root = join(__dirname, '../..');
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.(ts|svelte|mjs)$/.test(name)) files.push(path);
		}
	};
	for (const dir of ['server', 'src', 'scripts', 'tests']) walk(join(root, dir));
	const callers = files.filter((f) => /\binsert(Initiative|Office)\(|insertInto\('(initiative|office)'\)/.test(readFileSync(f, 'utf8')));
	expect(callers.map((f) => f.slice(root.length + 1)).sort()).toEqual([
		'server/repositories/initiatives.ts',
		'server/repositories/offices.ts',
		'server/services/catalog-create.ts'
	]);
});
