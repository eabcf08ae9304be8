/**
 * Issue 12 §2: the pages and the server answer "may this be signed now" with one rule
 * (src/lib/domain/may-sign.ts). At each boundary — the opening instant, the closing instant, the
 * end of the grace period and an early close — what the public catalog, the progress phase and
 * the office PC show from a real catalog pull equals what the push decides on the real database.
 */
import { beforeEach, expect, it } from 'vitest';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { staffActor } from '../../server/services/audit';
import { pullCatalog } from '../../server/services/catalog';
import { createInitiative } from '../../server/services/catalog-create';
import { lastArrival } from '../../src/lib/domain/may-sign';
import { initiativePhase } from '../../src/lib/domain/progress';
import { isOpenForSigning } from '../../src/lib/public/catalog';
import { eligibleInitiatives } from '../../src/lib/client/office/open-visit';
import { describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, reasons, TestDevice, type TestApp, type World } from './kit';

describeEachDatabase('may-sign: pages and server agree', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const make = (slug: string, opensAt: number, closesAt: number) =>
		createInitiative(
			ctx.db,
			{
				slug,
				titleLv: `Iniciatīva ${slug}`,
				titleEn: `Initiative ${slug}`,
				summaryLv: 'Apraksts.',
				summaryEn: 'Summary.',
				bodyLv: 'Teksts.',
				bodyEn: 'Text.',
				scope: 'national',
				municipality: null,
				status: 'open',
				opensAt,
				closesAt,
				goal: 100
			},
			NOW - 60 * DAY
		);

	/** What each page shows at `t`, from the catalog as a device or browser pulls it. */
	async function pages(id: string, t: number) {
		const i = (await pullCatalog(ctx.db, 0, t)).initiatives.find((x) => x.id === id)!;
		return {
			catalog: isOpenForSigning(i, t),
			phase: ['open', 'closing_soon'].includes(initiativePhase(i, t)),
			officePc: eligibleInitiatives([i], citizen(), t).length === 1
		};
	}
	const all = (open: boolean) => ({ catalog: open, phase: open, officePc: open });

	it('opens at opensAt and closes at closesAt, to the millisecond', async () => {
		// 28.11.2026 is a Saturday and the office's hours say closed: holidays and hours do not enter.
		const opens = NOW - 3 * HOUR;
		const closes = NOW - HOUR;
		const opening = await make('opens-today', opens, NOW + 30 * DAY);
		const closing = await make('closes-today', NOW - 30 * DAY, closes);
		const a = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: opens - MINUTE });
		const records = [a.record, await kac.sign(a.windowId, opening, opens - 1), await kac.sign(a.windowId, opening, opens)];
		const b = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: closes - MINUTE, identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28' }) });
		records.push(b.record, await kac.sign(b.windowId, closing, closes - 1), await kac.sign(b.windowId, closing, closes));
		const result = await kac.push(records);
		expect(reasons(result)).toEqual(['accepted', 'initiative_closed', 'accepted', 'accepted', 'accepted', 'initiative_closed']);

		expect(await pages(opening, opens - 1)).toEqual(all(false));
		expect(await pages(opening, opens)).toEqual(all(true));
		expect(await pages(closing, closes - 1)).toEqual(all(true));
		expect(await pages(closing, closes)).toEqual(all(false));
	});

	it('grace: a signature made in time counts until closesAt + grace days, inclusive, and not a millisecond after', async () => {
		const closes = NOW - 3 * DAY;
		const id = await make('grace-boundary', NOW - 30 * DAY, closes);
		const i = (await pullCatalog(ctx.db, 0, NOW)).initiatives.find((x) => x.id === id)!;
		const end = lastArrival(i, 'in_person', app.config.graceDays);
		expect(end).toBe(closes + app.config.graceDays * DAY);

		const push = async (receivedAt: number, personalCode: string, birthDate: string) => {
			app.setNow(receivedAt);
			const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: closes - 10 * MINUTE, identity: citizen({ personalCode, birthDate }) });
			return reasons(await kac.push([win.record, await kac.sign(win.windowId, id, closes - MINUTE)]));
		};
		expect(await push(end, '28079412344', '1994-07-28')).toEqual(['accepted', 'accepted']);
		expect(await push(end + 1, '29075810403', '1958-07-29')).toEqual(['accepted', 'late']);
	});

	it('an early close: open the moment before, closed from it on, for the pages and the push alike', async () => {
		const closedAt = NOW - 2 * HOUR;
		app.setNow(closedAt);
		expect(await changeInitiativeStatus(app, w.national, 'closed', staffActor(w.admin))).toEqual({ ok: true, status: 'closed' });
		app.setNow(NOW);

		expect(await pages(w.national, closedAt)).toEqual(all(false));
		expect(await pages(w.national, closedAt + HOUR)).toEqual(all(false));
		const win = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: closedAt - 5 * MINUTE });
		const result = await kac.push([
			win.record,
			await kac.sign(win.windowId, w.national, closedAt - 1),
			await kac.sign(win.windowId, w.rigaOnly, closedAt)
		]);
		// The one before the close still counts; the one at it is for an initiative still open.
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'accepted']);
		const late = await kac.openWindow({ clerkId: w.clerkRiga, openedAt: closedAt + MINUTE, identity: citizen({ personalCode: '28079412344', birthDate: '1994-07-28' }) });
		expect(reasons(await kac.push([late.record, await kac.sign(late.windowId, w.national, closedAt + 2 * MINUTE)]))).toEqual([
			'accepted',
			'initiative_closed'
		]);
	});
});
