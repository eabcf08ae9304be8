/**
 * Issue 11 §5: offices get optional coordinates through the admin form and the CSV import,
 * with a reason per field; the catalog carries them only when an office has them.
 */
import { beforeEach, expect, it } from 'vitest';
import { officeBySlug } from '../../server/repositories/offices';
import { createOfficeAsAdmin, EMPTY_OFFICE_FORM, importOffices, officeFormOf, updateOfficeAsAdmin } from '../../server/services/admin/offices';
import { pullCatalog } from '../../server/services/catalog';
import { adminActor, catalogVersion } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, NOW, type TestApp, type World } from './kit';

describeEachDatabase('office coordinates', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const form = { ...EMPTY_OFFICE_FORM, slug: 'kac-aizpute', nameLv: 'Aizputes KAC', nameEn: 'Aizpute KAC', municipality: 'Dienvidkurzemes novads', address: 'Atmodas iela 12', phone: '+371 63400000' };

	it('the admin form says which coordinate is wrong and why, and saves nothing', async () => {
		const before = await catalogVersion(ctx.db);
		expect(await createOfficeAsAdmin(app, { ...form, lat: '56.7209', lon: '' }, adminActor(w))).toEqual({ ok: false, problems: { lon: 'coordinates_pair' } });
		expect(await createOfficeAsAdmin(app, { ...form, lat: '56°43′', lon: '21.6' }, adminActor(w))).toEqual({ ok: false, problems: { lat: 'coordinate_format' } });
		expect(await createOfficeAsAdmin(app, { ...form, lat: '21.6015', lon: '56.7209' }, adminActor(w))).toEqual({
			ok: false,
			problems: { lat: 'coordinates_outside_latvia', lon: 'coordinates_outside_latvia' }
		});
		expect(await officeBySlug(ctx.db, 'kac-aizpute')).toBeUndefined();
		expect(await catalogVersion(ctx.db)).toBe(before);
	});

	it('saved coordinates (a decimal comma too) reach the catalog; an office without them has no such fields', async () => {
		const before = await catalogVersion(ctx.db);
		const made = await createOfficeAsAdmin(app, { ...form, lat: '56,7209', lon: '21.6015' }, adminActor(w));
		expect(made.ok).toBe(true);
		const row = (await officeBySlug(ctx.db, 'kac-aizpute'))!;
		expect([Number(row.lat), Number(row.lon)]).toEqual([56.7209, 21.6015]);
		expect(officeFormOf(row)).toMatchObject({ lat: '56.7209', lon: '21.6015' });
		const pull = await pullCatalog(ctx.db, 0, NOW);
		expect(pull.offices.find((o) => o.slug === 'kac-aizpute')).toMatchObject({ lat: 56.7209, lon: 21.6015 });
		const other = pull.offices.find((o) => o.slug !== 'kac-aizpute')!;
		expect('lat' in other || 'lon' in other).toBe(false);

		// Emptying both takes them away again.
		const saved = await updateOfficeAsAdmin(app, row.id, { ...officeFormOf(row), lat: '', lon: '' }, Number(row.version), adminActor(w));
		expect(saved).toEqual({ ok: true, id: row.id });
		const changed = await pullCatalog(ctx.db, before + 1, NOW);
		const cleared = changed.offices.find((o) => o.slug === 'kac-aizpute')!;
		expect('lat' in cleared).toBe(false);
	});

	it('the CSV import takes optional lat and lon columns and reports bad ones per line', async () => {
		const head = 'slug;kind;name_lv;name_en;municipality;address;phone;lat;lon';
		const bad = await importOffices(app, [head, 'kac-a;kac;A;A;riga;Iela 1;+371 60000001;56.95;', 'kac-b;kac;B;B;riga;Iela 2;+371 60000002;x;24.1'].join('\n'), {
			dryRun: true,
			actor: adminActor(w)
		});
		expect(bad.rows.map((r) => [r.line, r.problems])).toEqual([
			[2, { lon: 'coordinates_pair' }],
			[3, { lat: 'coordinate_format' }]
		]);
		const good = await importOffices(app, [head, 'kac-pavilosta;kac;Pāvilostas KAC;Pāvilosta KAC;Dienvidkurzemes novads;Dzintaru iela 2;+371 63400000;56.8881;21.1860'].join('\n'), {
			dryRun: false,
			actor: adminActor(w)
		});
		expect(good).toMatchObject({ ok: true, written: true, created: 1 });
		const row = (await officeBySlug(ctx.db, 'kac-pavilosta'))!;
		expect([Number(row.lat), Number(row.lon)]).toEqual([56.8881, 21.186]);
	});
});
