/**
 * Issue 11 §6: a reload on /kac/day locks the office (by design), and the page then offers the
 * unlock right there instead of "Vispirms atbloķējiet darba vietu." with nothing to unlock.
 */
import { test, expect } from './fixtures';
import { newDevice, PIN, readyOffice } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('after a reload on the day close page, the PIN unlocks it there and the day\'s numbers load', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		await page.getByTestId('day-close-link').click();
		await expect(page.getByTestId('day-confirm')).toBeVisible();

		await page.reload();
		await expect(page.getByTestId('day-locked')).toBeVisible();
		await page.getByLabel('PIN kods').fill(PIN);
		await page.getByTestId('pin-submit').click();
		await expect(page).toHaveURL(/\/kac\/day$/);
		await expect(page.getByTestId('day-windows')).toHaveText('0');
		await page.getByTestId('day-confirm').click();
		await expect(page.getByTestId('day-closed')).toBeVisible();
	} finally {
		await context.close();
	}
});
