/**
 * Issue 11 §6: with municipal initiatives open, the ID form asks for the declared municipality
 * before the window opens, with a link to the field; once chosen, the question goes.
 */
import { test, expect } from './fixtures';
import { newDevice, readyOffice } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('the form asks for the declared municipality while municipal initiatives are open', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await page.setViewportSize({ width: 1280, height: 800 });
		await readyOffice(page, app);
		const ask = page.getByTestId('municipality-prompt');
		await expect(ask).toContainText('Pajautājiet deklarēto dzīvesvietu');
		await expect(ask).toContainText(/pašvaldīb/);
		await ask.getByRole('link', { name: 'Izvēlēties pašvaldību' }).click();
		const field = page.getByLabel('Deklarētā dzīvesvieta (pašvaldība)');
		await expect(field).toBeFocused();
		const first = await field.locator('option').nth(1).getAttribute('value');
		await field.selectOption(first!);
		await expect(ask).toHaveCount(0);
	} finally {
		await context.close();
	}
});
