/**
 * Issue 11 §5 (holiday closures): a closure entered in the back office is shown on the public
 * pages and the library kiosk, and an office closed for a holiday today is not "open".
 */
import { test, expect } from './fixtures';
import { adminLogin, rigaDate } from './admin-helpers';

test.describe.configure({ timeout: 180_000 });

test('a holiday closure today: the kiosk and the public page say the office is closed, and list the closures', async ({ browser, app }) => {
	const admin = await browser.newContext({ baseURL: app.url });
	const kiosk = await browser.newContext({ baseURL: app.url });
	try {
		const page = await admin.newPage();
		await adminLogin(page);
		await page.getByRole('navigation').getByRole('link', { name: 'Biroji un bibliotēkas' }).click();
		await page.locator('tr[data-slug="kac-grobina"] a').first().click();
		await page.locator('#f-closures').fill(`${rigaDate(0)}, ${rigaDate(7)}`);
		await page.getByTestId('save-office').click();
		await expect(page.getByTestId('saved')).toBeVisible();

		const info = await kiosk.newPage();
		await info.goto('/info');
		await info.getByTestId('tile-where').click();
		await expect(info).toHaveURL(/\/info\/offices/);
		const grobina = info.locator('[data-testid=office][data-slug="kac-grobina"]');
		await expect(grobina.getByTestId('opening-status')).toContainText('Šodien svētku diena.');
		await expect(grobina.getByTestId('opening-status')).toHaveAttribute('data-open', 'false');
		await expect(grobina.getByTestId('office-closures')).toHaveText(`Svētku dienās slēgts: ${rigaDate(0)}, ${rigaDate(7)}`);
		// Another office without closures shows none.
		await expect(info.locator('[data-testid=office][data-slug="kac-cesis"]').getByTestId('office-closures')).toHaveCount(0);
	} finally {
		await admin.close();
		await kiosk.close();
	}
});
