/**
 * Issuing monthly billing statements in the back office (issue 17), the way an administrator
 * clicks: Billing → the month → "Prepare the statement" for a KAC → check the draft → "Issue".
 * The statement is numbered and frozen; a denial recorded afterwards is not written into it but
 * appears, with the visit's date and the reason, as an adjustment on the next month's statement.
 *
 * Statements exist for months that have ended, so this server's demo data was seeded 70 days
 * ago (the real seed, run on its database before it starts: clerks have worked since then), and
 * an office PC pushes visits of the last two months over HTTP, as one that was offline would.
 * The denial goes through the real receipt report and QC call API.
 */
import { readFileSync } from 'node:fs';
import { connect } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { seedDemoData } from '../../server/seed/seed';
import { parseCsv } from '../../server/services/admin/csv';
import { addMonths, startOfDay } from '../../src/lib/domain/billing';
import { AppServer } from './app-server';
import { adminLogin, ApiDevice, apiLogin, AUDITOR, citizen, CLERK, personalCode, rigaMonth, trpc } from './admin-helpers';
import { expect, test as base } from './fixtures';

const DAY = 86_400_000;

const test = base.extend<object, { app: AppServer }>({
	app: [
		async ({}, use) => {
			const server = await AppServer.create();
			const handle = connect(server.databaseUrl);
			await migrateToLatest(handle.db);
			await seedDemoData(handle.db, Date.now() - 70 * DAY);
			await handle.destroy();
			await server.start();
			await use(server);
			await server.dispose();
		},
		{ scope: 'worker', timeout: 120_000 }
	]
});

/** 10:00 in Rīga on the 10th of `month` (never a daylight-saving day). */
const tenth = (month: string) => startOfDay(`${month}-10`) + 10 * 3_600_000;
const label = (month: string) => `${month.slice(5, 7)}.${month.slice(0, 4)}`;
const rigaDay = (month: string) => `10.${label(month)}`;

