/**
 * Rate limits under concurrency and batching (issue 10 §1): every attempt is counted before the
 * work it limits, so parallel requests and tRPC batches get exactly `max` checks; batches are
 * short and never carry logins or codes; a username is locked out from any number of addresses
 * until an administrator lifts it; an IPv6 /64 is one client; the password-check gate refuses
 * what it cannot run soon. On SQLite and PostgreSQL.
 */
import { beforeEach, expect, it } from 'vitest';
import { enrollDevice, ENROLL_LIMIT } from '../../server/services/enrollment';
import { LOGIN_ACCOUNT_LIMIT, LOGIN_ADDRESS_LIMIT, LOGIN_LIMIT, login, setVerifyGate, type LoginResult } from '../../server/services/auth';
import { liftLockOutAsAdmin } from '../../server/services/admin/staff';
import { reportNotSigned } from '../../server/services/qc/reports';
import { checkReceipt, RECEIPT_LIMIT } from '../../server/services/receipts';
import { staffActor } from '../../server/services/audit';
import { VerifyGate } from '../../server/services/verify-gate';
import { MAX_BATCH_CALLS } from '../../src/lib/domain/call-batching';
import { exportDevicePublicKey, generateDeviceKeyPair } from '../../src/lib/domain/device-signature';
import { handleTrpc } from '../../server/trpc/handler';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, MINUTE, NOW, PASSWORD, type TestApp, type World } from './kit';

/** A gate that never refuses, so a test counts what the rate limits alone let through. */
const roomyGate = () => new VerifyGate({ running: 2, waiting: 10_000, perClient: 10_000 });

function tally(results: readonly { ok: boolean; reason?: string }[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const r of results) {
		const key = r.ok ? 'ok' : r.reason!;
		out[key] = (out[key] ?? 0) + 1;
	}
	return out;
}

/** One HTTP request carrying `calls` as a tRPC batch (what httpBatchLink sends). */
function trpcBatch(app: TestApp, calls: { path: string; input: unknown }[], ip = '10.0.0.1'): Promise<Response> {
	const base = 'http://localhost';
	const body = JSON.stringify(Object.fromEntries(calls.map((c, i) => [String(i), c.input])));
	const url = `${base}/api/trpc/${calls.map((c) => c.path).join(',')}?batch=1`;
	const headers = { 'content-type': 'application/json', origin: base };
	return handleTrpc(new Request(url, { method: 'POST', headers, body }), app, { clientAddress: ip });
}

