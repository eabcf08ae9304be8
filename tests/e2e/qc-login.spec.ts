/**
 * The QC login tells a refusal in words, on the field it is about, and keeps what was typed
 * (issue 12 §6: the admin and QC logins answer in one shape, src/lib/server/staff-login.ts).
 */
import { expect, test } from './fixtures';
import { AUDITOR, CLERK } from './admin-helpers';

test('a wrong password and a clerk are refused with their reasons; the auditor gets in', async ({ page }) => {
	await page.goto('/qc/login');
	const username = page.getByLabel('Lietotājvārds');
	const password = page.getByLabel('Parole');
	const problem = page.getByTestId('qc-login-problem');

	await username.fill(AUDITOR.username);
	await password.fill('not the password');
	await page.getByTestId('qc-login-submit').click();
	await expect(problem).toHaveText('Nepareizs lietotājvārds vai parole.');
	await expect(username).toHaveValue(AUDITOR.username);
	await expect(username).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveAttribute('aria-invalid', 'true');

	await username.fill(CLERK.username);
	await password.fill(CLERK.password);
	await page.getByTestId('qc-login-submit').click();
	await expect(problem).toHaveText('Šim kontam nav piekļuves kvalitātes kontrolei.');
	await expect(username).toHaveValue(CLERK.username);

	await username.fill(AUDITOR.username);
	await password.fill(AUDITOR.password);
	await page.getByTestId('qc-login-submit').click();
	await expect(page).toHaveURL(/\/qc$/);
});
