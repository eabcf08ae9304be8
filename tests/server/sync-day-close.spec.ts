/**
 * Issue 10 §2: a `day.close` record is checked like a `window.open`: a clerk active and
 * assigned to that office when the day was closed, and a day that can be closed
 * (src/lib/domain/day-close.ts).
 */
import { beforeEach, expect, it } from 'vitest';
import { deactivateStaff, reassignClerk } from '../../server/services/staff';
import type { DayClosePayload } from '../../src/lib/domain/outbox-record';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, reasons, TestDevice, type TestApp, type World } from './kit';

describeEachDatabase('sync.push: day.close', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
		// Enrolled ten days before NOW (28.11.2026 12:00 in Riga), on 18.11.2026.
		app.setNow(NOW - 10 * DAY);
		kac = await TestDevice.enroll(app, 'kac-riga');
		app.setNow(NOW);
	});

	const close = (o: Partial<DayClosePayload> = {}, at = NOW - HOUR) =>
		kac.dayClose(
			{ officeId: w.kacRiga, clerkId: w.clerkRiga, day: '2026-11-28', windowsOpened: 0, visitsWithSignatures: 0, abandonedWindows: 0, unsynced: 0, ...o },
			at
		);

	const dayCloses = () => ctx.db.selectFrom('day_close').select(['seq', 'clerk_id', 'day']).orderBy('seq').execute();

	it('accepted: a clerk of this office closes today, or a day since the PC was enrolled', async () => {
		const result = await kac.push([await close(), await close({ day: '2026-11-18' }), await close({ day: '2026-11-27' })]);
		expect(reasons(result)).toEqual(['accepted', 'accepted', 'accepted']);
		expect(await dayCloses()).toHaveLength(3);
	});

	it('clerk_inactive: an unknown clerk, a clerk of another office, an administrator, a deactivated clerk', async () => {
		await deactivateStaff(ctx.db, w.clerkRiga, NOW - 2 * HOUR);
		const result = await kac.push([
			await close({ clerkId: crypto.randomUUID() }),
			await close({ clerkId: w.clerkGrobina }),
			await close({ clerkId: w.admin }),
			await close({ clerkId: w.clerkRiga }, NOW - HOUR),
			// Closed before the clerk was deactivated: it counts.
			await close({ clerkId: w.clerkRiga, day: '2026-11-27' }, NOW - 3 * HOUR)
		]);
		expect(reasons(result)).toEqual(['clerk_inactive', 'clerk_inactive', 'clerk_inactive', 'clerk_inactive', 'accepted']);
		expect(result.results.slice(0, 4).map((r) => r.state)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
		expect(await dayCloses()).toEqual([{ seq: 5, clerk_id: w.clerkRiga, day: '2026-11-27' }]);
	});

	it("clerk_inactive follows the clerk's assignment at the time of the close", async () => {
		await reassignClerk(ctx.db, w.clerkGrobina, 'kac-riga', NOW - 2 * DAY);
		const result = await kac.push([
			await close({ clerkId: w.clerkGrobina, day: '2026-11-25' }, NOW - 3 * DAY),
			await close({ clerkId: w.clerkGrobina, day: '2026-11-27' }, NOW - DAY)
		]);
		expect(reasons(result)).toEqual(['clerk_inactive', 'accepted']);
	});

	it('day_not_a_date, day_in_future and day_too_old', async () => {
		const result = await kac.push([
			await close({ day: '2026-02-30' }),
			await close({ day: '2026-13-01' }),
			await close({ day: '2026-11-29' }),
			await close({ day: '2099-01-01' }),
			await close({ day: '2026-11-17' }), // the day before the PC was enrolled
			await close({ day: '1999-01-01' })
		]);
		expect(reasons(result)).toEqual(['day_not_a_date', 'day_not_a_date', 'day_in_future', 'day_in_future', 'day_too_old', 'day_too_old']);
		expect(result.results.every((r) => r.state === 'rejected')).toBe(true);
		expect(await dayCloses()).toEqual([]);
	});

	it('the day is judged by the server clock when the record arrives: a close of "tomorrow" made on a fast clock is refused', async () => {
		// The PC's clock runs a day ahead: its "today" is the server's tomorrow.
		const result = await kac.push([await close({ day: '2026-11-29' }, NOW + DAY - MINUTE)], { deviceTime: NOW + DAY });
		expect(reasons(result)).toEqual(['day_in_future']);
	});

	it('wrong_office comes first, then the clerk, then the day', async () => {
		const result = await kac.push([
			await close({ officeId: w.kacGrobina, clerkId: crypto.randomUUID(), day: '2026-02-30' }),
			await close({ clerkId: crypto.randomUUID(), day: '2026-02-30' })
		]);
		expect(reasons(result)).toEqual(['wrong_office', 'clerk_inactive']);
	});
});
