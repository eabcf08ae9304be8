import { beforeEach, expect, it } from 'vitest';
import { initiativeById } from '../../server/repositories/initiatives';
import {
	changeInitiativeStatus,
	createInitiativeAsAdmin,
	EMPTY_INITIATIVE_FORM,
	initiativeFormOf,
	updateInitiativeAsAdmin,
	type InitiativeForm
} from '../../server/services/admin/initiatives';
import { pullCatalog } from '../../server/services/catalog';
import { verifyAuditChain } from '../../server/services/audit';
import { adminActor, catalogVersion, countRows } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, NOW, type TestApp, type World } from './kit';

const form = (extra: Partial<InitiativeForm> = {}): InitiativeForm => ({
	...EMPTY_INITIATIVE_FORM,
	slug: 'tiraka-jura',
	titleLv: 'Tīrāka jūra',
	titleEn: 'A cleaner sea',
	summaryLv: 'Īsi par jūru.',
	summaryEn: 'About the sea.',
	bodyLv: '## Kāpēc\n\nJūra ir mūsu. <script>alert(1)</script>',
	bodyEn: '## Why\n\nThe sea is ours.',
	scope: 'municipal',
	municipality: 'liepaja',
	goal: '1 500',
	onlineCount: '0',
	// NOW is 28.11.2026
	opens: '28.11.2026',
	closes: '28.02.2027',
	...extra
});

