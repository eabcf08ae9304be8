/**
 * Two server processes (`node build`) on one PostgreSQL schema count login attempts together
 * (issue 10 §1): a username's lock-out holds whichever instance an attempt reaches, also when
 * the attempts arrive at both at once. The servers take the client address from
 * X-Forwarded-For (ADDRESS_HEADER, as behind a load balancer), so attempts can come from many
 * addresses. Runs when TEST_DATABASE_URL is set; needs the built app (see server-process.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ACCOUNT_LIMIT } from '../../server/services/auth';
import { createStaff } from '../../server/services/staff';
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from './databases';
import { createTestApp, PASSWORD } from './kit';
import { builtApp, ServerProcess } from './server-process';

interface Answer {
	ok: boolean;
	reason?: string;
	retryAfterSec?: number;
}

describe.skipIf(!POSTGRES_URL)('rate limits: two server instances on one PostgreSQL count together', () => {
	let database: TestDatabase & { drop(): Promise<void> };
	let built: { dir: string; cleanup(): void };
	const instances: ServerProcess[] = [];

	beforeAll(async () => {
		built = builtApp();
		database = await createTestDatabase('postgres');
		const app = await createTestApp(database, { now: Date.now() });
		await createStaff(app.database.db, { username: 'klerks.viens', displayName: 'Klerks Viens', role: 'admin', password: PASSWORD }, app.now());
		const env = { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' };
		instances.push(await ServerProcess.start(built.dir, database.url, { entry: 'build', env }), await ServerProcess.start(built.dir, database.url, { entry: 'build', env }));
	}, 240_000);

	afterAll(async () => {
		await Promise.all(instances.map((i) => i.stop()));
		await database?.drop();
		built?.cleanup();
	});

	const login = async (instance: ServerProcess, address: string, password: string): Promise<Answer> => {
		const res = await fetch(`${instance.url}/api/trpc/auth.login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: instance.url, 'x-forwarded-for': address },
			body: JSON.stringify({ username: 'klerks.viens', password })
		});
		return ((await res.json()) as { result: { data: Answer } }).result.data;
	};

	it(`${LOGIN_ACCOUNT_LIMIT.max} wrong passwords in all, half through each instance, some at once: exactly ${LOGIN_ACCOUNT_LIMIT.max} are checked, then the account is locked on both`, async () => {
		// Ten one after another, alternating instances, each from its own address.
		for (let i = 0; i < 10; i++) {
			expect(await login(instances[i % 2], `198.51.100.${i}`, `guess ${i}`)).toEqual({ ok: false, reason: 'invalid_credentials' });
		}
		// Eighteen at once, nine at each instance (each instance's gate runs two and queues the
		// rest, so nothing is refused for being busy): exactly ten more are checked.
		const burst = await Promise.all(Array.from({ length: 18 }, (_, i) => login(instances[i % 2], `203.0.113.${i}`, `guess ${i}`)));
		expect(burst.filter((a) => a.reason === 'invalid_credentials')).toHaveLength(LOGIN_ACCOUNT_LIMIT.max - 10);
		const limited = burst.filter((a) => a.reason === 'rate_limited');
		expect(limited).toHaveLength(18 - (LOGIN_ACCOUNT_LIMIT.max - 10));
		// Refused by the lock-out, not by a busy gate.
		for (const a of limited) expect(a.retryAfterSec).toBeGreaterThan(60);
		// The right password, at either instance, from a fresh address: locked.
		for (const instance of instances) expect((await login(instance, '10.7.7.7', PASSWORD)).reason).toBe('rate_limited');
	});

	it('40 parallel form logins on /admin/login from one address, 20 at each instance: at most 5 passwords are checked, every other answer is 429', async () => {
		const formLogin = async (instance: ServerProcess, i: number) => {
			const res = await fetch(`${instance.url}/admin/login`, {
				method: 'POST',
				redirect: 'manual',
				// As the page's enhanced form sends it; the answer is the action's result as JSON.
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					origin: instance.url,
					'x-forwarded-for': '192.0.2.50'
				},
				body: new URLSearchParams({ username: 'admins.forma', password: `guess ${i}` }).toString()
			});
			const answer = (await res.json()) as { type: string; status: number };
			expect(answer.type).toBe('failure');
			return answer.status;
		};
		const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => formLogin(instances[i % 2], i)));
		const checked = statuses.filter((s) => s === 400).length;
		expect(checked).toBeGreaterThanOrEqual(1);
		expect(checked).toBeLessThanOrEqual(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(40 - checked);
		const attempts = await database.db.selectFrom('login_attempt').select('id').where('username', '=', 'admins.forma').execute();
		expect(attempts).toHaveLength(checked);
	});
});
