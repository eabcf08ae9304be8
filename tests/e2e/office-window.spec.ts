import { test, expect } from './fixtures';
import {
	done,
	finish,
	NATIONAL,
	newDevice,
	openWindow,
	readyOffice,
	sign,
	syncAndSettle,
	uniquePerson
} from './office-helpers';

// Whole flows with a real server, argon2 logins and PBKDF2 PINs: generous, not timed.
test.describe.configure({ timeout: 180_000 });

test.describe('signing windows', () => {
	test('a window that times out accepts no more signatures, and a reload never reopens it', async ({ browser, app }) => {
		const { context, page } = await newDevice(browser, app);
		try {
			await page.clock.install();
			await readyOffice(page, app);
			const person = uniquePerson('Laura', 'Priede', 30, 1, 1970);
			await openWindow(page, person);
			await expect(page.getByTestId('countdown')).toHaveText(/^(15:00|14:5\d)$/); // the page's clock runs while the window opens

			await sign(page, NATIONAL[0], 'Laura Priede');
			await page.clock.fastForward('05:00');
			await expect(page.getByTestId('countdown')).toHaveText(/^(10:00|9:5\d)$/);

			// The citizen is about to confirm a second signature when the time runs out.
			const item = page.locator(`[data-testid=citizen-initiative][data-slug="${NATIONAL[1]}"]`);
			await item.getByTestId('open-initiative').click();
			await page.getByTestId('sign').click();
			await expect(page.getByTestId('confirm-dialog')).toBeVisible();
			await page.clock.fastForward('10:01');

			// Time-out: the window ends by itself, the receipt shows only what was signed in time.
			await expect(page).toHaveURL(/\/kac\/receipt$/);
			await expect(page.getByTestId('receipt-ended')).toContainText('Parakstīšanās laiks beidzās.');
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
			await expect(page.getByTestId('confirm-sign')).toHaveCount(0);

			// Nothing leads back into that window: not the sign page, not a reload. Both lead to its
			// receipt, which stays on this PC until the next visit (issue 11 §3).
			await page.goto('/kac/sign');
			await expect(page).toHaveURL(/\/kac\/receipt$/);
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
			await expect(page.getByTestId('citizen-initiative')).toHaveCount(0);
			await page.reload();
			await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
			await expect(page.getByTestId('citizen-initiative')).toHaveCount(0);
			await expect(page.getByTestId('countdown')).toHaveCount(0);

			// The server agrees: one signature, the window closed as timed out.
			await page.goto('/kac');
			await page.getByLabel('PIN kods').fill('4826');
			await page.getByTestId('pin-submit').click();
			await syncAndSettle(page);
			await expect(page.getByTestId('sync-no-problems')).toBeVisible();
		} finally {
			await context.close();
		}
	});

	test("the same person's second visit to the same initiative, on this device and on another, comes back duplicate and is shown as such", async ({
		browser,
		app
	}) => {
		const person = uniquePerson('Ilga', 'Zvaigzne', 8, 8, 1955);
		const slug = NATIONAL[2];

		const one = await newDevice(browser, app);
		const two = await newDevice(browser, app);
		try {
			// First visit: counted.
			await readyOffice(one.page, app);
			await openWindow(one.page, person);
			await sign(one.page, slug, 'Ilga Zvaigzne');
			await finish(one.page);
			await done(one.page);
			await syncAndSettle(one.page);
			await expect(one.page.getByTestId('sync-no-problems')).toBeVisible();

			// Second visit, same PC: a normal result, shown in plain words.
			await openWindow(one.page, person);
			await sign(one.page, slug, 'Ilga Zvaigzne');
			await finish(one.page);
			await done(one.page);
			await syncAndSettle(one.page);
			const problem = one.page.getByTestId('sync-problem');
			await expect(problem).toHaveCount(1);
			await expect(problem).toHaveAttribute('data-state', 'duplicate');
			await expect(problem).toHaveAttribute('data-reason', 'duplicate');
			await expect(problem).toContainText('Paraksts');
			await expect(problem).toContainText('Dublikāts');
			await expect(problem).toContainText('jau bija parakstījusi');
			await expect(one.page.locator('[data-testid=sync-result][data-state=duplicate]')).toHaveCount(1);

			// Third visit, another PC of the office: duplicate there too.
			await readyOffice(two.page, app);
			await openWindow(two.page, person);
			await sign(two.page, slug, 'Ilga Zvaigzne');
			await finish(two.page);
			await done(two.page);
			await syncAndSettle(two.page);
			const other = two.page.getByTestId('sync-problem');
			await expect(other).toHaveCount(1);
			await expect(other).toHaveAttribute('data-state', 'duplicate');
			await expect(other).toContainText('Dublikāts');

			// In English too.
			await two.page.getByTestId('language-switch').click();
			await expect(other).toContainText('Duplicate');
			await expect(other).toContainText('had already signed this initiative');
		} finally {
			await one.context.close();
			await two.context.close();
		}
	});
});
