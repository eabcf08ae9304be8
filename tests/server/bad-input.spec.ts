/**
 * Issue 10 §4: client mistakes that the API answered with a 500. Each now gets a 4xx with a
 * message (and a reason code where there is one), changes nothing, and the server goes on.
 * Form bodies over real HTTP: tests/server/http-hardening.spec.ts; random input: fuzz-*.spec.ts.
 */
import { beforeEach, expect, it } from 'vitest';
import { countRawRecords } from '../../server/repositories/raw-records';
import { SESSION_COOKIE } from '../../server/services/auth';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH } from '../../src/lib/domain/json-limits';
import { sessionCookie } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, rowCounts, TestDevice, trpcCall, type TestApp, type World } from './kit';

/** `{"a":{"a":…1…}}`, `depth` objects deep, as text (JSON.stringify itself overflows on such values). */
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

async function post(app: TestApp, path: string, body: string, o: { cookie?: string; query?: string } = {}) {
	const { handleTrpc } = await import('../../server/trpc/handler');
	const headers = new Headers({ 'content-type': 'application/json', origin: 'http://localhost' });
	if (o.cookie) headers.set('cookie', o.cookie);
	return handleTrpc(new Request(`http://localhost/api/trpc/${path}${o.query ?? ''}`, { method: 'POST', headers, body }), app, { clientAddress: '10.0.0.1' });
}

describeEachDatabase('bad input gets a 4xx, never a 500', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;
	let admin: string;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
		admin = `${SESSION_COOKIE}=${await sessionCookie(app, w.admin)}`;
	});

	it('sync.push with a value nested 5,000 deep, in a record or anywhere else → 400, nothing stored', async () => {
		const before = await rowCounts(ctx.db);
		// A real signed push from the kit, with a deep value put into its record or around it.
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: app.now() - 60_000 });
		const envelope = JSON.stringify(await kac.batch([win.record]));
		const intoPayload = (deep: string) => envelope.replace('"payload":{', `"payload":{"deep":${deep},`);
		const bodies = [
			intoPayload(nestedObject(5000)),
			intoPayload(nestedArray(5000)),
			envelope.replace('"records":[', `"records":[${nestedArray(5000)},`),
			`{"0":${intoPayload(nestedObject(5000))}}`
		];
		for (const body of bodies) expect(body.length).toBeGreaterThan(envelope.length);
		for (const body of bodies) {
			const batch = body.startsWith('{"0"');
			const res = await post(app, 'sync.push', body, { query: batch ? '?batch=1' : '' });
			expect(res.status).toBe(400);
			const answer = await res.json();
			const error = (batch ? answer[0] : answer).error;
			expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, path: 'sync.push' });
			expect(error.message).toContain(`more than ${MAX_JSON_DEPTH} levels`);
		}
		expect(await rowCounts(ctx.db)).toEqual(before);
		expect(await countRawRecords(ctx.db, kac.id)).toBe(0);
		expect(await ctx.db.selectFrom('push_digest').selectAll().execute()).toEqual([]);
		// The same push without the deep value goes through.
		expect((await post(app, 'sync.push', envelope)).status).toBe(200);
		expect(await countRawRecords(ctx.db, kac.id)).toBe(1);
	});

	it('a deeply nested query input (GET) is refused the same way, batched or not', async () => {
		for (const query of [`?input=${encodeURIComponent(nestedObject(5000))}`, `?batch=1&input=${encodeURIComponent(`{"0":${nestedArray(200)}}`)}`]) {
			// trpcCall appends nothing to a GET without input: the query is the one above.
			const res = await trpcCall(app, `catalog.pull${query}`);
			expect(res.status, query.slice(0, 40)).toBe(400);
		}
	});

	it('a JSON body over 512 KB → 413 PAYLOAD_TOO_LARGE with its size, before it is parsed', async () => {
		const body = JSON.stringify({ code: 'x'.repeat(MAX_JSON_BYTES) });
		const res = await post(app, 'receipt.check', body);
		expect(res.status).toBe(413);
		const { error } = await res.json();
		expect(error.data.code).toBe('PAYLOAD_TOO_LARGE');
		expect(error.message).toContain(`${MAX_JSON_BYTES} are accepted`);
	});

	it('a body at the depth limit still reaches the procedure and its own validation', async () => {
		const deep = '{"a":'.repeat(MAX_JSON_DEPTH - 1) + '1' + '}'.repeat(MAX_JSON_DEPTH - 1);
		const res = await post(app, 'receipt.check', `{"code":"x","extra":${deep}}`);
		expect(res.status).toBe(200);
	});

	it('a NUL character in an id or a name is a miss or a refusal, never a 500 (PostgreSQL cannot hold it in text)', async () => {
		const before = await rowCounts(ctx.db);
		const auditor = `${SESSION_COOKIE}=${await sessionCookie(app, w.auditor)}`;
		const record = await post(app, 'qc.record', JSON.stringify({ callId: '\u0000abc', result: 'confirmed' }), { cookie: auditor });
		expect(record.status).toBeLessThan(500);
		const login = await post(app, 'auth.login', JSON.stringify({ username: 'klerks.riga\u0000', password: 'x\u0000' }));
		expect(login.status).toBe(200);
		expect((await login.json()).result.data).toMatchObject({ ok: false });
		const pull = await trpcCall(app, 'sync.pull', { input: { ...(await kac.pullInput()), deviceId: `${kac.id}\u0000` } });
		expect(pull.status).toBeLessThan(500);
		const revoke = await post(app, 'device.revoke', JSON.stringify({ deviceId: `${kac.id}\u0000` }), { cookie: admin });
		expect(revoke.status).toBe(200);
		expect((await revoke.json()).result.data).toEqual({ ok: false });
		expect(await rowCounts(ctx.db)).toEqual(before);
	});

	it('device.createEnrollmentCode for an unknown office → 400 unknown_office; for a closed one → 400 office_inactive', async () => {
		const before = await rowCounts(ctx.db);
		const unknown = await post(app, 'device.createEnrollmentCode', JSON.stringify({ office: 'no-such-office' }), { cookie: admin });
		expect(unknown.status).toBe(400);
		const u = (await unknown.json()).error;
		expect(u.data).toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'office', message: 'unknown_office' }] });
		expect(u.message).toContain('no-such-office');

		await ctx.db.updateTable('office').set({ active: 0 }).where('slug', '=', 'kac-grobina').execute();
		const closed = await post(app, 'device.createEnrollmentCode', JSON.stringify({ office: 'kac-grobina' }), { cookie: admin });
		expect(closed.status).toBe(400);
		expect((await closed.json()).error.data.issues).toEqual([{ path: 'office', message: 'office_inactive' }]);

		// A library cannot get a signing device: the same kind of answer.
		const library = await post(app, 'device.createEnrollmentCode', JSON.stringify({ office: 'lib-riga', kind: 'kac' }), { cookie: admin });
		expect(library.status).toBe(400);
		expect((await library.json()).error.data.issues).toEqual([{ path: 'kind', message: 'kac_device_needs_kac_office' }]);

		const codes = await ctx.db.selectFrom('enrollment_code').select('code_hash').execute();
		expect(codes).toHaveLength(1); // kac-riga's, made by TestDevice.enroll
		expect(await rowCounts(ctx.db)).toEqual(before);
		const ok = await post(app, 'device.createEnrollmentCode', JSON.stringify({ office: 'kac-riga' }), { cookie: admin });
		expect(ok.status).toBe(200);
	});
});
