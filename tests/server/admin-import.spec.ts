import { beforeEach, expect, it } from 'vitest';
import { initiativeBySlug } from '../../server/repositories/initiatives';
import { officeBySlug } from '../../server/repositories/offices';
import { importInitiatives } from '../../server/services/admin/initiatives';
import { importOffices } from '../../server/services/admin/offices';
import { pullCatalog } from '../../server/services/catalog';
import { adminActor, catalogVersion, countRows } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, NOW, type TestApp, type World } from './kit';

const good = (slug: string, extra: Record<string, unknown> = {}) => ({
	slug,
	title: { lv: `Iniciatīva ${slug}`, en: `Initiative ${slug}` },
	summary: { lv: 'Īsi.', en: 'Short.' },
	body: { lv: '## Teksts', en: '## Text' },
	scope: 'national',
	goal: 10000,
	opens: '01.12.2026',
	closes: '2027-02-28',
	...extra
});

describeEachDatabase('admin: import', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const snapshot = async () => ({
		initiatives: await countRows(ctx.db, 'initiative'),
		offices: await countRows(ctx.db, 'office'),
		version: await catalogVersion(ctx.db),
		audit: await countRows(ctx.db, 'audit_log')
	});

	it('an initiatives dry run reports every bad row and writes nothing', async () => {
		const before = await snapshot();
		const file = JSON.stringify({
			initiatives: [
				good('jauna-viena'),
				good('Slikta Adrese'),
				good('bez-pasvaldibas', { scope: 'municipal' }),
				'not an object',
				good('jauna-viena'),
				good('otradi', { opens: '01.03.2027' }),
				good('national-one', { status: 'draft' }),
				good('closed-recently', { status: 'open' }),
				good('riga-only', { scope: 'municipal', municipality: 'Rīga', goal: 'x', title: { lv: '', en: 'T' } })
			]
		});
		const report = await importInitiatives(app, file, { dryRun: true, actor: adminActor(w) });
		expect(report.ok).toBe(false);
		expect(report.written).toBe(false);
		expect(report.rows.map((r) => [r.row, r.action, r.problems])).toEqual([
			[1, 'create', {}],
			[2, 'create', { slug: 'slug_format' }],
			[3, 'create', { municipality: 'municipality_required' }],
			[4, 'create', { _form: 'not_an_object' }],
			[5, 'create', { slug: 'duplicate_in_file' }],
			[6, 'create', { closes: 'closes_before_opens' }],
			[7, 'update', { status: 'backwards' }],
			[8, 'update', { status: 'backwards' }],
			// riga-only is open: its scope is locked, so only the goal and the title are reported.
			[9, 'update', { goal: 'number_format', titleLv: 'required' }]
		]);
		expect(await snapshot()).toEqual(before);
	});

	it('a real run with any bad row writes nothing either', async () => {
		const before = await snapshot();
		const report = await importInitiatives(app, JSON.stringify([good('a-labs'), good('b labs')]), { dryRun: false, actor: adminActor(w) });
		expect(report).toMatchObject({ ok: false, written: false });
		expect(await snapshot()).toEqual(before);
		expect(await initiativeBySlug(ctx.db, 'a-labs')).toBeUndefined();
	});

	it('a good file is written in one go: created, updated, one catalog version, audited', async () => {
		const before = await snapshot();
		const file = JSON.stringify([
			good('pirma', { status: 'open', onlineCount: 12 }),
			good('otra', { scope: 'municipal', municipality: 'Cēsu novads', goal: 800 }),
			// An existing draft moves one valid step and gets a new title.
			good('draft-one', { status: 'open', title: { lv: 'Jauns', en: 'New' } })
		]);
		const dry = await importInitiatives(app, file, { dryRun: true, actor: adminActor(w) });
		expect(dry).toMatchObject({ ok: true, written: false, created: 2, updated: 1 });
		expect(await snapshot()).toEqual(before);

		const report = await importInitiatives(app, file, { dryRun: false, actor: adminActor(w) });
		expect(report).toMatchObject({ ok: true, written: true, created: 2, updated: 1 });
		const after = await snapshot();
		expect(after.initiatives).toBe(before.initiatives + 2);
		expect(after.version).toBe(before.version + 1);
		expect(after.audit).toBe(before.audit + 3);
		expect(await initiativeBySlug(ctx.db, 'otra')).toMatchObject({ municipality: 'cesu-novads', status: 'draft', goal: 800 });
		expect(await initiativeBySlug(ctx.db, 'pirma')).toMatchObject({ status: 'open', online_count: 12 });
		expect(await initiativeBySlug(ctx.db, 'draft-one')).toMatchObject({ status: 'open', title_lv: 'Jauns' });

		// The same file again changes nothing more.
		const again = await importInitiatives(app, file, { dryRun: false, actor: adminActor(w) });
		expect(again.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
	});

	it('says when the file itself is wrong', async () => {
		const run = (text: string) => importInitiatives(app, text, { dryRun: true, actor: adminActor(w) });
		expect((await run('{ nav json')).fileProblem).toBe('not_json');
		expect((await run('{"x": 1}')).fileProblem).toBe('not_a_list');
		expect((await run('[]')).fileProblem).toBe('empty');
	});

	const HEAD = 'slug;kind;name_lv;name_en;municipality;address;phone;email;mon;tue;wed;thu;fri;sat;sun;closures;active';

	it('an offices dry run reports every bad row and writes nothing', async () => {
		const before = await snapshot();
		const csv = [
			HEAD,
			'kac-pavilosta;kac;Pāvilostas KAC;Pāvilosta KAC;Dienvidkurzemes novads;Dzintaru iela 2;+371 63400000;;8:30-17:00;8:30-17:00;8:30-17:00;8:30-17:00;8:30-16:00;;;24.12.2026, 31.12.2026;1',
			'kac-nekur;kac;Nekurienes KAC;Nowhere KAC;Atlantīda;Iela 1;+371 63400001;;8:30-17:00;;;;;;;;',
			'kac-laiki;kac;Laiku KAC;Hours KAC;riga;Iela 2;+371 63400002;nav-epasts;17:00-08:00;8-17;;;;;;31.02.2026;',
			'kac-pavilosta;library;Dubults;Double;riga;Iela 3;+371 63400003;;;;;;;;;;',
			'kac-riga;library;Birojs kac-riga;Office kac-riga;riga;Iela 1;+371 60000000;;08:00-17:00;;;;;;;;',
			'kac-iss;kac;Īss;Short;riga;Iela 4'
		].join('\n');
		const report = await importOffices(app, csv, { dryRun: true, actor: adminActor(w) });
		expect(report.ok).toBe(false);
		expect(report.rows.map((r) => [r.line, r.action, r.problems])).toEqual([
			[2, 'create', {}],
			[3, 'create', { municipality: 'unknown_municipality' }],
			[4, 'create', { email: 'email_format', mon: 'hours_order', tue: 'hours_format', closures: 'closure_date_format' }],
			[5, 'create', { slug: 'duplicate_in_file' }],
			[6, 'update', { kind: 'kind_locked' }],
			[7, 'create', { _form: 'column_count', phone: 'required' }]
		]);
		expect(await snapshot()).toEqual(before);
	});

	it('an offices file with missing or unknown columns is refused as a whole', async () => {
		const missing = await importOffices(app, 'slug;kind;name_lv\nx;kac;X', { dryRun: true, actor: adminActor(w) });
		expect(missing).toMatchObject({ ok: false, fileProblem: 'missing_columns', columns: ['name_en', 'municipality', 'address', 'phone'] });
		const unknown = await importOffices(app, `${HEAD};fax\nx;kac`, { dryRun: true, actor: adminActor(w) });
		expect(unknown).toMatchObject({ fileProblem: 'unknown_columns', columns: ['fax'] });
		const broken = await importOffices(app, `${HEAD}\n"kac-x;kac`, { dryRun: true, actor: adminActor(w) });
		expect(broken).toMatchObject({ fileProblem: 'csv_syntax', columns: ['2'] });
	});

	it('a good offices file (commas, Excel BOM) is written in one go and reaches devices with its closures', async () => {
		const before = await snapshot();
		const csv =
			'\uFEFF' +
			[
				HEAD.replace(/;/g, ','),
				'kac-pavilosta,kac,Pāvilostas KAC,Pāvilosta KAC,Dienvidkurzemes novads,Dzintaru iela 2,+371 63400000,,"8:30-12:00, 12:30-17:00",8:30-17:00,8:30-17:00,8:30-17:00,8:30-16:00,,,"24.12.2026, 2026-12-31",1',
				'kac-riga,kac,Rīgas KAC,Riga KAC,riga,Pils laukums 1,+371 60000000,kac@riga.lv,08:00-17:00,08:00-17:00,,,,,,,0'
			].join('\r\n');
		const report = await importOffices(app, csv, { dryRun: false, actor: adminActor(w) });
		expect(report).toMatchObject({ ok: true, written: true, created: 1, updated: 1 });
		const after = await snapshot();
		expect(after.offices).toBe(before.offices + 1);
		expect(after.version).toBe(before.version + 1);
		expect(after.audit).toBe(before.audit + 2);
		const pav = (await officeBySlug(ctx.db, 'kac-pavilosta'))!;
		expect(JSON.parse(pav.hours)[0]).toEqual([
			{ from: '08:30', to: '12:00' },
			{ from: '12:30', to: '17:00' }
		]);
		expect(JSON.parse(pav.closures)).toEqual(['2026-12-24', '2026-12-31']);
		expect((await officeBySlug(ctx.db, 'kac-riga'))!.active).toBe(0);
		const pull = await pullCatalog(ctx.db, before.version, NOW);
		expect(pull.offices.find((o) => o.slug === 'kac-pavilosta')?.closures).toEqual(['2026-12-24', '2026-12-31']);
		// An office closed down leaves the devices' catalog.
		expect(pull.removed.offices).toEqual([w.kacRiga]);
	});
});
