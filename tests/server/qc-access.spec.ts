import { beforeEach, expect, it } from 'vitest';
import { appRouter } from '../../server/trpc/router';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { sessionCookie } from './qc-kit';

/** Every procedure of the qc router, read from the router itself so none is forgotten. */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
	.filter(([path]) => path.startsWith('qc.'))
	.map(([path, p]) => ({ path, type: p._def.type }));

const INPUT: Record<string, unknown> = {
	'qc.claim': { callId: 'x' },
	'qc.release': { callId: 'x' },
	'qc.callDetails': { callId: 'x' },
	'qc.record': { callId: 'x', result: 'confirmed', note: '' },
	'qc.resolveFlag': { flagId: 'x', note: 'n' },
	'qc.flags': { resolved: false }
};

describeEachDatabase('QC access', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	const call = (path: string, type: string, cookie?: string) =>
		trpcCall(app, path, { method: type === 'mutation' ? 'POST' : 'GET', input: INPUT[path], cookie });

	it('the router has the procedures this test walks', () => {
		expect(procedures.map((p) => p.path).sort()).toEqual(
			['qc.calls', 'qc.next', 'qc.claim', 'qc.release', 'qc.callDetails', 'qc.record', 'qc.flags', 'qc.resolveFlag', 'qc.dashboard', 'qc.refresh'].sort()
		);
	});

	it('anonymous callers, clerks and auditors on a library device get 403 from every qc procedure; auditors and administrators do not', async () => {
		const clerk = await sessionCookie(app, 'klerks.riga');
		const library = await TestDevice.enroll(app, 'lib-riga', 'library');
		const onLibraryPc = await sessionCookie(app, 'revidents', library.id);
		for (const who of [undefined, clerk, onLibraryPc]) {
			for (const p of procedures) {
				const res = await call(p.path, p.type, who);
				expect(res.status, `${p.path} as ${who ? who.slice(0, 20) : 'anonymous'}`).toBe(403);
			}
		}
		for (const username of ['revidents', 'admins']) {
			const cookie = await sessionCookie(app, username);
			for (const p of procedures) {
				const res = await call(p.path, p.type, cookie);
				expect([200, 404], `${p.path} as ${username}`).toContain(res.status);
			}
		}
		expect(w.auditor).toBeTruthy();
	});
});
