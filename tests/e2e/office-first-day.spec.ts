/**
 * Issue 11 §1: the first day at an office, in one page session, the way a clerk does it: open
 * the office page, follow the link to enrol, click "Uz darba vietu", log in, choose a PIN and
 * open a window. No reload and no typed URL after the first: a sync engine left stuck by the
 * sync that ran before the PC was enrolled would show here as "never synced".
 */
import { test, expect } from './fixtures';
import { officeLv } from '../../src/lib/i18n/messages/office.lv';
import { CLERK, enrollmentCode, newDevice, PIN, uniquePerson } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('enrol, log in, set the PIN and open a window without reloading the page', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		const code = enrollmentCode(app);
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto('/kac');
		await expect(page.getByTestId('not-enrolled')).toBeVisible();
		await page.getByTestId('enroll-link').click();
		await expect(page).toHaveURL(/\/kac\/enroll$/);
		await page.getByLabel('Reģistrācijas kods').fill(code);
		await page.getByRole('button', { name: 'Reģistrēt datoru' }).click();
		await expect(page.getByTestId('enrolled')).toBeVisible();

		await page.getByRole('link', { name: officeLv['enroll.toOffice'] }).click();
		await expect(page).toHaveURL(/\/kac$/);
		await page.getByLabel('Lietotājvārds').fill(CLERK.username);
		await page.getByLabel('Parole').fill(CLERK.password);
		await page.getByTestId('login-submit').click();
		await page.getByLabel('Jaunais PIN').fill(PIN);
		await page.getByLabel('Atkārtojiet PIN').fill(PIN);
		await page.getByTestId('set-pin-submit').click();
		await expect(page.getByTestId('id-form')).toBeVisible();

		// The enrolment's own first sync happened: the PC has synced once and says when.
		await expect(page.getByTestId('sync-last')).not.toHaveText(officeLv['sync.never']);
		// "Sync now" reaches the server: a pull request is sent and the answer is "done".
		const pulled = page.waitForRequest((r) => r.url().includes('sync.pull'));
		await page.getByTestId('sync-now').click();
		await pulled;
		await expect(page.getByTestId('sync-message')).toHaveText(officeLv['sync.done']);
		await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');

		const anna = uniquePerson('Anna', 'Kalniņa');
		await page.getByLabel('Vārds', { exact: true }).fill(anna.givenName);
		await page.getByLabel('Uzvārds', { exact: true }).fill(anna.surname);
		await page.getByLabel('Personas kods').fill(anna.personalCode);
		await page.getByLabel('Dzimšanas datums').fill(anna.birthDate);
		await page.getByLabel('Dokumenta veids').selectOption(anna.documentType);
		await page.getByLabel('Dokumenta numurs').fill(anna.documentNumber);
		await page.getByLabel('Pilsonība').selectOption('LV');
		await page.getByTestId('attest').check();
		await page.getByTestId('open-window').click();
		await expect(page).toHaveURL(/\/kac\/sign$/);
		await expect(page.getByTestId('countdown')).toBeVisible();
	} finally {
		await context.close();
	}
});
