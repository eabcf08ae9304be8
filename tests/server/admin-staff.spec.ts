import { beforeEach, expect, it } from 'vitest';
import { staffById } from '../../server/repositories/staff';
import { createOfficeAsAdmin, EMPTY_OFFICE_FORM, officeFormOf, updateOfficeAsAdmin } from '../../server/services/admin/offices';
import {
	assignOfficeAsAdmin,
	createEnrollmentCodeAsAdmin,
	createStaffAsAdmin,
	deactivateStaffAsAdmin,
	resetPasswordAsAdmin
} from '../../server/services/admin/staff';
import { login, logout, sessionOf } from '../../server/services/auth';
import { enrollDevice, revokeDevice } from '../../server/services/enrollment';
import { officeById } from '../../server/repositories/offices';
import { exportDevicePublicKey, generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import { verifyAuditChain } from '../../server/services/audit';
import { adminActor, catalogVersion } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, PASSWORD, type TestApp, type World } from './kit';

describeEachDatabase('admin: offices, staff and devices', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const actions = async () => (await ctx.db.selectFrom('audit_log').select('action').orderBy('seq').execute()).map((r) => r.action);
	// What staff did: the test world's own offices and initiatives are audited too, by the system.
	const staffActions = async () =>
		(await ctx.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'staff').orderBy('seq').execute()).map((r) => r.action);

	it('offices: the form says what is wrong; a save bumps the catalog; closures are kept', async () => {
		const bad = await createOfficeAsAdmin(app, { ...EMPTY_OFFICE_FORM, slug: 'X Y', municipality: 'mars', phone: 'zvani', mon: '9-5' }, adminActor(w));
		expect(bad).toEqual({
			ok: false,
			problems: { slug: 'slug_format', nameLv: 'required', nameEn: 'required', address: 'required', phone: 'phone_format', municipality: 'unknown_municipality', mon: 'hours_format' }
		});
		const v = await catalogVersion(ctx.db);
		const ok = await createOfficeAsAdmin(
			app,
			{ ...EMPTY_OFFICE_FORM, slug: 'kac-cesis', nameLv: 'Cēsu KAC', nameEn: 'Cēsis KAC', municipality: 'cesu-novads', address: 'Raunas iela 4', phone: '+371 64100000', closures: '24.12.2026' },
			adminActor(w)
		);
		expect(ok.ok).toBe(true);
		if (!ok.ok) return;
		expect(await catalogVersion(ctx.db)).toBe(v + 1);
		const row = (await officeById(ctx.db, ok.id))!;
		const edit = { ...officeFormOf(row), slug: 'changed', kind: 'library', closures: '24.12.2026, 25.12.2026', sat: '10:00-14:00' };
		expect(await updateOfficeAsAdmin(app, ok.id, edit, Number(row.version), adminActor(w))).toEqual({ ok: true, id: ok.id });
		const after = (await officeById(ctx.db, ok.id))!;
		// The slug and the kind of an existing office do not change.
		expect(after).toMatchObject({ slug: 'kac-cesis', kind: 'kac', closures: '["2026-12-24","2026-12-25"]' });
		expect(JSON.parse(after.hours)[5]).toEqual([{ from: '10:00', to: '14:00' }]);
		expect(await updateOfficeAsAdmin(app, ok.id, edit, Number(row.version), adminActor(w))).toEqual({ ok: false, problems: { _form: 'stale' } });
		expect((await staffActions()).filter((a) => a.startsWith('office.'))).toEqual(['office.create', 'office.update']);
	});

	it('staff: create with clear problems, reset the password (old sessions end), move a clerk, deactivate — all audited', async () => {
		const bad = await createStaffAsAdmin(app, { username: 'a', displayName: '', role: 'clerk', office: '', password: 'short' }, adminActor(w));
		expect(bad).toEqual({ ok: false, problems: { username: 'username_format', displayName: 'required', password: 'password_too_short', office: 'kac_office_required' } });
		expect(await createStaffAsAdmin(app, { username: 'x.y', displayName: 'X', role: 'auditor', office: 'kac-riga', password: PASSWORD }, adminActor(w))).toEqual({
			ok: false,
			problems: { office: 'office_only_for_clerks' }
		});
		expect(await createStaffAsAdmin(app, { username: 'admins', displayName: 'X', role: 'admin', office: '', password: PASSWORD }, adminActor(w))).toEqual({
			ok: false,
			problems: { username: 'username_taken' }
		});
		const created = await createStaffAsAdmin(app, { username: 'Ilze.Berzina', displayName: 'Ilze Bērziņa', role: 'clerk', office: 'kac-grobina', password: PASSWORD }, adminActor(w));
		if (!created.ok) throw new Error('create failed');
		const first = await login(app, { username: 'ilze.berzina', password: PASSWORD }, '10.0.0.9');
		if (!first.ok) throw new Error('login failed');

		const reset = await resetPasswordAsAdmin(app, created.id, adminActor(w));
		if (!reset.ok) throw new Error('reset failed');
		expect(reset.password).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
		expect(await sessionOf(app, first.token)).toBeNull();
		expect(await login(app, { username: 'ilze.berzina', password: PASSWORD }, '10.0.0.9')).toMatchObject({ ok: false });
		expect(await login(app, { username: 'ilze.berzina', password: reset.password }, '10.0.0.9')).toMatchObject({ ok: true });

		expect(await assignOfficeAsAdmin(app, created.id, 'lib-riga', adminActor(w))).toEqual({ ok: false, problems: { office: 'kac_office_required' } });
		expect(await assignOfficeAsAdmin(app, created.id, 'kac-riga', adminActor(w))).toEqual({ ok: true });
		expect((await staffById(ctx.db, created.id))!.office_id).toBe(w.kacRiga);

		expect(await deactivateStaffAsAdmin(app, w.admin, adminActor(w))).toEqual({ ok: false, problem: 'cannot_deactivate_self' });
		expect(await deactivateStaffAsAdmin(app, created.id, adminActor(w))).toEqual({ ok: true });
		expect(await deactivateStaffAsAdmin(app, created.id, adminActor(w))).toEqual({ ok: false, problem: 'already_inactive' });
		expect(await login(app, { username: 'ilze.berzina', password: reset.password }, '10.0.0.9')).toMatchObject({ ok: false, reason: 'inactive' });

		const staffEntries = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'subject_id']).where('subject_id', '=', created.id).orderBy('seq').execute();
		expect(staffEntries.map((e) => e.action)).toEqual(['staff.create', 'staff.password_reset', 'staff.assign', 'staff.deactivate']);
		expect(staffEntries.every((e) => e.actor_id === w.admin)).toBe(true);
		// Logins and logouts are in the log too, by the person who logged in.
		const logins = await ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'auth.login').execute();
		expect(logins.map((l) => l.actor_id)).toEqual([created.id, created.id]);
		expect(await verifyAuditChain(ctx.db)).toMatchObject({ ok: true });
	});

	it('a logout is audited', async () => {
		const r = await login(app, { username: 'admins', password: PASSWORD }, '10.0.0.9');
		if (!r.ok) throw new Error('login failed');
		await logout(app, r.token);
		expect((await actions()).slice(-2)).toEqual(['auth.login', 'auth.logout']);
	});

	it('devices: an enrollment code with clear problems, enrollment and revocation are audited', async () => {
		expect(await createEnrollmentCodeAsAdmin(app, { office: '', kind: 'x', hours: '0' }, adminActor(w))).toEqual({
			ok: false,
			problems: { office: 'required', kind: 'required', hours: 'ttl_range' }
		});
		expect(await createEnrollmentCodeAsAdmin(app, { office: 'lib-riga', kind: 'kac', hours: '24' }, adminActor(w))).toEqual({
			ok: false,
			problems: { kind: 'kac_device_needs_kac_office' }
		});
		const code = await createEnrollmentCodeAsAdmin(app, { office: 'kac-riga', kind: 'kac', hours: '24' }, adminActor(w));
		if (!code.ok) throw new Error('code failed');
		const keys = await generateDeviceKeyPair(true);
		const enrolled = await enrollDevice(app, { code: code.code, publicKey: await exportDevicePublicKey(keys.publicKey) }, '10.0.0.1');
		if (!enrolled.ok) throw new Error('enroll failed');
		expect(await revokeDevice(ctx.db, enrolled.device.id, app.now(), adminActor(w))).toBe(true);
		expect(await revokeDevice(ctx.db, enrolled.device.id, app.now(), adminActor(w))).toBe(false);
		const entries = await ctx.db.selectFrom('audit_log').select(['action', 'actor_type', 'actor_id', 'details']).where('action', 'like', 'device.%').orderBy('seq').execute();
		expect(entries.map((e) => [e.action, e.actor_type])).toEqual([
			['device.enrollment_code', 'staff'],
			['device.enroll', 'device'],
			['device.revoke', 'staff']
		]);
		// The one-time code never goes into the log.
		expect(entries.map((e) => e.details).join()).not.toContain(code.code);
	});
});
