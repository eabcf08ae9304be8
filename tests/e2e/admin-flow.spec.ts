/**
 * The back office end to end (issue 5, Acceptance): an administrator creates an initiative,
 * opens it, sees it reach an enrolled device after sync, closes it after visits signed it,
 * exports its signatures with a reason, and the CSV parses back with the right rows and
 * Latvian letters; the billing page shows the demo office's visits.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parseCsv } from '../../server/services/admin/csv';
import { adminLogin, ApiDevice, apiLogin, citizen, CLERK, expect, personalCode, rigaDate, rigaMonth, test } from './admin-helpers';

/** The initiative as the device keeps it in IndexedDB, or null. */
function onDevice(page: Page, slug: string) {
	return page.evaluate(
		(s) =>
			new Promise<{ status: string } | null>((resolve) => {
				const req = indexedDB.open('klatiene');
				req.onerror = () => resolve(null);
				req.onsuccess = () => {
					const db = req.result;
					if (!db.objectStoreNames.contains('initiatives')) {
						db.close();
						resolve(null);
						return;
					}
					const get = db.transaction('initiatives').objectStore('initiatives').index('slug').get(s);
					get.onsuccess = () => {
						db.close();
						resolve(get.result ? { status: get.result.status } : null);
					};
					get.onerror = () => resolve(null);
				};
			}),
		slug
	);
}

