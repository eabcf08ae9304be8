import { test, expect } from './fixtures';
import {
	done,
	finish,
	inPersonCount,
	JANIS,
	NATIONAL,
	newDevice,
	openWindow,
	readyOffice,
	sign,
	syncAndSettle
} from './office-helpers';

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test.describe('in-person signing, whole flow online', () => {
	test('enroll, log in, set a PIN, open a window, sign two initiatives, print the receipt, check it at /receipt, see the public count go up', async ({
		browser,
		app
	}) => {
		const [first, second] = NATIONAL;
		const before = [await inPersonCount(browser, app, first), await inPersonCount(browser, app, second)];

		const { context, page } = await newDevice(browser, app);
		try {
			await readyOffice(page, app);
			await openWindow(page, JANIS);

			// Citizen mode: no site navigation, both languages, the person's own name.
			await expect(page.locator('.site-header')).toHaveCount(0);
			await expect(page.getByTestId('signer-name')).toContainText('Jānis Bērziņš');
			await expect(page.locator('h1 [lang=lv]')).toHaveText('Izvēlieties, ko parakstīt');
			await expect(page.locator('h1 [lang=en]')).toHaveText('Choose what to sign');
			await expect(page.getByTestId('citizen-initiative')).toHaveCount(NATIONAL.length);

			await sign(page, first, 'Jānis Bērziņš');
			await expect(page.getByTestId('signed-flash')).toBeFocused();
			await sign(page, second, 'Jānis Bērziņš');
			await finish(page);

			const receipt = page.getByTestId('receipt');
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(2);
			await expect(page.getByTestId('receipt-office')).toContainText('Grobiņ');
			await expect(page.getByTestId('receipt-when')).toHaveText(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
			const code = (await page.getByTestId('receipt-code').getAttribute('data-code'))!;
			expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

			// Print view: the receipt prints, the buttons around it do not.
			await page.emulateMedia({ media: 'print' });
			await expect(receipt).toBeVisible();
			await expect(page.getByTestId('receipt-code')).toBeVisible();
			await expect(page.getByTestId('print')).toBeHidden();
			await expect(page.getByTestId('receipt-done')).toBeHidden();
			await page.emulateMedia({ media: 'screen' });

			await done(page);
			await syncAndSettle(page);
			await expect(page.getByTestId('sync-no-problems')).toBeVisible();

			// The receipt code, checked from home.
			await page.goto('/receipt');
			await page.getByLabel('Kvīts kods').fill(code.toLowerCase().replace(/-/g, ' '));
			await page.getByTestId('receipt-check-submit').click();
			const result = page.getByTestId('receipt-check-result');
			await expect(result).toBeVisible();
			await expect(page.getByTestId('receipt-check-office')).toContainText('Grobiņ');
			const signatures = page.getByTestId('receipt-check-signature');
			await expect(signatures).toHaveCount(2);
			for (const slug of [first, second]) {
				await expect(signatures.and(page.locator(`[data-slug="${slug}"]`))).toHaveAttribute('data-state', 'counted');
			}
			await expect(result).toContainText('Ieskaitīts');
			await expect(result).not.toContainText('Bērziņš');
			await expect(result).not.toContainText('161175');
		} finally {
			await context.close();
		}

		// The public count went up, in the in-person column.
		expect(await inPersonCount(browser, app, first)).toBe(before[0] + 1);
		expect(await inPersonCount(browser, app, second)).toBe(before[1] + 1);
	});
});
