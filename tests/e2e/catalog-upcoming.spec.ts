/**
 * Issue 12 §2: the public catalog and the server share one "may be signed now" rule. An
 * initiative an administrator opens ahead of its first day is public, but it is not under
 * "Var parakstīt" (the server would refuse a signature): it shows under its own heading with
 * the day it opens. Before, the catalog ignored opensAt and listed it as signable.
 */
import { adminLogin, expect, rigaDate, test } from './admin-helpers';

test('an initiative opened ahead of its first day is listed as opening soon, not as signable', async ({ page }) => {
	const slug = `e2e-drizuma-${Date.now().toString(36)}`;
	await adminLogin(page);
	await page.getByRole('navigation', { name: 'Administrēšanas sadaļas' }).getByRole('link', { name: 'Iniciatīvas' }).click();
	await page.getByTestId('new-initiative').click();
	await page.locator('#f-slug').fill(slug);
	await page.locator('#f-scope').selectOption('national');
	await page.locator('#f-titleLv').fill('Drīzumā: zaļāki pagalmi');
	await page.locator('#f-summaryLv').fill('Aicinām apzaļumot pagalmus.');
	await page.locator('#f-bodyLv').fill('Teksts.');
	await page.locator('#f-titleEn').fill('Soon: greener yards');
	await page.locator('#f-summaryEn').fill('We call for greener yards.');
	await page.locator('#f-bodyEn').fill('Text.');
	await page.locator('#f-opens').fill(rigaDate(3));
	await page.locator('#f-closes').fill(rigaDate(40));
	await page.locator('#f-goal').fill('10000');
	await page.getByTestId('create-initiative').click();
	await expect(page.getByTestId('current-status')).toHaveText('Melnraksts');
	await page.getByTestId('status-open').click();
	await expect(page.getByTestId('current-status')).toHaveText('Atvērta');

	// A citizen opens the public catalog.
	await page.goto('/');
	const card = page.locator(`[data-testid="initiative-card"][data-slug="${slug}"]`);
	await expect(page.getByTestId('upcoming-initiatives').locator(card)).toBeVisible();
	await expect(card).toContainText('Parakstīšana sāksies');
	await expect(page.getByTestId('open-initiatives').locator(card)).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'Drīzumā varēs parakstīt' })).toBeVisible();
});
