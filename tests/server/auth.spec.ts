import { beforeEach, expect, it } from 'vitest';
import { LOGIN_LIMIT, login } from '../../server/services/auth';
import { revokeDevice } from '../../server/services/enrollment';
import { deactivateStaff } from '../../server/services/staff';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, MINUTE, NOW, PASSWORD, TestDevice, trpcCall, type TestApp, type World } from './kit';

const cookieOf = (res: Response) => res.headers.get('set-cookie') ?? '';
const tokenOf = (setCookie: string) => /kt_session=([^;]*)/.exec(setCookie)?.[1] ?? '';

describeEachDatabase('auth', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const loginCall = (input: Record<string, unknown>, o: { base?: string; ip?: string; origin?: string | null } = {}) =>
		trpcCall(app, 'auth.login', { method: 'POST', input, ...o });

	it('login sets an httpOnly, SameSite=Strict session cookie; me reads it; logout ends it', async () => {
		const res = await loginCall({ username: 'Klerks.Riga ', password: PASSWORD });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.result.data).toEqual({
			ok: true,
			staff: { id: w.clerkRiga, name: 'Klerks Rīga', role: 'clerk', officeId: w.kacRiga }
		});
		const setCookie = cookieOf(res);
		expect(setCookie).toMatch(/^kt_session=[A-Za-z0-9_-]{43}; /);
		expect(setCookie).toContain('HttpOnly');
		expect(setCookie).toContain('SameSite=Strict');
		expect(setCookie).toContain('Path=/');
		expect(setCookie).toContain(`Max-Age=${12 * 3600}`);
		expect(setCookie).not.toContain('Secure');
		expect(res.headers.get('cache-control')).toBe('no-store');

		const cookie = `kt_session=${tokenOf(setCookie)}`;
		// The database keeps only a hash of the token.
		const sessions = await ctx.db.selectFrom('session').select('id').execute();
		expect(sessions).toHaveLength(1);
		expect(sessions[0].id).not.toContain(tokenOf(setCookie));

		const me = await (await trpcCall(app, 'auth.me', { cookie })).json();
		expect(me.result.data).toEqual({ staff: { id: w.clerkRiga, name: 'Klerks Rīga', role: 'clerk', officeId: w.kacRiga }, deviceId: null });

		const out = await trpcCall(app, 'auth.logout', { method: 'POST', cookie });
		expect(out.status).toBe(200);
		expect(cookieOf(out)).toContain('Max-Age=0');
		const after = await (await trpcCall(app, 'auth.me', { cookie })).json();
		expect(after.result.data).toBeNull();
	});

	it('the session cookie is Secure when the request is https', async () => {
		const res = await loginCall({ username: 'admins', password: PASSWORD }, { base: 'https://klatiene.example' });
		expect(res.status).toBe(200);
		expect(cookieOf(res)).toContain('Secure');
	});

	it('a session expires after SESSION_HOURS', async () => {
		const res = await loginCall({ username: 'admins', password: PASSWORD });
		const cookie = `kt_session=${tokenOf(cookieOf(res))}`;
		app.setNow(NOW + 12 * 3600_000 + 1);
		expect((await (await trpcCall(app, 'auth.me', { cookie })).json()).result.data).toBeNull();
	});

	it('wrong password and unknown username both say invalid_credentials', async () => {
		const wrong = await loginCall({ username: 'klerks.riga', password: 'not the password' });
		expect((await wrong.json()).result.data).toEqual({ ok: false, reason: 'invalid_credentials' });
		expect(cookieOf(wrong)).toBe('');
		const unknown = await loginCall({ username: 'nobody', password: PASSWORD });
		expect((await unknown.json()).result.data).toEqual({ ok: false, reason: 'invalid_credentials' });
	});

	it('rate limit: 5 failures per username and address in 15 minutes, then rate_limited even with the right password', async () => {
		for (let i = 0; i < LOGIN_LIMIT.max; i++) {
			app.setNow(NOW + i * MINUTE);
			expect((await login(app, { username: 'klerks.riga', password: 'wrong' }, '10.0.0.1')).ok).toBe(false);
		}
		app.setNow(NOW + 5 * MINUTE);
		const limited = await login(app, { username: 'klerks.riga', password: PASSWORD }, '10.0.0.1');
		expect(limited).toEqual({ ok: false, reason: 'rate_limited', retryAfterSec: 10 * 60 });
		// Another address, or another username, is not held up.
		expect((await login(app, { username: 'klerks.riga', password: PASSWORD }, '10.0.0.2')).ok).toBe(true);
		expect((await login(app, { username: 'admins', password: PASSWORD }, '10.0.0.1')).ok).toBe(true);
		// Once the oldest failure is 15 minutes old, one more try is allowed.
		app.setNow(NOW + 15 * MINUTE + 1);
		expect((await login(app, { username: 'klerks.riga', password: PASSWORD }, '10.0.0.1')).ok).toBe(true);
	});

	it('the rate limit answers over tRPC as data with retryAfterSec', async () => {
		for (let i = 0; i < 5; i++) await loginCall({ username: 'admins', password: 'nope' });
		const res = await loginCall({ username: 'admins', password: PASSWORD });
		const data = (await res.json()).result.data;
		expect(data.ok).toBe(false);
		expect(data.reason).toBe('rate_limited');
		expect(data.retryAfterSec).toBeGreaterThan(0);
	});

	it('inactive: a deactivated account with the right password; and its sessions end', async () => {
		const res = await loginCall({ username: 'klerks.riga', password: PASSWORD });
		const cookie = `kt_session=${tokenOf(cookieOf(res))}`;
		await deactivateStaff(ctx.db, w.clerkRiga, NOW);
		expect(await login(app, { username: 'klerks.riga', password: PASSWORD }, '1.1.1.1')).toEqual({ ok: false, reason: 'inactive' });
		expect(await login(app, { username: 'klerks.riga', password: 'wrong' }, '1.1.1.1')).toEqual({ ok: false, reason: 'invalid_credentials' });
		expect((await (await trpcCall(app, 'auth.me', { cookie })).json()).result.data).toBeNull();
	});

	it('on a device: a clerk of another office gets wrong_office; an unknown or revoked device gets unknown_device', async () => {
		const riga = await TestDevice.enroll(app, 'kac-riga');
		const ok = await login(app, { username: 'klerks.riga', password: PASSWORD, deviceId: riga.id }, 'ip');
		expect(ok.ok).toBe(true);
		expect(await login(app, { username: 'klerks.grobina', password: PASSWORD, deviceId: riga.id }, 'ip')).toEqual({ ok: false, reason: 'wrong_office' });
		// Administrators are not bound to an office.
		expect((await login(app, { username: 'admins', password: PASSWORD, deviceId: riga.id }, 'ip')).ok).toBe(true);
		expect(await login(app, { username: 'klerks.riga', password: PASSWORD, deviceId: 'no-such-device' }, 'ip')).toEqual({ ok: false, reason: 'unknown_device' });
		await revokeDevice(ctx.db, riga.id, NOW);
		expect(await login(app, { username: 'klerks.riga', password: PASSWORD, deviceId: riga.id }, 'ip')).toEqual({ ok: false, reason: 'unknown_device' });
	});

	it('revoking a device ends the sessions opened on it', async () => {
		const riga = await TestDevice.enroll(app, 'kac-riga');
		const res = await loginCall({ username: 'klerks.riga', password: PASSWORD, deviceId: riga.id });
		const cookie = `kt_session=${tokenOf(cookieOf(res))}`;
		expect((await (await trpcCall(app, 'auth.me', { cookie })).json()).result.data.deviceId).toBe(riga.id);
		await revokeDevice(ctx.db, riga.id, NOW);
		expect((await (await trpcCall(app, 'auth.me', { cookie })).json()).result.data).toBeNull();
	});

	it('Origin check: a mutation without our Origin, or from another origin, gets 403; queries are not affected', async () => {
		const none = await loginCall({ username: 'admins', password: PASSWORD }, { origin: null });
		expect(none.status).toBe(403);
		expect(cookieOf(none)).toBe('');
		const evil = await loginCall({ username: 'admins', password: PASSWORD }, { origin: 'https://evil.example' });
		expect(evil.status).toBe(403);
		expect((await evil.json()).error.data.code).toBe('FORBIDDEN');
		const push = await trpcCall(app, 'sync.push', { method: 'POST', origin: 'https://evil.example', input: {} });
		expect(push.status).toBe(403);
		const enroll = await trpcCall(app, 'device.enroll', { method: 'POST', origin: null, input: { code: 'x', publicKey: {} } });
		expect([400, 403]).toContain(enroll.status);
		expect((await trpcCall(app, 'auth.me')).status).toBe(200);
		// Nothing was attempted, so nothing was counted against the rate limit.
		expect(await ctx.db.selectFrom('login_attempt').selectAll().execute()).toHaveLength(0);
	});

	it('with ORIGIN configured, only that origin may send mutations', async () => {
		const app2 = await createTestApp(ctx.handle, { env: { ORIGIN: 'https://klatiene.example.lv/' } });
		const call = (origin: string) =>
			trpcCall(app2, 'auth.login', { method: 'POST', base: 'http://127.0.0.1:3000', origin, input: { username: 'admins', password: PASSWORD } });
		expect((await call('http://127.0.0.1:3000')).status).toBe(403);
		expect((await call('https://klatiene.example.lv')).status).toBe(200);
	});

	it('staffProcedure: 401 without a session, 403 for the wrong role, allowed for the right one', async () => {
		const input = { office: 'kac-riga' };
		expect((await trpcCall(app, 'device.createEnrollmentCode', { method: 'POST', input })).status).toBe(401);
		const clerk = tokenOf(cookieOf(await loginCall({ username: 'klerks.riga', password: PASSWORD })));
		expect((await trpcCall(app, 'device.createEnrollmentCode', { method: 'POST', input, cookie: `kt_session=${clerk}` })).status).toBe(403);
		const admin = tokenOf(cookieOf(await loginCall({ username: 'admins', password: PASSWORD })));
		const ok = await trpcCall(app, 'device.createEnrollmentCode', { method: 'POST', input, cookie: `kt_session=${admin}` });
		expect(ok.status).toBe(200);
		expect((await ok.json()).result.data.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
	});
});
