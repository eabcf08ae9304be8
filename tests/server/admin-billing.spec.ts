import { beforeEach, expect, it } from 'vitest';
import { billingCsv, billingReport } from '../../server/services/admin/billing';
import { parseCsv } from '../../server/services/admin/csv';
import { birthDateOf, personalCode, visit } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, HOUR, NOW, TestDevice, type TestApp, type World } from './kit';

describeEachDatabase('admin: billing', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { env: { BILLING_FEE_EUR: '2,75' } });
		w = await createWorld(app);
	});

	const person = (n: number) => {
		const code = personalCode(n);
		return { givenName: 'Pēteris', surname: `Liepiņš${'a'.repeat(n % 3)}`, personalCode: code, birthDate: birthDateOf(code), qcPhone: null, qcConsent: false };
	};

	it('per office and month: windows opened, visits with an accepted signature, times the fee', async () => {
		expect(app.config.billingFeeCents).toBe(275);
		const riga = await TestDevice.enroll(app, 'kac-riga');
		const grobina = await TestDevice.enroll(app, 'kac-grobina');
		// Rīga: a visit signing two initiatives (billed once), a visit signing one, a window with no signature.
		await visit(riga, { clerkId: w.clerkRiga, at: NOW - 5 * HOUR, initiatives: [w.national, w.rigaOnly], person: person(1) });
		await visit(riga, { clerkId: w.clerkRiga, at: NOW - 4 * HOUR, initiatives: [w.national], person: person(2) });
		await visit(riga, { clerkId: w.clerkRiga, at: NOW - 3 * HOUR, initiatives: [], person: person(3) });
		// A person signing again is a duplicate: the window counts, the visit does not.
		await visit(riga, { clerkId: w.clerkRiga, at: NOW - 2 * HOUR, initiatives: [w.national], person: person(2) });
		// Grobiņa: a window opened by a clerk of another office is rejected: not billed at all.
		await visit(grobina, { clerkId: w.clerkRiga, at: NOW - 2 * HOUR, initiatives: [w.national], person: person(4) });
		await visit(grobina, { clerkId: w.clerkGrobina, at: NOW - HOUR, initiatives: [w.national], person: person(5) });
		// 31 October 23:30 in Riga is October's, not November's.
		await visit(grobina, { clerkId: w.clerkGrobina, at: Date.UTC(2026, 9, 31, 21, 30), initiatives: [w.national], person: person(6) });

		const nov = await billingReport(app, '2026-11');
		expect(nov.feeCents).toBe(275);
		const line = (slug: string) => nov.municipalities.flatMap((m) => m.offices).find((o) => o.slug === slug);
		expect(line('kac-riga')).toMatchObject({ windows: 4, visits: 2, amountCents: 550 });
		expect(line('kac-grobina')).toMatchObject({ windows: 1, visits: 1, amountCents: 275 });
		// Libraries have no signing windows and are not billed.
		expect(line('lib-riga')).toBeUndefined();
		expect(nov.total).toEqual({ windows: 5, visits: 3, feeCents: 275, amountCents: 825 });
		expect(nov.municipalities.map((m) => m.code)).toEqual(['dienvidkurzemes-novads', 'riga']);

		const oct = await billingReport(app, '2026-10');
		expect(oct.total).toMatchObject({ windows: 1, visits: 1 });
		expect((await billingReport(app, '2026-11', { municipality: 'riga' })).municipalities.map((m) => m.code)).toEqual(['riga']);

		const rows = parseCsv(billingCsv(nov, 'lv'));
		expect(rows[0]).toEqual(['Mēnesis', 'Pašvaldība', 'Birojs', 'Biroja kods', 'Atvērtie logi', 'Apmeklējumi ar parakstiem', 'Maksa par apmeklējumu, EUR', 'Summa, EUR']);
		expect(rows.slice(1)).toEqual([
			['2026-11', 'Dienvidkurzemes novads', 'Birojs kac-grobina', 'kac-grobina', '1', '1', '2,75', '2,75'],
			['2026-11', 'Rīga', 'Birojs kac-riga', 'kac-riga', '4', '2', '2,75', '5,50'],
			['2026-11', 'Kopā', '', '', '5', '3', '2,75', '8,25']
		]);
	});
});