test('create, open, sync to a device, sign, close, export with a reason, bill', async ({ page, browser, app }) => {
	test.setTimeout(120_000);
	const slug = `e2e-tiraka-jura-${Date.now().toString(36)}`;
	await adminLogin(page);

	// An enrollment code from the Devices page, for a browser profile that becomes a Grobiņa PC.
	await page.goto('/admin/devices');
	await page.locator('#f-office').selectOption('kac-grobina');
	await page.getByTestId('create-code').click();
	const code = (await page.getByTestId('enrollment-code').textContent())!.trim();
	expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
	const deviceContext = await browser.newContext({ baseURL: app.url });
	const device = await deviceContext.newPage();
	await device.goto('/kac/enroll');
	await device.getByLabel('Reģistrācijas kods').fill(code);
	await device.getByRole('button', { name: 'Reģistrēt datoru' }).click();
	await expect(device.getByTestId('enrolled')).toBeVisible();

	// A new initiative starts as a draft.
	await page.goto('/admin/initiatives/new');
	await page.locator('#f-slug').fill(slug);
	await page.locator('#f-scope').selectOption('national');
	await page.locator('#f-titleLv').fill('Tīrāka jūra un krasts');
	await page.locator('#f-summaryLv').fill('Aicinām sakopt Baltijas jūras krastu.');
	await page.locator('#f-bodyLv').fill('## Kāpēc\n\nKrasts ir **mūsu** kopīgais.\n\n<script>alert(1)</script>');
	await page.locator('#f-titleEn').fill('A cleaner sea and shore');
	await page.locator('#f-summaryEn').fill('We call for cleaning up the Baltic shore.');
	await page.locator('#f-bodyEn').fill('## Why\n\nThe shore is **ours**.');
	await page.locator('#f-opens').fill(rigaDate(0));
	await page.locator('#f-closes').fill(rigaDate(30));
	await page.locator('#f-goal').fill('10000');
	await page.getByTestId('create-initiative').click();
	await expect(page).toHaveURL(/\/admin\/initiatives\/[0-9a-f-]{36}\?created=1$/);
	const initiativeUrl = page.url().replace(/\?.*$/, '');
	await expect(page.getByTestId('current-status')).toHaveText('Melnraksts');
	// The Markdown is shown rendered, and the script tag only as text.
	await expect(page.getByTestId('markdown-preview').locator('strong').first()).toHaveText('mūsu');
	await expect(page.getByTestId('markdown-preview')).toContainText('<script>alert(1)</script>');

	// A draft is not on the device.
	await device.reload();
	await expect(device.getByTestId('enrolled')).toBeVisible();
	expect(await onDevice(device, slug)).toBeNull();

	// Open it: the device has it after its next sync.
	await page.getByTestId('status-open').click();
	await expect(page.getByTestId('current-status')).toHaveText('Atvērta');
	await device.reload();
	await expect.poll(() => onDevice(device, slug), { timeout: 15_000 }).toEqual({ status: 'open' });
	await deviceContext.close();

	// Two visits at the Grobiņa KAC, signed through the sync API with real keys.
	const office = await ApiDevice.enroll(app.url);
	const clerk = await apiLogin(app.url, CLERK);
	const id = office.initiativeIds.get(slug)!;
	const pvn = office.initiativeIds.get('pvn-augliem-un-darzeniem')!;
	expect(id).toBeTruthy();
	const zigfrids = personalCode(16, 11, 1975, 401);
	const liga = personalCode(3, 5, 1988, 402);
	expect(await office.visit(clerk.id, citizen('Zigfrīds', 'Ābelkoks', zigfrids), [id, pvn])).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
	expect(await office.visit(clerk.id, citizen('Līga', 'Ķēniņa-Žube', liga, { declaredMunicipality: 'cesu-novads' }), [id])).toEqual(['accepted', 'accepted', 'accepted']);

	await page.goto(initiativeUrl);
	await expect(page.getByTestId('in-person')).toHaveText('2');
	// Export is offered only once collection has ended.
	await expect(page.getByTestId('export-link')).toHaveCount(0);
	await page.getByTestId('status-closed').click();
	await expect(page.getByTestId('current-status')).toHaveText('Slēgta');

	// Export with a reason; a too-short reason is refused and kept in the field.
	await page.getByTestId('export-link').click();
	await page.locator('#f-reason').fill('Saeimai');
	await page.getByTestId('request-export').click();
	await expect(page.getByTestId('problem-reason')).toContainText('vismaz 10 rakstzīmēs');
	await expect(page.locator('#f-reason')).toHaveValue('Saeimai');
	await page.locator('#f-reason').fill('Iesniegšanai Saeimā, vēstule Nr. 12/2026');
	await page.getByTestId('request-export').click();
	await expect(page.getByTestId('export-ready')).toBeVisible();
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-export').click()]);
	expect(download.suggestedFilename()).toBe(`paraksti-${slug}-${rigaDate(0).split('.').reverse().join('-')}.csv`);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const rows = parseCsv(bytes.toString('utf8'));
	expect(rows).toHaveLength(3);
	expect(rows[0].slice(1, 4)).toEqual(['Vārds', 'Uzvārds', 'Personas kods']);
	expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[6], r[7], r[9], r[10]])).toEqual([
		['1', 'Zigfrīds', 'Ābelkoks', `${zigfrids.slice(0, 6)}-${zigfrids.slice(6)}`, 'Klātienē', 'Grobiņas valsts un pašvaldības vienotais klientu apkalpošanas centrs', 'Latvijas pilsonis', 'Dienvidkurzemes novads'],
		['2', 'Līga', 'Ķēniņa-Žube', `${liga.slice(0, 6)}-${liga.slice(6)}`, 'Klātienē', 'Grobiņas valsts un pašvaldības vienotais klientu apkalpošanas centrs', 'Latvijas pilsonis', 'Cēsu novads']
	]);

	// The export and its reason are in the audit log.
	await page.goto('/admin/audit?action=export.');
	await expect(page.locator('tr[data-action="export.signatures"]').first()).toContainText('Iesniegšanai Saeimā, vēstule Nr. 12/2026');
	await page.getByTestId('verify-chain').click();
	await expect(page.getByTestId('chain-ok')).toBeVisible();

	// Billing this month: the Grobiņa KAC's visits, times the fee.
	await page.goto('/admin/billing');
	const grobina = page.locator('tr[data-office="kac-grobina"]');
	const visits = Number((await grobina.getByTestId('visits').textContent())!.replace(/\D/g, ''));
	expect(visits).toBeGreaterThanOrEqual(2);
	await expect(grobina.getByTestId('amount')).toHaveText(`${(visits * 2.5).toFixed(2).replace('.', ',')} €`);
	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('billing-csv').click()]);
	const billing = parseCsv(readFileSync((await csv.path())!, 'utf8'));
	expect(billing.find((r) => r[3] === 'kac-grobina')).toEqual([rigaMonth(), 'Dienvidkurzemes novads', 'Grobiņas valsts un pašvaldības vienotais klientu apkalpošanas centrs', 'kac-grobina', expect.any(String), String(visits), '2,50', (visits * 2.5).toFixed(2).replace('.', ',')]);
	await page.goto(`/admin/billing/print?month=${rigaMonth()}&municipality=dienvidkurzemes-novads`);
	await expect(page.locator('tr[data-office="kac-grobina"]').getByTestId('visits')).toHaveText(String(visits));
});
