import { test, expect } from './fixtures';
import { guideLv } from '../../src/lib/i18n/messages/guide.lv';
import {
	CLERK,
	done,
	finish,
	inPersonCount,
	NATIONAL,
	newDevice,
	openWindow,
	readyOffice,
	setPin,
	sign,
	syncAndSettle,
	uniquePerson,
	unlockWithPin
} from './office-helpers';

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test('a forgotten PIN: offline the screen says whom to call and that waiting visits are safe; five wrong PINs lock it; online the clerk logs in again, chooses a new PIN, and the waiting visit is still there and syncs', async ({
	browser,
	app,
	axe
}) => {
	const [a] = NATIONAL;
	const before = await inPersonCount(browser, app, a);
	const person = uniquePerson('Velta', 'Ozola', 9, 2, 1952);
	const { context, page } = await newDevice(browser, app);
	let stopped = false;
	try {
		await readyOffice(page, app);
		await app.stop();
		stopped = true;

		// A visit while the server is down: it waits in the outbox.
		await openWindow(page, person);
		await sign(page, a, 'Velta Ozola');
		await finish(page);
		await done(page);
		await expect(page.getByTestId('sync-pending')).toHaveText('3');
		await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');

		// A month later: the PIN is gone from memory.
		await page.getByTestId('lock').click();
		await expect(page.getByTestId('pin-unlock')).toBeVisible();
		await page.getByTestId('forgot-pin-open').click();
		await expect(page.getByTestId('forgot-pin-offline')).toHaveText(guideLv['guide.forgotPinOffline']);
		await expect(page.getByTestId('waiting-safe')).toContainText('3 nenosūtīti ieraksti ir droši saglabāti');
		await axe(page);

		// Guessing: five wrong PINs switch the PIN off, with a clear message; nothing waiting is lost.
		for (const guess of ['1357', '2468', '9753', '8642', '1470']) {
			await page.getByLabel('PIN kods').fill(guess);
			await page.getByTestId('pin-submit').click();
			await expect(page.getByLabel('PIN kods')).toHaveValue('');
		}
		const locked = page.getByTestId('pin-locked');
		await expect(locked).toContainText(guideLv['guide.pinLocked']);
		await expect(page.getByTestId('pin-locked-waiting')).toContainText('3 nenosūtīti ieraksti');
		await expect(page.getByTestId('pin-submit')).toBeDisabled();
		await expect(page.getByTestId('sync-pending')).toHaveText('3');

		// The login form says where a forgotten password goes.
		await page.getByText(guideLv['guide.forgotPassword']).click();
		await expect(page.getByTestId('forgot-password')).toContainText('Darbinieki → Jauna parole');

		// The server is back: the help's own button leads to the password login.
		await app.start();
		stopped = false;
		await page.getByTestId('login-again').click();
		await expect(page.getByLabel('Lietotājvārds')).toBeFocused();
		await page.getByLabel('Lietotājvārds').fill(CLERK.username);
		await page.getByLabel('Parole').fill(CLERK.password);
		await page.getByTestId('login-submit').click();
		// A locked PIN cannot be kept: a new one is chosen.
		await expect(page.getByTestId('set-pin')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Paturēt esošo PIN' })).toHaveCount(0);
		await setPin(page, '5173');

		await syncAndSettle(page);
		await expect.poll(() => inPersonCount(browser, app, a)).toBe(before + 1);

		// The new PIN works.
		await page.getByTestId('lock').click();
		await unlockWithPin(page, '5173');
	} finally {
		if (stopped) await app.start();
		await context.close();
	}
});
