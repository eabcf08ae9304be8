import { test, expect } from './fixtures';
import { officeLv } from '../../src/lib/i18n/messages/office.lv';
import { fillIdentity, newDevice, readyOffice, uniquePerson, unlockWithPin } from './office-helpers';

// A real server, argon2 login and PBKDF2 PIN: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test('office mode locks when the PC is left alone, clears what was typed, and stays unlocked while in use', async ({ browser, app, axe }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		// A 6-second idle limit instead of 10 minutes (read when office mode starts).
		await page.goto('/kac?idle=6');
		await unlockWithPin(page);
		await expect(page.getByTestId('office')).toHaveAttribute('data-state', 'unlocked');

		// In use: typing keeps it unlocked past the limit.
		const person = uniquePerson('Ilze', 'Kalniņa');
		for (let i = 0; i < 16; i++) {
			await page.getByLabel('Dokumenta numurs').press(i % 2 ? 'Backspace' : 'x');
			await page.waitForTimeout(500);
		}
		await expect(page.getByTestId('office')).toHaveAttribute('data-state', 'unlocked');

		// Left alone with a half-filled form: it locks, says why, and the form is gone.
		await fillIdentity(page, person);
		await expect(page.getByTestId('office')).toHaveAttribute('data-state', 'locked', { timeout: 15_000 });
		await expect(page.getByTestId('locked-idle')).toHaveText(officeLv['office.lockedIdle']);
		await expect(page.getByTestId('id-form')).toHaveCount(0);
		await axe(page);

		// The PIN unlocks it again, with an empty form and no notice.
		await unlockWithPin(page);
		await expect(page.getByTestId('locked-idle')).toHaveCount(0);
		await expect(page.getByLabel('Personas kods')).toHaveValue('');
		await expect(page.getByLabel('Vārds', { exact: true })).toHaveValue('');

		// Away from the start page (the office day page), it locks and returns to /kac.
		await page.getByTestId('day-close-link').click();
		await expect(page).toHaveURL(/\/kac\/day/);
		await expect(page).toHaveURL(/\/kac$/, { timeout: 15_000 });
		await expect(page.getByTestId('office')).toHaveAttribute('data-state', 'locked');
	} finally {
		await context.close();
	}
});
