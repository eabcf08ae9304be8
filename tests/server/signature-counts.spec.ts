/**
 * Public counts right after a change of a signature's state (issue 17): the catalog answer and
 * the public pages are kept for up to a second (services/catalog-cache.ts, server/http/page-cache.ts),
 * and every change of state (a push accepting, a denial revoking, retention purging) must make
 * the very next read count again, as announced in one place (services/signature-changes.ts).
 *
 * The clock is fixed, so nothing here ages out of a cache: a read shows a change only because the
 * change was announced. The first check shows the caches really are in the way: a change nobody
 * announces stays invisible at the same instant.
 */
import { beforeEach, expect, it } from 'vitest';
import { catalogPullResponse } from '../../server/http/catalog-fast';
import { publicPage } from '../../server/http/page-cache';
import { staffActor } from '../../server/services/audit';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { purgeIdentities } from '../../server/services/admin/retention';
import { catalogStamp } from '../../server/services/catalog-cache';
import { claimCall, recordOutcome } from '../../server/services/qc/calls';
import { reportNotSigned } from '../../server/services/qc/reports';
import type { CatalogPull } from '../../src/lib/domain/catalog-protocol';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, MINUTE, NOW, TestDevice, trpcCall, type TestApp, type World } from './kit';
import { person, visit } from './qc-kit';

describeEachDatabase('public counts after a change of signatures', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;
	/** A path of its own per test: the page cache is one per process. */
	let path: string;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: NOW });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
		path = `/initiatives/national-one?t=${Math.random().toString(36).slice(2)}`;
	});

	const SEARCH = `?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))}`;
	const inPersonOf = (pull: CatalogPull) => pull.progress.find((p) => p.initiativeId === w.national)!.inPerson;
	/** catalog.pull through tRPC, as devices and browsers without the fast path ask for it. */
	const viaTrpc = async () => inPersonOf((await (await trpcCall(app, 'catalog.pull', { input: { sinceVersion: 0 } })).json()).result.data);
	/** catalog.pull through the HTTP fast path (the bytes cached beside the answer). */
	const viaFastPath = async () => {
		const r = await catalogPullResponse(app, new Request(`http://localhost/api/trpc/catalog.pull${SEARCH}`), SEARCH);
		return inPersonOf((await r!.json()).result.data);
	};
	/**
	 * The public initiative page as the `handle` hook serves it: the page cache, and a render that
	 * reads the count the way server rendering does (its fetch of catalog.pull takes the fast path).
	 */
	let renders = 0;
	const page = async () => {
		const r = await publicPage(app, { locale: 'lv', path, head: false }, async () => {
			renders++;
			return new Response(`<p data-count>${await viaFastPath()}</p>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
		});
		return { count: Number(/data-count>(\d+)</.exec(await r.text())![1]), hit: r.headers.get('x-page-cache') === 'hit' };
	};
	const readAll = async () => ({ trpc: await viaTrpc(), fast: await viaFastPath(), page: (await page()).count });

	async function deny(windowId: string, receiptCode: string) {
		const report = await reportNotSigned(app, { code: receiptCode, scope: 'visit' }, '10.3.3.3');
		if (!report.ok) throw new Error(report.reason);
		const call = await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', windowId).executeTakeFirstOrThrow();
		expect((await claimCall(app, w.auditor, call.id)).ok).toBe(true);
		const r = await recordOutcome(app, w.auditor, call.id, { result: 'denied', note: 'Nav parakstījis.' });
		expect(r).toMatchObject({ ok: true, final: 'denied', revoked: 1 });
	}

	it('the read right after a denial shows the lowered count: catalog.pull (tRPC and fast path) and the public page', async () => {
		const a = await visit(app, kac, w.clerkRiga, [w.national], NOW - 2 * 60 * MINUTE, { identity: person() });
		const b = await visit(app, kac, w.clerkRiga, [w.national], NOW - 60 * MINUTE, { identity: person() });
		expect(await readAll()).toEqual({ trpc: 2, fast: 2, page: 2 });
		expect((await page()).hit).toBe(true);

		// The caches are in the way: a change that is not announced is not seen at this instant.
		await ctx.db.updateTable('signature').set({ state: 'revoked', reason: 'unannounced' }).where('window_id', '=', a.windowId).execute();
		expect(await readAll()).toEqual({ trpc: 2, fast: 2, page: 2 });
		await ctx.db.updateTable('signature').set({ state: 'accepted', reason: 'ok' }).where('window_id', '=', a.windowId).execute();

		const rendersBefore = renders;
		await deny(b.windowId, b.receiptCode);
		// Same instant: nothing has aged out of any cache.
		expect(app.now()).toBe(NOW);
		const after = await page();
		expect(after).toEqual({ count: 1, hit: false });
		expect(renders).toBe(rendersBefore + 1);
		expect(await viaTrpc()).toBe(1);
		expect(await viaFastPath()).toBe(1);
	});

	it('a push that accepts a signature shows at once too', async () => {
		await visit(app, kac, w.clerkRiga, [w.national], NOW - 60 * MINUTE, { identity: person() });
		expect(await readAll()).toEqual({ trpc: 1, fast: 1, page: 1 });
		await visit(app, kac, w.clerkRiga, [w.national], NOW - 30 * MINUTE, { identity: person() });
		expect(await readAll()).toEqual({ trpc: 2, fast: 2, page: 2 });
	});

	it('a retention purge is announced like every other change (counts stay as they were)', async () => {
		await visit(app, kac, w.clerkRiga, [w.national], NOW - 60 * MINUTE, { identity: person() });
		await changeInitiativeStatus(app, w.national, 'closed', staffActor(w.admin));
		await changeInitiativeStatus(app, w.national, 'submitted', staffActor(w.admin));
		app.setNow(NOW + 100 * DAY);
		expect(await readAll()).toEqual({ trpc: 1, fast: 1, page: 1 });
		const before = await catalogStamp(app);
		const r = await purgeIdentities(ctx.db, { retentionDays: 90 }, app.now());
		expect(r.initiatives.map((i) => i.signatures)).toEqual([1]);
		expect(await catalogStamp(app)).not.toBe(before);
		expect((await page()).hit).toBe(false);
		// The identities are gone; the count stays.
		expect(await readAll()).toEqual({ trpc: 1, fast: 1, page: 1 });
	});
});
