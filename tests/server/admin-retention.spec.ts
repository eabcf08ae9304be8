import { beforeEach, expect, it } from 'vitest';
import { initiativeById, publicProgress } from '../../server/repositories/initiatives';
import { initiativeSummary, requestSignatureExport } from '../../server/services/admin/export';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { purgeIdentities } from '../../server/services/admin/retention';
import { verifyAuditChain } from '../../server/services/audit';
import { adminActor, birthDateOf, personalCode, visit } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, NOW, TestDevice, type TestApp, type World } from './kit';

describeEachDatabase('admin: retention', (ctx) => {
	let app: TestApp;
	let w: World;
	let device: TestDevice;
	let shared: string;
	let onlyNational: string;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		device = await TestDevice.enroll(app, 'kac-riga');
		// One visit signs both initiatives; another signs only the national one.
		shared = (await visit(device, { clerkId: w.clerkRiga, at: NOW - 3 * HOUR, initiatives: [w.national, w.rigaOnly] })).windowId;
		const code = personalCode(3);
		onlyNational = (
			await visit(device, {
				clerkId: w.clerkRiga,
				at: NOW - 2 * HOUR,
				initiatives: [w.national],
				person: { givenName: 'Anna', surname: 'Ozola', personalCode: code, birthDate: birthDateOf(code) }
			})
		).windowId;
		// The national initiative is closed now and submitted a day later.
		await changeInitiativeStatus(app, w.national, 'closed', adminActor(w));
		app.setNow(NOW + DAY);
		await changeInitiativeStatus(app, w.national, 'submitted', adminActor(w));
	});

	const windowRow = (id: string) => ctx.db.selectFrom('signing_window').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
	const rawOpen = async (windowId: string) => {
		const w = await windowRow(windowId);
		const raw = await ctx.db.selectFrom('raw_record').select('body').where('device_id', '=', w.device_id).where('seq', '=', w.seq).execute();
		return raw.map((r) => JSON.parse(r.body) as { payload: Record<string, unknown> });
	};

	it('nothing is purged before the retention period has passed', async () => {
		app.setNow(NOW + DAY + 89 * DAY);
		const r = await purgeIdentities(ctx.db, app.config, app.now());
		expect(r.initiatives).toEqual([]);
		expect((await windowRow(onlyNational)).identity_box).not.toBe('');
	});

	it('after RETENTION_DAYS the identities go and the counts stay; a second run does nothing', async () => {
		const before = {
			progress: await publicProgress(ctx.db),
			summary: await initiativeSummary(app, (await initiativeById(ctx.db, w.national))!)
		};
		expect(before.summary.inPerson).toBe(2);
		expect((await ctx.db.selectFrom('qc_contact').selectAll().execute()).length).toBe(2);

		app.setNow(NOW + DAY + 90 * DAY + 1);
		const r = await purgeIdentities(ctx.db, app.config, app.now());
		expect(r.initiatives).toEqual([
			{ id: w.national, slug: 'national-one', submittedAt: NOW + DAY, signatures: 2, windows: 1, rawRecords: 1, qcContacts: 1 }
		]);

		// The window that only the purged initiative used has lost its identity, everywhere.
		const gone = await windowRow(onlyNational);
		expect(gone).toMatchObject({ identity_box: '', person_key: null, old_enough_from: null, identity_purged_at: app.now() });
		// What counts are made of stays.
		expect(gone).toMatchObject({ citizenship: 'LV', declared_municipality: 'riga', state: 'accepted' });
		const raws = await rawOpen(onlyNational);
		expect(raws.length).toBeGreaterThan(0);
		for (const raw of raws) expect(raw.payload.identity).toBeNull();
		const signatures = await ctx.db.selectFrom('signature').select(['person_key', 'state']).where('initiative_id', '=', w.national).execute();
		expect(signatures).toEqual([
			{ person_key: null, state: 'accepted' },
			{ person_key: null, state: 'accepted' }
		]);
		expect(await ctx.db.selectFrom('qc_contact').select('window_id').execute()).toEqual([{ window_id: shared }]);

		// The shared window keeps its identity while the Rīga initiative still needs it.
		const kept = await windowRow(shared);
		expect(kept.identity_box).not.toBe('');
		expect(kept.person_key).not.toBeNull();
		for (const raw of await rawOpen(shared)) expect(raw.payload.identity).not.toBeNull();

		// Counts are unchanged.
		expect(await publicProgress(ctx.db)).toEqual(before.progress);
		const after = await initiativeSummary(app, (await initiativeById(ctx.db, w.national))!);
		expect(after).toEqual(before.summary);
		expect((await initiativeById(ctx.db, w.national))!.identities_purged_at).toBe(app.now());
		// There is nothing left to export.
		expect(await requestSignatureExport(app, w.national, { reason: 'Atkārtota iesniegšana', locale: 'lv' }, adminActor(w))).toEqual({
			ok: false,
			problems: { _form: 'identities_purged' }
		});

		// Logged once, idempotent after.
		const entries = await ctx.db.selectFrom('audit_log').select(['action', 'actor_type', 'details']).where('action', '=', 'retention.purge').execute();
		expect(entries).toHaveLength(1);
		expect(entries[0].actor_type).toBe('system');
		expect(JSON.parse(entries[0].details)).toMatchObject({ days: 90, signatures: 2, windows: 1 });
		app.setNow(app.now() + DAY);
		expect((await purgeIdentities(ctx.db, app.config, app.now())).initiatives).toEqual([]);
		expect(await ctx.db.selectFrom('audit_log').select('seq').where('action', '=', 'retention.purge').execute()).toHaveLength(1);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
	});

	it('visits that never counted lose their identity RETENTION_DAYS after they were opened; what arrives for them later is late', async () => {
		// Walked away without signing; signed only what they had already signed (a duplicate);
		// and a window whose signature is still on an office PC that has been offline since.
		const walkedAway = (await visit(device, { clerkId: w.clerkRiga, at: NOW - HOUR, initiatives: [] })).windowId;
		const again = await visit(device, {
			clerkId: w.clerkRiga,
			at: NOW - 50 * 60_000,
			initiatives: [w.national],
			person: { personalCode: personalCode(3), birthDate: birthDateOf(personalCode(3)) }
		});
		expect(again.result.results.map((r) => r.reason)).toEqual(['accepted', 'duplicate', 'accepted']);
		const pending = await device.openWindow({ clerkId: w.clerkRiga, openedAt: NOW - 40 * 60_000 });
		expect((await device.push([pending.record])).ok).toBe(true);

		// One day short of the period after the visits: nothing goes.
		app.setNow(NOW + 89 * DAY);
		expect((await purgeIdentities(ctx.db, app.config, app.now())).unsigned).toEqual({ windows: 0, rawRecords: 0, qcContacts: 0 });

		// The period after the visits, but before the national initiative's own retention ends.
		app.setNow(NOW + 90 * DAY + 1);
		const dry = await purgeIdentities(ctx.db, app.config, app.now(), { dryRun: true });
		expect(dry.unsigned.windows).toBe(3);
		expect((await windowRow(walkedAway)).identity_box).not.toBe('');
		const r = await purgeIdentities(ctx.db, app.config, app.now());
		expect(r.initiatives).toEqual([]);
		expect(r.unsigned).toEqual({ windows: 3, rawRecords: 3, qcContacts: 3 });
		for (const id of [walkedAway, again.windowId, pending.windowId]) {
			expect(await windowRow(id)).toMatchObject({ identity_box: '', person_key: null, old_enough_from: null, identity_purged_at: app.now() });
			for (const raw of await rawOpen(id)) expect(raw.payload.identity).toBeNull();
		}
		// Visits that counted keep theirs until their initiative's retention ends.
		for (const id of [shared, onlyNational]) expect((await windowRow(id)).identity_box).not.toBe('');
		const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'retention.purge_unsigned').execute();
		expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ days: 90, windows: 3, rawRecords: 3, qcContacts: 3 }]);
		expect((await purgeIdentities(ctx.db, app.config, app.now())).unsigned.windows).toBe(0);

		// The offline PC comes back: its signature for the purged visit is late, never counted.
		const late = await device.push([await device.sign(pending.windowId, w.rigaOnly, NOW - 39 * 60_000)]);
		expect(late.results.map((x) => [x.state, x.reason])).toEqual([['rejected', 'late']]);
	});

	it('when the last initiative of a shared window is purged, that window goes too', async () => {
		await changeInitiativeStatus(app, w.rigaOnly, 'closed', adminActor(w));
		await changeInitiativeStatus(app, w.rigaOnly, 'submitted', adminActor(w));
		app.setNow(NOW + DAY + 91 * DAY);
		const r = await purgeIdentities(ctx.db, app.config, app.now());
		expect(r.initiatives.map((i) => [i.slug, i.windows])).toEqual([
			['national-one', 1],
			['riga-only', 1]
		]);
		expect((await windowRow(shared)).identity_box).toBe('');
	});

	it('RETENTION_DAYS and --days choose the period; a dry run lists and changes nothing', async () => {
		const short = await createTestApp(ctx.handle, { now: NOW + 3 * DAY, env: { RETENTION_DAYS: '2' } });
		expect(short.config.retentionDays).toBe(2);
		const dry = await purgeIdentities(ctx.db, short.config, short.now(), { dryRun: true });
		expect(dry).toMatchObject({ dryRun: true, days: 2, initiatives: [{ slug: 'national-one' }] });
		expect((await windowRow(onlyNational)).identity_box).not.toBe('');
		expect((await purgeIdentities(ctx.db, short.config, short.now(), { days: 5 })).initiatives).toEqual([]);
		expect((await purgeIdentities(ctx.db, short.config, short.now())).initiatives).toHaveLength(1);
	});
});
