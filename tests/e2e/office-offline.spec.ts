import { test, expect } from './fixtures';
import { deviceCaches, OFFICE_CACHE, officeFilesMissing, officeFilesOfWorker } from './sw-caches';
import {
	done,
	enroll,
	finish,
	inPersonCount,
	NATIONAL,
	newDevice,
	openWindow,
	readyOffice,
	sign,
	syncAndSettle,
	uniquePerson,
	unlockWithPin
} from './office-helpers';

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test.describe('in-person signing offline', () => {
	test('with the server stopped: unlock with the PIN, two visits with a reload between them, nothing lost; after restart one sync shows every result and the counts go up', async ({
		browser,
		app
	}) => {
		const [a, b, c] = NATIONAL;
		const before = {
			[a]: await inPersonCount(browser, app, a),
			[b]: await inPersonCount(browser, app, b),
			[c]: await inPersonCount(browser, app, c)
		};
		const first = uniquePerson('Aija', 'Kļaviņa', 3, 5, 1948);
		const second = uniquePerson('Oskars', 'Zariņš', 21, 9, 1990);

		const { context, page } = await newDevice(browser, app);
		let stopped = false;
		try {
			await readyOffice(page, app);
			// The service worker holds the app shell before the server goes away.
			await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.ready).active)).toBe(true);
			await page.reload();
			await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

			await app.stop();
			stopped = true;

			// A reload locks the office; the PIN unlocks it without the server.
			await page.goto('/kac');
			await unlockWithPin(page);
			await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'false');

			// Visit 1: two signatures.
			await openWindow(page, first);
			await sign(page, a, 'Aija Kļaviņa');
			await sign(page, b, 'Aija Kļaviņa');
			await finish(page);
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(2);
			await done(page);
			// window.open + 2 signatures + window.close
			await expect(page.getByTestId('sync-pending')).toHaveText('4');

			// A reload (or a crash) in between loses nothing.
			await page.reload();
			await expect(page.getByTestId('pin-unlock')).toBeVisible();
			await expect(page.getByTestId('sync-pending')).toHaveText('4');
			await unlockWithPin(page);

			// Visit 2: one signature.
			await openWindow(page, second);
			await sign(page, c, 'Oskars Zariņš');
			await finish(page);
			await done(page);
			await expect(page.getByTestId('sync-pending')).toHaveText('7');

			await app.start();
			stopped = false;
			await syncAndSettle(page);
			await expect(page.getByTestId('sync-online')).toHaveAttribute('data-online', 'true');

			// Every record's result is listed, and all of them count.
			const results = page.getByTestId('sync-result');
			await expect(results).toHaveCount(7);
			for (const r of await results.all()) await expect(r).toHaveAttribute('data-state', 'accepted');
			await expect(page.locator('[data-testid=sync-result][data-type=signature]')).toHaveCount(3);
			await expect(page.getByTestId('sync-results')).toContainText('Paraksts');
			await expect(page.getByTestId('sync-no-problems')).toBeVisible();
		} finally {
			if (stopped) await app.start();
			await context.close();
		}

		expect(await inPersonCount(browser, app, a)).toBe(before[a] + 1);
		expect(await inPersonCount(browser, app, b)).toBe(before[b] + 1);
		expect(await inPersonCount(browser, app, c)).toBe(before[c] + 1);
	});

	test('an office PC keeps office mode the moment it is enrolled: with the server gone right after, a reload still runs office mode', async ({
		browser,
		app
	}) => {
		const { context, page } = await newDevice(browser, app);
		let stopped = false;
		try {
			await enroll(page, app);
			// The enrolled PC fills its office cache; nothing else was opened in office mode yet.
			await expect.poll(() => officeFilesMissing(page), { timeout: 30_000 }).toEqual([]);
			const office = await officeFilesOfWorker(page);
			expect(office.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(5);
			// None of it is in the precache every device downloads.
			const precache = (await deviceCaches(page)).find((c) => c.name.includes('precache'))!;
			expect(precache.paths.filter((p) => office.includes(p))).toEqual([]);
			expect((await deviceCaches(page)).map((c) => c.name)).toContain(OFFICE_CACHE);

			await app.stop();
			stopped = true;
			await page.reload();
			await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
			// Office mode runs: it knows this PC and its office, and asks the clerk to log in.
			await expect(page.getByTestId('enrolled-office')).toContainText('Grobiņ');
			await page.goto('/kac');
			await expect(page.getByTestId('login')).toBeVisible();
		} finally {
			if (stopped) await app.start();
			await context.close();
		}
	});
});
