/**
 * Issue 11 §6: the sync panel speaks the clerk's language. One visit is "1 visit waiting to be
 * sent" (not "3 unsent records"), and offline is a plain banner with the age of the oldest visit.
 */
import { test, expect } from './fixtures';
import { done, finish, NATIONAL, newDevice, openWindow, readyOffice, sign, syncAndSettle, uniquePerson, unlockWithPin } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('offline: one visit waiting, said as a visit, under a banner with the oldest one\'s time', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		await expect(page.getByTestId('sync-offline-banner')).toHaveCount(0);
		// The service worker holds the app shell before the server goes away (as in office-offline).
		await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active)).toBe(true);
		await page.reload();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await unlockWithPin(page);
		await app.stop();
		try {
			await openWindow(page, uniquePerson('Ojārs', 'Zariņš', 17, 8, 1952));
			await sign(page, NATIONAL[0], 'Ojārs Zariņš');
			await finish(page);
			await done(page);
			await page.getByTestId('sync-now').click();
			await expect(page.getByTestId('sync-message')).toHaveText('Serveris nav sasniedzams. Ieraksti ir saglabāti šajā datorā un tiks nosūtīti vēlāk.');
			const banner = page.getByTestId('sync-offline-banner');
			await expect(banner).toContainText('Nav savienojuma ar serveri.');
			await expect(banner).toContainText(/Vecākais gaida kopš \d{2}\.\d{2}\.\d{4} \d{1,2}:\d{2}/);
			await expect(page.getByTestId('sync-pending-visits')).toHaveText('1');
			await expect(page.getByTestId('sync-pending')).toHaveText('3');
		} finally {
			await app.start();
		}
		await syncAndSettle(page);
		await expect(page.getByTestId('sync-pending-visits')).toHaveText('0');
		await expect(page.getByTestId('sync-offline-banner')).toHaveCount(0);
	} finally {
		await context.close();
	}
});
