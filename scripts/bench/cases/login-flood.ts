/**
 * A staff login while the login endpoint is flooded (issue 10 §1), against the built server
 * (`node scripts/serve.mjs`) with ADDRESS_HEADER=x-forwarded-for, so the bench can play clients
 * at many addresses:
 *
 * - baseline: a staff member's login (right password), alone, from the address they always use
 *   (a right password from an address makes it known: its logins wait in the gate's first line);
 * - one address: the same login while 400 bogus logins from one attacker address are in flight
 *   (the measurement: per-address limits and the gate's per-client share hold them off);
 * - 400 addresses: the same while 400 bogus logins from 400 addresses are in flight (only the
 *   password-check gate stands between them and argon2: refused ones answer `rate_limited`
 *   with retryAfterSec 1, and the staff login may be one of them, counted as such).
 *
 * Each login is its own request: the server refuses logins in a batch.
 */
import type { Dialect } from '../../../server/db/connect';
import { createStaff } from '../../../server/services/staff';
import { freshDatabase } from '../lib/databases';
import { benchApp } from '../lib/fixture';
import { AppProcess } from '../lib/server';

export const LOGIN_FLOOD = { flood: 400, rounds: 7 };

const PASSWORD = 'bench staff password 1';

export interface LoginFloodRun {
	/** Staff login latency alone, ms (median of the rounds). */
	baselineMs: number;
	/** Staff login latency with 400 bogus logins from one address in flight, ms. */
	oneAddressMs: number;
	/** Time until the whole 1-address flood was answered, ms (median): what the staff login queues behind. */
	oneAddressFloodMs: number;
	/** Staff login latency with 400 bogus logins from 400 addresses in flight, ms. */
	manyAddressesMs: number;
	/** Staff logins refused by the gate during the 400-address flood (of `rounds`). */
	manyAddressesStaffRefused: number;
	/** The same staff member from an address never logged in from before: refused (of `rounds`). */
	manyAddressesNewAddressRefused: number;
	/** Of the 400-address flood, how many passwords were checked (the rest refused at once). */
	manyAddressesChecked: number;
	/** Time until the whole 400-address flood was answered, ms (median). */
	manyAddressesFloodMs: number;
}

interface Answer {
	ok: boolean;
	reason?: string;
	retryAfterSec?: number;
}

function median(values: number[]): number {
	const v = [...values].sort((a, b) => a - b);
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export async function loginFloodRun(dialect: Dialect, postgresUrl: string | undefined, o: { root: string; flood: number; rounds: number }): Promise<LoginFloodRun> {
	const now = Date.now();
	const database = await freshDatabase(dialect, postgresUrl);
	let server: AppProcess | undefined;
	try {
		const app = await benchApp(database, now);
		await createStaff(app.database.db, { username: 'bench.admin', displayName: 'Bench Admin', role: 'admin', password: PASSWORD }, now);
		await database.close();
		server = await AppProcess.start(o.root, database.url, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
		const url = `${server.url}/api/trpc/auth.login`;
		const login = async (username: string, password: string, address: string): Promise<{ ms: number; answer: Answer }> => {
			const t0 = performance.now();
			const send = () =>
				fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: server!.url, 'x-forwarded-for': address },
					body: JSON.stringify({ username, password })
				});
			// A kept-alive connection the server has just closed: sent again once, on a new one.
			const res = await send().catch(send);
			const body = (await res.json()) as { result?: { data: Answer } };
			if (!body.result) throw new Error(`login answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
			return { ms: performance.now() - t0, answer: body.result.data };
		};
		const staffLogin = async (address = '10.0.0.1') => {
			const r = await login('bench.admin', PASSWORD, address);
			if (!r.answer.ok && !(r.answer.reason === 'rate_limited' && r.answer.retryAfterSec === 1)) {
				throw new Error(`staff login refused: ${JSON.stringify(r.answer)}`);
			}
			return r;
		};
		// Warm up (argon2's first hash, prepared statements); the office's address becomes known.
		await staffLogin();

		const baseline: number[] = [];
		for (let i = 0; i < o.rounds; i++) baseline.push((await staffLogin()).ms);

		const floodRound = async (round: number, addressOf: (i: number) => string) => {
			const t0 = performance.now();
			const flood = Array.from({ length: o.flood }, (_, i) => login(`guess.${round}.${i}`, `wrong ${i}`, addressOf(i)));
			// The staff login starts once the whole flood has been sent.
			await new Promise((r) => setImmediate(r));
			const [staff, fromNewAddress] = await Promise.all([staffLogin(), staffLogin(`172.16.${round}.1`)]);
			const answers = await Promise.all(flood);
			return {
				staff,
				fromNewAddress,
				floodMs: performance.now() - t0,
				checked: answers.filter((a) => a.answer.reason === 'invalid_credentials').length
			};
		};

		// One flood unmeasured: the client's 400 connections are opened here, not in the first round.
		await floodRound(999, (i) => `10.250.${i >> 8}.${i & 255}`);

		const oneAddress: Awaited<ReturnType<typeof floodRound>>[] = [];
		for (let r = 0; r < o.rounds; r++) oneAddress.push(await floodRound(r, () => `198.51.100.${r}`));

		const many: Awaited<ReturnType<typeof floodRound>>[] = [];
		for (let r = 0; r < o.rounds; r++) many.push(await floodRound(100 + r, (i) => `10.${100 + r}.${i >> 8}.${i & 255}`));

		return {
			baselineMs: median(baseline),
			oneAddressMs: median(oneAddress.map((m) => m.staff.ms)),
			oneAddressFloodMs: median(oneAddress.map((m) => m.floodMs)),
			manyAddressesMs: median(many.map((m) => m.staff.ms)),
			manyAddressesStaffRefused: many.filter((m) => !m.staff.answer.ok).length,
			manyAddressesNewAddressRefused: many.filter((m) => !m.fromNewAddress.answer.ok).length,
			manyAddressesChecked: median(many.map((m) => m.checked)),
			manyAddressesFloodMs: median(many.map((m) => m.floodMs))
		};
	} finally {
		await server?.stop();
		await database.drop();
	}
}