test('an administrator issues a month’s statement; a denial recorded later becomes an adjustment on the next month’s statement', async ({ page, app, axe }) => {
	test.setTimeout(240_000);
	const origin = app.url;
	const current = rigaMonth();
	const [older, last] = [addMonths(current, -2), addMonths(current, -1)];

	// The Grobiņa office PC delivers three visits: two of the month before last, one of last month.
	const office = await ApiDevice.enroll(origin);
	const clerk = await apiLogin(origin, CLERK);
	const pvn = office.initiativeIds.get('pvn-augliem-un-darzeniem')!;
	const person = (serial: number, phone: string | null) =>
		citizen('Zigfrīds', 'Ābelkoks', personalCode(16, 11, 1975, serial), phone ? { qcPhone: phone, qcConsent: true } : {});
	const kept = await office.visitAt(clerk.id, person(501, null), [pvn], tenth(older));
	const toDeny = await office.visitAt(clerk.id, person(502, '+37120000502'), [pvn], tenth(older) + 3_600_000);
	const lastMonth = await office.visitAt(clerk.id, person(503, null), [pvn], tenth(last));
	for (const v of [kept, toDeny, lastMonth]) expect(v.reasons).toEqual(['accepted', 'accepted', 'accepted']);

	// Billing → the month before last → the Grobiņa KAC's row.
	await adminLogin(page);
	await page.getByRole('navigation', { name: 'Administrēšanas sadaļas' }).getByRole('link', { name: 'Norēķini' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norēķini');
	// This month has not ended: nothing to issue yet.
	await expect(page.locator('tr[data-office="kac-grobina"]').getByTestId('statement')).toHaveText('pēc mēneša beigām');
	await page.locator('#f-month').selectOption({ label: label(older) });
	await page.getByRole('button', { name: 'Rādīt' }).click();
	const row = page.locator('tr[data-office="kac-grobina"]');
	await expect(row.getByTestId('visits')).toHaveText('2');
	await row.getByRole('link', { name: /Sagatavot pārskatu/ }).click();

	// The draft: what will be frozen.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Norēķinu pārskata sagatave');
	await expect(page.getByTestId('statement-unit')).toContainText('Logu, kurā nekas netika parakstīts, neapmaksā.');
	await expect(page.getByTestId('statement-visits').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('statement-total')).toHaveText('5,00 €');
	await axe(page);
	// A second administrator has the same draft open in another tab.
	const other = await page.context().newPage();
	await other.goto(page.url());
	await page.getByRole('button', { name: 'Izrakstīt pārskatu' }).click();

	// Issued: numbered, with the notice taking the focus for a screen reader.
	await expect(page.getByTestId('statement-issued')).toHaveText('Norēķinu pārskats KT-000001 ir izrakstīts.');
	await expect(page.getByTestId('statement-issued')).toBeFocused();
	await expect(page.getByTestId('statement-title')).toHaveText('Norēķinu pārskats KT-000001');
	await expect(page.getByTestId('statement-visits').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('statement-total')).toHaveText('5,00 €');
	const digest = await page.getByTestId('statement-digest').textContent();
	expect(digest).toMatch(/^[0-9a-f]{64}$/);
	const firstUrl = page.url().replace(/\?.*$/, '');
	await axe(page);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statement-csv').click()]);
	expect(download.suggestedFilename()).toBe(`KT-000001-kac-grobina-${older}.csv`);
	const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
	expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[6], r[7], r[9], r[10]])).toEqual([
		['KT-000001', older, 'Dienvidkurzemes novads', 'apmeklējums', rigaDay(older), '1', '2,50'],
		['KT-000001', older, 'Dienvidkurzemes novads', 'apmeklējums', rigaDay(older), '1', '2,50'],
		['KT-000001', older, 'Dienvidkurzemes novads', 'Kopā', '', '2', '5,00']
	]);
	// Printing leaves the back-office navigation out.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: 'Administrēšanas sadaļas' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// The second administrator presses "Issue" on the old draft: refused, with the way to the statement.
	await other.getByRole('button', { name: 'Izrakstīt pārskatu' }).click();
	await expect(other.getByTestId('statement-problem')).toContainText('Ir radusies problēma');
	await expect(other.getByTestId('statement-problem')).toContainText('Šim KAC par šo mēnesi pārskats jau ir izrakstīts.');
	await axe(other);
	await other.getByRole('link', { name: 'Atvērt izrakstīto pārskatu' }).click();
	await expect(other.getByTestId('statement-title')).toHaveText('Norēķinu pārskats KT-000001');
	await other.close();

	// Back on the billing page, the row links to the issued statement instead.
	await page.getByRole('link', { name: /Atpakaļ uz norēķiniem/ }).click();
	await expect(page.locator('tr[data-office="kac-grobina"]').getByTestId('statement')).toHaveText('KT-000001');

	// Now the citizen reports the second visit and the verification call records "denied".
	const report = await trpc<{ ok: boolean }>(origin, 'receipt.report', { mutation: true, input: { code: toDeny.receiptCode, scope: 'visit' } });
	expect(report.data.ok).toBe(true);
	const auditor = await apiLogin(origin, AUDITOR);
	const calls = await trpc<{ open: { id: string; reported: boolean }[] }>(origin, 'qc.calls', { cookie: auditor.cookie });
	const call = calls.data.open.find((c) => c.reported)!;
	expect((await trpc<{ ok: boolean }>(origin, 'qc.claim', { mutation: true, cookie: auditor.cookie, input: { callId: call.id } })).data.ok).toBe(true);
	const outcome = await trpc<{ ok: boolean; revoked: number }>(origin, 'qc.record', {
		mutation: true,
		cookie: auditor.cookie,
		input: { callId: call.id, result: 'denied', note: 'Teica, ka centrā nav bijis.' }
	});
	expect(outcome.data).toMatchObject({ ok: true, revoked: 1 });

	// Last month's statement: its own visit, and the credit for the denied visit of the month before.
	await page.locator('#f-month').selectOption({ label: label(last) });
	await page.getByRole('button', { name: 'Rādīt' }).click();
	await expect(page.locator('tr[data-office="kac-grobina"]').getByTestId('visits')).toHaveText('1');
	await page.locator('tr[data-office="kac-grobina"]').getByRole('link', { name: /Sagatavot pārskatu/ }).click();
	const adjustments = page.getByTestId('statement-adjustments').locator('tbody tr');
	await expect(adjustments).toHaveCount(1);
	await expect(adjustments.first().locator('td')).toHaveText([
		rigaDay(older),
		'Pārbaudes zvanā persona teica, ka nav parakstījusies; paraksti atsaukti',
		/^\d\d\.\d\d\.\d{4}$/,
		'KT-000001',
		'−1',
		'−2,50'
	]);
	await expect(page.getByTestId('statement-total')).toHaveText('0,00 €');
	await page.getByRole('button', { name: 'Izrakstīt pārskatu' }).click();
	await expect(page.getByTestId('statement-title')).toHaveText('Norēķinu pārskats KT-000002');
	await expect(page.getByTestId('statement-adjustments').locator('tbody tr')).toHaveCount(1);
	await axe(page);

	// The list of issued statements; the first one is exactly as it was issued.
	await page.getByRole('link', { name: 'Visi izrakstītie norēķinu pārskati' }).click();
	await expect(page.getByTestId('statement-list').locator('tbody tr')).toHaveCount(2);
	await axe(page);
	await page.getByRole('link', { name: 'KT-000001' }).click();
	await expect(page).toHaveURL(firstUrl);
	await expect(page.getByTestId('statement-visits').locator('tbody tr')).toHaveCount(2);
	await expect(page.getByTestId('statement-total')).toHaveText('5,00 €');
	await expect(page.getByTestId('statement-digest')).toHaveText(digest!);
	await expect(page.getByTestId('statement-tampered')).toHaveCount(0);

	// The month before last cannot be issued twice: its draft now points to the statement.
	await page.goto(`/admin/billing?month=${older}`);
	await expect(page.locator('tr[data-office="kac-grobina"]').getByRole('link', { name: /Sagatavot/ })).toHaveCount(0);
});