describeEachDatabase('rate limits', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		setVerifyGate(app, roomyGate());
	});

	const sessions = async () => (await ctx.db.selectFrom('session').select('id').execute()).length;
	const checkedLogins = async () => (await ctx.db.selectFrom('login_attempt').select('id').execute()).length;

	it('40 parallel logins for one username from one address: exactly 5 passwords are checked, 35 are rate_limited', async () => {
		const results = await Promise.all(
			Array.from({ length: 40 }, () => login(app, { username: 'admins', password: 'guess' }, '203.0.113.7'))
		);
		expect(tally(results)).toEqual({ invalid_credentials: LOGIN_LIMIT.max, rate_limited: 40 - LOGIN_LIMIT.max });
		expect(await checkedLogins()).toBe(LOGIN_LIMIT.max);
		// The right password after them is refused too, without a check.
		expect(await login(app, { username: 'admins', password: PASSWORD }, '203.0.113.7')).toEqual({
			ok: false,
			reason: 'rate_limited',
			retryAfterSec: 15 * 60
		});
		expect(await checkedLogins()).toBe(LOGIN_LIMIT.max);
	});

	it('100 parallel logins spraying usernames from one address: exactly 50 are checked', async () => {
		const results = await Promise.all(
			Array.from({ length: 100 }, (_, i) => login(app, { username: `user${i}`, password: 'guess' }, '203.0.113.8'))
		);
		expect(tally(results)).toEqual({ invalid_credentials: LOGIN_ADDRESS_LIMIT.max, rate_limited: 100 - LOGIN_ADDRESS_LIMIT.max });
	});

	it('a batch of 300 auth.login calls with the right password at position 250 is refused whole: nothing checked, nobody logged in', async () => {
		const calls = Array.from({ length: 300 }, (_, i) => ({
			path: 'auth.login',
			input: { username: 'admins', password: i === 249 ? PASSWORD : `guess ${i}` }
		}));
		const res = await trpcBatch(app, calls);
		expect(res.status).toBe(400);
		expect(res.headers.get('set-cookie')).toBeNull();
		const body = await res.json();
		const errors = Array.isArray(body) ? body.map((b: { error: unknown }) => b.error) : [body.error];
		expect(errors[0].data.code).toBe('BAD_REQUEST');
		expect(await sessions()).toBe(0);
		expect(await checkedLogins()).toBe(0);
	});

	it('a batch that fits the bound but carries logins is refused call by call with BAD_REQUEST: nothing checked, nobody logged in', async () => {
		const calls = Array.from({ length: MAX_BATCH_CALLS }, (_, i) => ({
			path: 'auth.login',
			input: { username: 'admins', password: i === MAX_BATCH_CALLS - 1 ? PASSWORD : `guess ${i}` }
		}));
		const res = await trpcBatch(app, calls);
		expect(res.status).toBe(400);
		expect(res.headers.get('set-cookie')).toBeNull();
		const body = (await res.json()) as { error: { message: string; data: { code: string } } }[];
		expect(body).toHaveLength(MAX_BATCH_CALLS);
		for (const answer of body) {
			expect(answer.error.data.code).toBe('BAD_REQUEST');
			expect(answer.error.message).toBe('auth.login must be sent alone, not in a batch');
		}
		expect(await sessions()).toBe(0);
		expect(await checkedLogins()).toBe(0);
		// receipt.* and device.enroll in a batch: refused the same way.
		const mixed = await trpcBatch(app, [
			{ path: 'receipt.check', input: { code: 'X' } },
			{ path: 'receipt.report', input: { code: 'X', scope: 'visit' } },
			{ path: 'device.enroll', input: { code: 'X', publicKey: {} } }
		]);
		const answers = (await mixed.json()) as { error?: { message: string; data: { code: string } } }[];
		expect(answers.map((a) => [a.error?.data.code, a.error?.message])).toEqual([
			['BAD_REQUEST', 'receipt.check must be sent alone, not in a batch'],
			['BAD_REQUEST', 'receipt.report must be sent alone, not in a batch'],
			['BAD_REQUEST', 'device.enroll must be sent alone, not in a batch']
		]);
		expect(await ctx.db.selectFrom('rate_bucket').selectAll().execute()).toEqual([]);
	});

	it('one login alone, even as a batch of one (what the client never sends, but may), still works', async () => {
		const res = await trpcBatch(app, [{ path: 'auth.login', input: { username: 'admins', password: PASSWORD } }]);
		expect(res.status).toBe(200);
		expect((await res.json())[0].result.data.ok).toBe(true);
	});

	it('a username is locked out after 20 wrong passwords from any number of addresses, for known and unknown names alike; an administrator lifts it (audited)', async () => {
		const guessFrom = async (username: string) => {
			const out: LoginResult[] = [];
			// Four addresses, five guesses each: no single address reaches its own limit's end.
			for (let a = 0; a < LOGIN_ACCOUNT_LIMIT.max / LOGIN_LIMIT.max; a++) {
				out.push(...(await Promise.all(Array.from({ length: LOGIN_LIMIT.max }, () => login(app, { username, password: 'guess' }, `198.51.100.${a}`)))));
			}
			return out;
		};
		expect(tally(await guessFrom('klerks.riga'))).toEqual({ invalid_credentials: LOGIN_ACCOUNT_LIMIT.max });
		expect(tally(await guessFrom('nobody.here'))).toEqual({ invalid_credentials: LOGIN_ACCOUNT_LIMIT.max });
		app.setNow(NOW + 10 * MINUTE);
		// The real clerk, from the office's own address, with the right password: locked out.
		const known = await login(app, { username: 'klerks.riga', password: PASSWORD }, '10.1.1.1');
		const unknown = await login(app, { username: 'nobody.here', password: PASSWORD }, '10.1.1.1');
		expect(known).toEqual({ ok: false, reason: 'rate_limited', retryAfterSec: 50 * 60 });
		// Unknown and known usernames answer alike.
		expect(unknown).toEqual(known);
		// Another username is not held up.
		expect((await login(app, { username: 'klerks.grobina', password: PASSWORD }, '10.1.1.1')).ok).toBe(true);

		expect(await liftLockOutAsAdmin(app, w.clerkGrobina, staffActor(w.admin))).toEqual({ ok: false, problem: 'not_locked_out' });
		expect(await liftLockOutAsAdmin(app, w.clerkRiga, staffActor(w.admin))).toEqual({ ok: true });
		expect((await login(app, { username: 'klerks.riga', password: PASSWORD }, '10.1.1.1')).ok).toBe(true);
		// Also from an address that had used up its own five guesses.
		expect((await login(app, { username: 'klerks.riga', password: PASSWORD }, '198.51.100.0')).ok).toBe(true);
		const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'subject_id']).where('action', '=', 'staff.lockout_lift').execute();
		expect(audit).toEqual([{ action: 'staff.lockout_lift', actor_id: w.admin, subject_id: w.clerkRiga }]);
		// The lock-out ends by itself an hour after the first wrong password.
		app.setNow(NOW + HOUR);
		expect(await login(app, { username: 'nobody.here', password: PASSWORD }, '10.1.1.1')).toEqual({ ok: false, reason: 'invalid_credentials' });
	});

	it('an IPv6 /64 is one client: five guesses from five addresses in it use up its limit', async () => {
		for (let i = 1; i <= LOGIN_LIMIT.max; i++) {
			expect((await login(app, { username: 'admins', password: 'guess' }, `2001:db8:aa:bb::${i}`))).toEqual({ ok: false, reason: 'invalid_credentials' });
		}
		expect((await login(app, { username: 'admins', password: PASSWORD }, '2001:db8:aa:bb:ffff::1'))).toMatchObject({ ok: false, reason: 'rate_limited' });
		expect((await login(app, { username: 'admins', password: PASSWORD }, '2001:db8:aa:bc::1')).ok).toBe(true);
	});

	it('a right password gives its attempt back: a clerk who logs in 60 times a day from one office is never held up', async () => {
		for (let i = 0; i < 60; i++) {
			app.setNow(NOW + i * 1000);
			expect((await login(app, { username: i % 2 ? 'klerks.riga' : 'admins', password: PASSWORD }, '10.9.9.9')).ok).toBe(true);
		}
	});

	it('the password-check gate: when full, a login is refused at once with retryAfterSec 1, before any counting; an address a right password came from waits in the first line', async () => {
		// One address logs in rightly once: it is known from now on.
		expect((await login(app, { username: 'admins', password: PASSWORD }, '10.3.3.3')).ok).toBe(true);
		const gate = new VerifyGate({ running: 1, waiting: 1, perClient: 1 });
		setVerifyGate(app, gate);
		let release!: () => void;
		// One check running, one waiting: the line for unknown addresses is full.
		const busy = gate.run('someone else', () => new Promise<void>((r) => (release = r)));
		const queued = gate.run('a third', async () => undefined);
		expect(await login(app, { username: 'admins', password: PASSWORD }, '10.2.2.2')).toEqual({ ok: false, reason: 'rate_limited', retryAfterSec: 1 });
		expect(await ctx.db.selectFrom('rate_bucket').select('scope').where('key', 'like', '%10.2.2.2').execute()).toEqual([]);
		expect(gate.stats().refused).toBe(1);
		// The known address is not refused: it waits for the place.
		const knownLogin = login(app, { username: 'admins', password: PASSWORD }, '10.3.3.3');
		while (gate.stats().waiting < 2) await new Promise((r) => setImmediate(r));
		release();
		await Promise.all([busy, queued]);
		expect((await knownLogin).ok).toBe(true);
		expect((await login(app, { username: 'admins', password: PASSWORD }, '10.2.2.2')).ok).toBe(true);
	});

	it('1,000 parallel receipt checks from one address: exactly 20 are looked up; reports share the count', async () => {
		const results = await Promise.all(Array.from({ length: 1000 }, () => checkReceipt(app, { code: 'AAAA-BBBB-CCCC' }, '192.0.2.1')));
		const t = tally(results);
		expect(t.rate_limited).toBe(1000 - RECEIPT_LIMIT.max);
		expect((t.invalid_code ?? 0) + (t.not_found ?? 0)).toBe(RECEIPT_LIMIT.max);
		const report = await reportNotSigned(app, { code: 'AAAA-BBBB-CCCC', scope: 'visit' }, '192.0.2.1');
		expect(report.ok ? 'ok' : report.reason).toBe('rate_limited');
		// A batch of them is refused whole or call by call; never looked up.
		const res = await trpcBatch(app, Array.from({ length: 1000 }, () => ({ path: 'receipt.check', input: { code: 'AAAA-BBBB-CCCC' } })), '192.0.2.2');
		expect(res.status).toBe(400);
		expect(await ctx.db.selectFrom('rate_bucket').select('key').where('key', '=', '192.0.2.2').execute()).toEqual([]);
	});

	it('200 parallel enrolments with wrong codes from one address: exactly 10 are looked up, 190 rate_limited', async () => {
		const publicKey = await exportDevicePublicKey((await generateDeviceKeyPair(true)).publicKey);
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, i) => enrollDevice(app, { code: `ABCD-EFGH-${String(i).padStart(4, '0')}`, publicKey }, '192.0.2.9'))
		);
		expect(tally(results)).toEqual({ invalid_code: ENROLL_LIMIT.max, rate_limited: 200 - ENROLL_LIMIT.max });
	});
});
