import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppServer } from './app-server';
import { api, AUDITOR, launchQcServer, NATIONAL, OfficePc, trpc } from './qc-helpers';

let server: AppServer;

test.beforeAll(async () => {
	server = await launchQcServer();
	const pc = await OfficePc.open(server);
	// A history to chart: visits, one reported by its citizen, and one call decided.
	for (let i = 0; i < 3; i++) await pc.visit(NATIONAL, { sampled: true });
	const v = await pc.visit(NATIONAL, { sampled: false });
	const citizen = await api(server);
	await trpc(citizen, 'receipt.report', { code: v.receiptCode, scope: 'visit' });
});
test.afterAll(async () => {
	await server?.dispose();
});

async function login(page: Page) {
	await page.goto(`${server.url}/qc/login`);
	await page.getByLabel('Lietotājvārds').fill(AUDITOR.username);
	await page.getByLabel('Parole').fill(AUDITOR.password);
	await page.getByTestId('qc-login-submit').click();
	await expect(page).toHaveURL(/\/qc$/);
}

/** True when the canvas has pixels that are not blank: the chart library really drew. */
const painted = (page: Page, testid: string) =>
	page.getByTestId(testid).evaluate((c: HTMLCanvasElement) => {
		const ctx = c.getContext('2d');
		if (!ctx || !c.width || !c.height) return false;
		const px = ctx.getImageData(0, 0, c.width, c.height).data;
		for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) return true;
		return false;
	});

test('the dashboard renders its charts, with data tables beside them, and axe passes on every QC page', async ({ page, axe }) => {
	// Many pages and axe runs in one test.
	test.setTimeout(120_000);
	await login(page);
	// Decide one call so that the error-rate chart has an office with completed calls.
	await page.getByTestId('qc-next').click();
	await page.getByTestId('qc-result-confirmed').check();
	await page.getByTestId('qc-save').click();
	await expect(page.getByTestId('qc-saved')).toBeVisible();

	await page.goto(`${server.url}/qc/dashboard`);
	for (const id of ['qc-chart-per-day', 'qc-chart-flags', 'qc-chart-rates']) {
		await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', '1');
		expect(await painted(page, id), id).toBe(true);
	}
	await expect(page.getByTestId('qc-table-flags')).toContainText('Pilsoņa ziņojums');
	await expect(page.getByTestId('qc-table-offices')).toContainText('Grobiņ');
	await expect(page.getByTestId('qc-totals')).toContainText('4');
	await axe(page);
	await page.locator('details summary').first().click();
	await expect(page.getByTestId('qc-table-per-day')).toBeVisible();
	await axe(page);

	// Flags: the report is listed with its reason and resolved with a note (which is required).
	await page.goto(`${server.url}/qc/flags`);
	const flag = page.locator('[data-testid=qc-flag][data-signal=citizen_report]').first();
	await expect(flag).toContainText('Pilsonis ziņoja “Es neparakstīju”');
	await axe(page);
	await flag.getByTestId('qc-flag-resolve').click();
	await expect(page.getByText('Ierakstiet piezīmi par to, kā brīdinājums izvērtēts.')).toBeVisible();
	await axe(page);
	const again = page.locator('[data-testid=qc-flag][data-signal=citizen_report]').first();
	await again.getByLabel('Piezīme par atrisinājumu').fill('Pārbaudīts ar biroju.');
	await again.getByTestId('qc-flag-resolve').click();
	await expect(page.getByTestId('qc-flag-resolved')).toBeVisible();
	await page.goto(`${server.url}/qc/flags?show=resolved`);
	await expect(page.getByTestId('qc-flag').first()).toContainText('Pārbaudīts ar biroju.');
	await axe(page);

	// The remaining pages: a call page held by me, and the 403 page.
	await page.goto(`${server.url}/qc`);
	await page.getByTestId('qc-next').click();
	await expect(page.getByTestId('qc-outcome-form')).toBeVisible();
	await axe(page);
	// English: the same pages; the call script stays Latvian, with a translation beside it.
	await page.context().addCookies([{ name: 'lang', value: 'en', url: server.url }]);
	await page.reload();
	await expect(page.getByTestId('qc-script')).toContainText('Labdien!');
	await expect(page.getByText('Translation')).toBeVisible();
	await axe(page);
	await page.goto(`${server.url}/qc/dashboard`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quality-control dashboard');
	await axe(page);

	await page.getByTestId('qc-logout').click();
	await expect(page).toHaveURL(/\/qc\/login$/);
	const res = await page.goto(`${server.url}/qc/dashboard`);
	expect(res?.status()).toBe(403);
	await expect(page.getByTestId('qc-error')).toBeVisible();
	await axe(page);
});
