/**
 * Issue 11 §4: "I did not sign this" needs a second look. On /receipt nothing is chosen for the
 * person, and a report is sent only after a step that says what it leads to (a call from
 * ManaBalss, the signatures may be annulled); going back sends nothing; a report made by mistake
 * can be withdrawn within ten minutes.
 */
import { test, expect } from './fixtures';
import { done, finish, NATIONAL, openWindow, readyOffice, sign, syncAndSettle, uniquePerson } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('a report from the receipt check: nothing preselected, a confirmation that says what happens, back sends nothing, and a withdrawal within ten minutes', async ({ browser, app, axe }) => {
	const office = await browser.newContext({ baseURL: app.url });
	const home = await browser.newContext({ baseURL: app.url });
	try {
		const page = await office.newPage();
		await readyOffice(page, app);
		await openWindow(page, uniquePerson('Edgars', 'Liepa', 5, 5, 1958));
		await sign(page, NATIONAL[0], 'Edgars Liepa');
		await finish(page);
		const code = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
		await done(page);
		await syncAndSettle(page);

		// At home: the address and the code from the receipt.
		const citizen = await home.newPage();
		await citizen.goto('/receipt');
		await citizen.getByLabel('Kvīts kods').fill(code);
		await citizen.getByTestId('receipt-check-submit').click();
		await expect(citizen.getByTestId('receipt-check-result')).toBeVisible();
		await expect(citizen.getByTestId('receipt-check-signature')).toHaveAttribute('data-state', 'counted');

		const form = citizen.getByTestId('receipt-report');
		await expect(citizen.getByTestId('receipt-report-visit')).not.toBeChecked();
		// One click does not file a report: with nothing chosen it says what is missing.
		await citizen.getByTestId('receipt-report-submit').click();
		await expect(citizen.getByTestId('receipt-report-problem')).toHaveText('Izvēlieties, ko jūs paziņojat.');
		await expect(citizen.getByTestId('receipt-report-done')).toHaveCount(0);

		await citizen.getByTestId('receipt-report-visit').check();
		await citizen.getByTestId('receipt-report-submit').click();
		const step = citizen.getByTestId('receipt-report-confirm-step');
		await expect(step).toBeFocused();
		await expect(step).toContainText('piezvanīs');
		await expect(step).toContainText('anulēti');
		await axe(citizen);

		// Back: nothing was sent; checking the code again shows no report.
		await citizen.getByTestId('receipt-report-back').click();
		await expect(step).toHaveCount(0);
		await citizen.getByTestId('receipt-check-submit').click();
		await expect(citizen.getByTestId('receipt-check-result')).toBeVisible();
		await expect(citizen.getByTestId('receipt-report-status')).toHaveCount(0);
		await expect(form).toBeVisible();

		await citizen.getByTestId('receipt-report-visit').check();
		await citizen.getByTestId('receipt-report-submit').click();
		await citizen.getByTestId('receipt-report-confirm').click();
		await expect(citizen.getByTestId('receipt-report-done')).toBeFocused();
		await expect(citizen.getByTestId('receipt-report-reference')).toHaveText(/Ziņojuma numurs: [0-9A-F]{8}/);

		// Reported by mistake: withdrawn within the ten minutes, the case is gone.
		await expect(citizen.getByTestId('receipt-report-done')).toContainText('varat to atsaukt 10 minūšu laikā');
		await citizen.getByTestId('receipt-report-withdraw').click();
		await expect(citizen.getByTestId('receipt-report-withdraw-message')).toHaveText('Ziņojums atsaukts. Jūsu paraksti paliek spēkā.');
		await expect(citizen.getByTestId('receipt-report-withdraw')).toHaveCount(0);
		await citizen.getByTestId('receipt-check-submit').click();
		await expect(citizen.getByTestId('receipt-check-result')).toBeVisible();
		await expect(citizen.getByTestId('receipt-report-status')).toHaveCount(0);
		await expect(citizen.getByTestId('receipt-check-signature')).toHaveAttribute('data-state', 'counted');
	} finally {
		await office.close();
		await home.close();
	}
});
