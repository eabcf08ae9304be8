import { execFileSync } from 'node:child_process';
import { test, expect } from './fixtures';
import { officeLv } from '../../src/lib/i18n/messages/office.lv';
import { enrollmentCode, newDevice, readyOffice, unlockWithPin } from './office-helpers';

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test.describe('office devices', () => {
	test('enrolment says plainly when the code is wrong, already used, or the server cannot be reached', async ({ browser, app }) => {
		const code = enrollmentCode(app);
		const one = await newDevice(browser, app);
		const two = await newDevice(browser, app);
		try {
			const { page } = one;
			await page.goto('/kac');
			await page.getByTestId('enroll-link').click();
			await expect(page).toHaveURL(/\/kac\/enroll$/);

			await page.getByTestId('enroll-submit').click();
			await expect(page.getByTestId('enroll-error')).toHaveText(officeLv['enroll.error.empty']);

			await page.getByLabel('Reģistrācijas kods').fill('ZZZZ-ZZZZ-ZZZZ');
			await page.getByTestId('enroll-submit').click();
			await expect(page.getByTestId('enroll-error')).toHaveText(officeLv['enroll.error.invalid_code']);
			await expect(page.getByLabel('Reģistrācijas kods')).toHaveValue('ZZZZ-ZZZZ-ZZZZ');

			await app.stop();
			try {
				await page.getByLabel('Reģistrācijas kods').fill(code);
				await page.getByTestId('enroll-submit').click();
				await expect(page.getByTestId('enroll-error')).toHaveText(officeLv['enroll.error.offline']);
				await expect(page.getByLabel('Reģistrācijas kods')).toHaveValue(code);
			} finally {
				await app.start();
			}
			await page.getByTestId('enroll-submit').click();
			await expect(page.getByTestId('enrolled')).toBeVisible();
			await expect(page.getByTestId('enrolled-office')).toContainText('Grobiņas');

			// The same code on another PC: used.
			await two.page.goto('/kac/enroll');
			await two.page.getByLabel('Reģistrācijas kods').fill(code.toLowerCase());
			await two.page.getByTestId('enroll-submit').click();
			await expect(two.page.getByTestId('enroll-error')).toHaveText(officeLv['enroll.error.used']);

			// Back on the enrolled PC, /kac/enroll says it is enrolled and leads to the office.
			await page.goto('/kac/enroll');
			await expect(page.getByTestId('enrolled')).toContainText('Šis dators jau ir reģistrēts');
			await page.getByTestId('to-office').click();
			await expect(page.getByTestId('login')).toBeVisible();
		} finally {
			await one.context.close();
			await two.context.close();
		}
	});

	test('a revoked device shows a clear banner and opens no new windows, also after a reload', async ({ browser, app }) => {
		const { context, page } = await newDevice(browser, app);
		try {
			await readyOffice(page, app);
			const deviceId = await page.evaluate(
				() =>
					new Promise<string>((resolve, reject) => {
						const open = indexedDB.open('klatiene');
						open.onerror = () => reject(open.error);
						open.onsuccess = () => {
							const get = open.result.transaction('device').objectStore('device').get('self');
							get.onsuccess = () => resolve(get.result.id);
							get.onerror = () => reject(get.error);
						};
					})
			);
			execFileSync('npx', ['tsx', 'server/cli/admin.ts', 'revoke-device', deviceId], {
				env: { ...process.env, DATABASE_URL: app.databaseUrl },
				stdio: 'ignore'
			});

			await page.getByTestId('sync-now').click();
			const banner = page.getByTestId('revoked-banner');
			await expect(banner).toBeVisible();
			await expect(banner).toContainText(officeLv['office.revokedTitle']);
			await expect(page.getByTestId('open-window')).toBeDisabled();

			// After a reload, with the server down, the PC still knows.
			await app.stop();
			try {
				await page.reload();
				await unlockWithPin(page);
				await expect(page.getByTestId('revoked-banner')).toBeVisible();
				await expect(page.getByTestId('open-window')).toBeDisabled();
			} finally {
				await app.start();
			}
		} finally {
			await context.close();
		}
	});
});
