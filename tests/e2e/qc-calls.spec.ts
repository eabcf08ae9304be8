import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppServer } from './app-server';
import { api, AUDITOR, launchQcServer, NATIONAL, OfficePc, person, trpc } from './qc-helpers';

let server: AppServer;
let pc: OfficePc;

test.beforeAll(async () => {
	server = await launchQcServer();
	pc = await OfficePc.open(server);
});
test.afterAll(async () => {
	await server?.dispose();
});

async function loginAsAuditor(page: Page) {
	await page.goto(`${server.url}/qc/login`);
	await page.getByLabel('Lietotājvārds').fill(AUDITOR.username);
	await page.getByLabel('Parole').fill(AUDITOR.password);
	await page.getByTestId('qc-login-submit').click();
	await expect(page).toHaveURL(/\/qc$/);
}

test.describe.configure({ mode: 'serial' });

test('an auditor works three calls with three outcomes', async ({ page, axe }) => {
	test.setTimeout(120_000);
	// Three visits the sampler selects, each with a consented phone number.
	const visits = [];
	for (let i = 0; i < 3; i++) visits.push(await pc.visit(NATIONAL, { sampled: true, identity: person(`+3712000000${i}`) }));

	await page.goto(`${server.url}/qc/login`);
	await axe(page);
	await loginAsAuditor(page);
	await expect(page.getByTestId('qc-call-row')).toHaveCount(3);
	await axe(page);

	const outcomes = [
		{ result: 'confirmed', note: 'Parakstījās pati, viss kārtībā.' },
		{ result: 'denied', note: 'Saka, ka birojā nav bijusi.' },
		{ result: 'wrong_number', note: 'Atbildēja veikals.' }
	] as const;
	for (const [i, o] of outcomes.entries()) {
		await page.getByTestId('qc-next').click();
		await expect(page).toHaveURL(/\/qc\/calls\/[0-9a-f-]{36}$/);
		await expect(page.getByTestId('qc-phone')).toHaveText(/^\+3712000000[0-2]$/);
		await expect(page.getByTestId('qc-script')).toContainText('Labdien! Es esmu Roberts Revidents');
		await expect(page.getByTestId('qc-script')).toContainText('Grobiņ');
		await expect(page.getByTestId('qc-call-initiatives').locator('li')).toHaveCount(2);
		// Never the personal code, on the page or in its data.
		expect(await page.content()).not.toMatch(/\d{6}-\d{5}/);
		if (i === 0) await axe(page);
		await page.getByTestId(`qc-result-${o.result}`).check();
		await page.getByTestId('qc-note').fill(o.note);
		await page.getByTestId('qc-save').click();
		await expect(page).toHaveURL(/\/qc\?saved=/);
		await expect(page.getByTestId('qc-saved')).toBeVisible();
	}
	await expect(page.getByTestId('qc-call-row')).toHaveCount(0);
	const done = page.getByTestId('qc-done-row');
	await expect(done).toHaveCount(3);
	expect((await done.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')))).sort()).toEqual(['confirmed', 'denied', 'wrong_number']);
	await axe(page);

	// The denied visit's signatures are revoked: its receipt says so, and the public count dropped.
	const citizen = await api(server);
	const states = [];
	for (const v of visits) {
		const check = await trpc<{ ok: true; receipt: { signatures: { state: string }[] } }>(citizen, 'receipt.check', { code: v.receiptCode });
		states.push(check.data.receipt.signatures.map((s) => s.state).join(','));
	}
	expect(states.sort()).toEqual(['counted,counted', 'counted,counted', 'revoked,revoked']);
});

test('a citizen reports "I did not sign this" from a receipt, and the case is first on the list', async ({ page, browser, axe }) => {
	// Two sampled visits already wait on the list; then a citizen reports a visit nobody sampled.
	await pc.visit(NATIONAL, { sampled: true });
	await pc.visit(NATIONAL, { sampled: true });
	const reported = await pc.visit(NATIONAL, { sampled: false, identity: person('+37129990001') });

	const citizenContext = await browser.newContext();
	const citizen = await citizenContext.newPage();
	await citizen.goto(`${server.url}/receipt`);
	await citizen.getByTestId('receipt-check-code').fill(reported.receiptCode);
	await citizen.getByTestId('receipt-check-submit').click();
	await expect(citizen.getByTestId('receipt-check-result')).toBeVisible();
	await expect(citizen.getByTestId('receipt-report')).toBeVisible();
	await axe(citizen);
	await citizen.getByTestId('receipt-report-some').check();
	await citizen.getByTestId('receipt-report-submit').click();
	await expect(citizen.getByTestId('receipt-report-problem')).toHaveText('Atzīmējiet vismaz vienu iniciatīvu.');
	await citizen.getByTestId('receipt-report-visit').check();
	await citizen.getByTestId('receipt-report-submit').click();
	await citizen.getByTestId('receipt-report-confirm').click();
	const done = citizen.getByTestId('receipt-report-done');
	await expect(done).toBeVisible();
	await expect(done).toBeFocused();
	await expect(done).toContainText('Paldies, ziņojums saņemts');
	await expect(done).toContainText('Kas notiks tālāk');
	await expect(done).toContainText('zvanīs uz tālruni');
	await expect(citizen.getByTestId('receipt-report-reference')).toHaveText(/Ziņojuma numurs: [0-9A-F]{8}/);
	await axe(citizen);
	// Checking the receipt again shows the case.
	await citizen.getByTestId('receipt-check-submit').click();
	await expect(citizen.getByTestId('receipt-report-status')).toContainText('pārbaude notiek');
	await citizenContext.close();

	await loginAsAuditor(page);
	const rows = page.getByTestId('qc-call-row');
	await expect(rows).toHaveCount(3);
	await expect(rows.first()).toHaveAttribute('data-reported', '1');
	await expect(rows.first()).toContainText('Pilsoņa ziņojums');
	await page.getByTestId('qc-next').click();
	await expect(page.getByTestId('qc-phone')).toHaveText('+37129990001');
	await expect(page.getByText('“Es neparakstīju” — viss apmeklējums')).toBeVisible();
});
