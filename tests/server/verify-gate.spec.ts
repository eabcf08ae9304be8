import { describe, expect, it } from 'vitest';
import { VerifyGate } from '../../server/services/verify-gate';

/** A piece of work that ends when the test says so. */
function held() {
	let done!: () => void;
	const promise = new Promise<void>((r) => (done = r));
	return { work: () => promise, done };
}
const settle = () => new Promise((r) => setImmediate(r));

describe('VerifyGate', () => {
	it('runs at most `running` at once; the next waits and starts when one ends', async () => {
		const gate = new VerifyGate({ running: 2, waiting: 5, perClient: 5 });
		const [a, b, c] = [held(), held(), held()];
		const runs = [gate.run('x', a.work), gate.run('y', b.work), gate.run('z', c.work)];
		await settle();
		expect(gate.stats()).toMatchObject({ running: 2, waiting: 1 });
		a.done();
		await settle();
		expect(gate.stats()).toMatchObject({ running: 2, waiting: 0 });
		b.done();
		c.done();
		expect(await Promise.all(runs)).toEqual([
			{ ok: true, value: undefined },
			{ ok: true, value: undefined },
			{ ok: true, value: undefined }
		]);
		expect(gate.stats()).toEqual({ running: 0, waiting: 0, refused: 0, peakRunning: 2 });
	});

	it('refuses at once when the queue is full', async () => {
		const gate = new VerifyGate({ running: 1, waiting: 1, perClient: 5 });
		const [a, b] = [held(), held()];
		const first = gate.run('x', a.work);
		const second = gate.run('y', b.work);
		let ran = false;
		expect(await gate.run('z', async () => (ran = true))).toEqual({ ok: false });
		expect(ran).toBe(false);
		a.done();
		b.done();
		await Promise.all([first, second]);
		expect(gate.stats().refused).toBe(1);
	});

	it('one client holds at most `perClient` places, so a flood from one address leaves room for others', async () => {
		const gate = new VerifyGate({ running: 2, waiting: 16, perClient: 2 });
		const flood = Array.from({ length: 2 }, () => held());
		const runs = flood.map((f) => gate.run('flooder', f.work));
		for (let i = 0; i < 50; i++) expect(await gate.run('flooder', async () => 1)).toEqual({ ok: false });
		const clerk = held();
		const clerkRun = gate.run('clerk', clerk.work);
		await settle();
		expect(gate.stats()).toMatchObject({ running: 2, waiting: 1, refused: 50 });
		flood[0].done();
		await settle();
		// The clerk is next, before anything the flooder sends now.
		expect(gate.stats()).toMatchObject({ running: 2, waiting: 0 });
		clerk.done();
		flood[1].done();
		expect(await clerkRun).toEqual({ ok: true, value: undefined });
		await Promise.all(runs);
	});

	it('a failing piece of work frees its place', async () => {
		const gate = new VerifyGate({ running: 1, waiting: 0, perClient: 1 });
		await expect(gate.run('x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await gate.run('x', async () => 2)).toEqual({ ok: true, value: 2 });
	});
});

describe('VerifyGate: known-good clients', () => {
	it('wait in their own line, served first, and are not refused when the other line is full', async () => {
		const gate = new VerifyGate({ running: 1, waiting: 2, perClient: 1 });
		const order: string[] = [];
		const first = held();
		const running = gate.run('a', first.work);
		const others = ['b', 'c'].map((c) => gate.run(c, async () => void order.push(c)));
		// The other line is full: a new unknown client is refused, a known one waits.
		expect(await gate.run('d', async () => 1)).toEqual({ ok: false });
		const clerk = gate.run('clerk', async () => void order.push('clerk'), true);
		first.done();
		await Promise.all([running, ...others, clerk]);
		expect(order).toEqual(['clerk', 'b', 'c']);
	});
});