describeEachDatabase('admin: initiatives', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	it('creates a draft from the form: whole days in Riga, Markdown rendered safely, catalog version and audit in one go', async () => {
		const before = { version: await catalogVersion(ctx.db), audit: await countRows(ctx.db, 'audit_log') };
		const r = await createInitiativeAsAdmin(app, form(), adminActor(w));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const row = (await initiativeById(ctx.db, r.id))!;
		expect(row.status).toBe('draft');
		expect(row.goal).toBe(1500);
		expect(row.eligibility).toBe('municipal');
		// 28.11.2026 00:00 in Riga is 27.11 22:00 UTC; the last day is inclusive.
		expect(Number(row.opens_at)).toBe(Date.UTC(2026, 10, 27, 22));
		expect(Number(row.closes_at)).toBe(Date.UTC(2027, 1, 28, 22));
		expect(row.body_html_lv).toContain('<h2>Kāpēc</h2>');
		expect(row.body_html_lv).not.toContain('<script>');
		expect(row.body_html_lv).toContain('&lt;script&gt;');
		expect(await catalogVersion(ctx.db)).toBe(before.version + 1);
		expect(Number(row.version)).toBe(before.version + 1);
		const audit = await ctx.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
		expect(audit).toMatchObject({ action: 'initiative.create', actor_type: 'staff', actor_id: w.admin, subject_id: r.id });
		expect(await countRows(ctx.db, 'audit_log')).toBe(before.audit + 1);
		// A draft is not public.
		const pull = await pullCatalog(ctx.db, 0, NOW);
		expect(pull.initiatives.map((i) => i.slug)).not.toContain('tiraka-jura');
	});

	it('says which field is wrong and why, and writes nothing', async () => {
		const before = await catalogVersion(ctx.db);
		const r = await createInitiativeAsAdmin(
			app,
			form({ slug: 'Tīrā Jūra', titleEn: '', municipality: '', goal: 'daudz', opens: '31.02.2026', closes: '' }),
			adminActor(w)
		);
		expect(r).toEqual({
			ok: false,
			problems: {
				slug: 'slug_format',
				titleEn: 'required',
				municipality: 'municipality_required',
				goal: 'number_format',
				opens: 'date_format',
				closes: 'required'
			}
		});
		const r2 = await createInitiativeAsAdmin(app, form({ closes: '01.11.2026' }), adminActor(w));
		expect(r2).toEqual({ ok: false, problems: { closes: 'closes_before_opens' } });
		const r3 = await createInitiativeAsAdmin(app, form({ slug: 'national-one' }), adminActor(w));
		expect(r3).toEqual({ ok: false, problems: { slug: 'slug_taken' } });
		expect(await catalogVersion(ctx.db)).toBe(before);
		expect(await countRows(ctx.db, 'initiative')).toBe(5);
	});

	it('moves draft → open → closed → submitted, each step visible to devices and in the audit log', async () => {
		const r = await createInitiativeAsAdmin(app, form(), adminActor(w));
		if (!r.ok) throw new Error('create failed');
		const v0 = await catalogVersion(ctx.db);

		expect(await changeInitiativeStatus(app, r.id, 'open', adminActor(w))).toEqual({ ok: true, status: 'open' });
		// A device that had the catalog up to v0 now receives the opened initiative.
		const pull = await pullCatalog(ctx.db, v0, NOW);
		expect(pull.initiatives.map((i) => [i.slug, i.status])).toEqual([['tiraka-jura', 'open']]);

		// Closing before the last day ends collection now: the signing rules read the close time.
		app.setNow(NOW + 3 * DAY);
		expect(await changeInitiativeStatus(app, r.id, 'closed', adminActor(w))).toEqual({ ok: true, status: 'closed' });
		expect(Number((await initiativeById(ctx.db, r.id))!.closes_at)).toBe(NOW + 3 * DAY);

		app.setNow(NOW + 10 * DAY);
		expect(await changeInitiativeStatus(app, r.id, 'submitted', adminActor(w))).toEqual({ ok: true, status: 'submitted' });
		const row = (await initiativeById(ctx.db, r.id))!;
		expect(Number(row.submitted_at)).toBe(NOW + 10 * DAY);

		const statusEntries = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'initiative.status').orderBy('seq').execute();
		expect(statusEntries.map((e) => JSON.parse(e.details)).map((d) => `${d.from}→${d.to}`)).toEqual(['draft→open', 'open→closed', 'closed→submitted']);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
	});

	it('refuses invalid transitions with a clear reason, and changes nothing', async () => {
		const r = await createInitiativeAsAdmin(app, form(), adminActor(w));
		if (!r.ok) throw new Error('create failed');
		const snapshot = async () => ({ row: await initiativeById(ctx.db, r.id), version: await catalogVersion(ctx.db), audit: await countRows(ctx.db, 'audit_log') });
		const before = await snapshot();
		expect(await changeInitiativeStatus(app, r.id, 'closed', adminActor(w))).toEqual({ ok: false, problem: 'skips_step', from: 'draft' });
		expect(await changeInitiativeStatus(app, r.id, 'submitted', adminActor(w))).toEqual({ ok: false, problem: 'skips_step', from: 'draft' });
		expect(await changeInitiativeStatus(app, r.id, 'draft', adminActor(w))).toEqual({ ok: false, problem: 'same_status', from: 'draft' });
		expect(await changeInitiativeStatus(app, r.id, 'archived', adminActor(w))).toEqual({ ok: false, problem: 'unknown_status', from: 'draft' });
		expect(await changeInitiativeStatus(app, 'no-such-id', 'open', adminActor(w))).toEqual({ ok: false, problem: 'not_found' });
		expect(await snapshot()).toEqual(before);

		await changeInitiativeStatus(app, r.id, 'open', adminActor(w));
		expect(await changeInitiativeStatus(app, r.id, 'draft', adminActor(w))).toMatchObject({ ok: false, problem: 'backwards' });
		await changeInitiativeStatus(app, r.id, 'closed', adminActor(w));
		expect(await changeInitiativeStatus(app, r.id, 'open', adminActor(w))).toMatchObject({ ok: false, problem: 'backwards' });
		await changeInitiativeStatus(app, r.id, 'submitted', adminActor(w));
		expect(await changeInitiativeStatus(app, r.id, 'closed', adminActor(w))).toMatchObject({ ok: false, problem: 'final' });

		// An initiative whose period is over cannot be opened.
		const old = await createInitiativeAsAdmin(app, form({ slug: 'vecs', opens: '01.10.2026', closes: '01.11.2026' }), adminActor(w));
		if (!old.ok) throw new Error('create failed');
		expect(await changeInitiativeStatus(app, old.id, 'open', adminActor(w))).toEqual({ ok: false, problem: 'ends_in_past', from: 'draft' });
	});

	it('edits keep what each status locks, refuse a stale form, and audit which fields changed', async () => {
		const r = await createInitiativeAsAdmin(app, form(), adminActor(w));
		if (!r.ok) throw new Error('create failed');
		await changeInitiativeStatus(app, r.id, 'open', adminActor(w));
		const row = (await initiativeById(ctx.db, r.id))!;
		const v = Number(row.version);

		// While open: the scope, address and first day are fixed, whatever the form says.
		const edit = { ...initiativeFormOf(row), slug: 'cits', scope: 'national', municipality: '', titleEn: 'A much cleaner sea', closes: '31.03.2027' };
		expect(await updateInitiativeAsAdmin(app, r.id, edit, v, adminActor(w))).toEqual({ ok: true, id: r.id });
		const after = (await initiativeById(ctx.db, r.id))!;
		expect(after).toMatchObject({ slug: 'tiraka-jura', scope: 'municipal', municipality: 'liepaja', title_en: 'A much cleaner sea' });
		expect(Number(after.closes_at)).toBe(Date.UTC(2027, 2, 31, 21));
		expect(Number(after.opens_at)).toBe(Number(row.opens_at));
		const entry = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'initiative.update').executeTakeFirstOrThrow();
		expect(JSON.parse(entry.details).changed.sort()).toEqual(['closes_at', 'title_en']);

		// The form was loaded at version v: someone saved since, so this save is refused.
		expect(await updateInitiativeAsAdmin(app, r.id, { ...edit, titleEn: 'Mine' }, v, adminActor(w))).toEqual({ ok: false, problems: { _form: 'stale' } });
		// An open initiative cannot be made to end in the past (close it instead).
		expect(await updateInitiativeAsAdmin(app, r.id, { ...initiativeFormOf(after), closes: '01.11.2026' }, Number(after.version), adminActor(w))).toEqual({
			ok: false,
			problems: { closes: 'closes_in_past' }
		});
		// A save that changes nothing takes no version and leaves no entry.
		const before = await catalogVersion(ctx.db);
		expect(await updateInitiativeAsAdmin(app, r.id, initiativeFormOf(after), Number(after.version), adminActor(w))).toEqual({ ok: true, id: r.id });
		expect(await catalogVersion(ctx.db)).toBe(before);
	});

	it('a stored time that is not midnight survives an edit that leaves the date as shown', async () => {
		const row = (await initiativeById(ctx.db, w.national))!;
		const edit = { ...initiativeFormOf(row), titleLv: 'Jauns nosaukums' };
		expect(await updateInitiativeAsAdmin(app, w.national, edit, Number(row.version), adminActor(w))).toMatchObject({ ok: true });
		const after = (await initiativeById(ctx.db, w.national))!;
		expect(Number(after.opens_at)).toBe(Number(row.opens_at));
		expect(Number(after.closes_at)).toBe(Number(row.closes_at));
	});
});
