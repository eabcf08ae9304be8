/**
 * Issue 11 §3: the receipt cannot be lost. Printing is the first action, leaving a receipt
 * that was neither printed nor written down is asked about, and a reload (F5) of the PC shows
 * the same receipt again, without the person's code or name in the PC's storage.
 */
import { test, expect } from './fixtures';
import { NATIONAL, newDevice, openWindow, readyOffice, sign, finish, uniquePerson } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

test('printing comes first, and "Done" asks before an unprinted receipt is gone', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		await openWindow(page, uniquePerson('Aina', 'Lapiņa', 14, 2, 1951));
		await sign(page, NATIONAL[0], 'Aina Lapiņa');
		await finish(page);

		// The filled button is printing; "Done" is a lesser one.
		await expect(page.getByTestId('print')).not.toHaveClass(/secondary/);
		await expect(page.getByTestId('receipt-done')).toHaveClass(/secondary/);

		await page.getByTestId('receipt-done').click();
		const ask = page.getByTestId('leave-dialog');
		await expect(ask).toBeVisible();
		await expect(ask).toContainText('Kvīts vēl nav izdrukāta');
		await expect(page.getByTestId('leave-print')).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(ask).toBeHidden();
		await expect(page).toHaveURL(/\/kac\/receipt$/);
		await expect(page.getByTestId('receipt-code')).toBeVisible();

		// Written down: "Done" goes straight to the next visitor.
		await page.getByTestId('code-written').click();
		await page.getByTestId('receipt-done').click();
		await expect(page).toHaveURL(/\/kac$/);
		await expect(page.getByTestId('id-form')).toBeVisible();
	} finally {
		await context.close();
	}
});

test('a reload after signing shows the same receipt again, with no personal data kept', async ({ browser, app }) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		const person = uniquePerson('Kārlis', 'Vītols', 9, 10, 1947);
		await openWindow(page, person);
		await sign(page, NATIONAL[1], 'Kārlis Vītols');
		await finish(page);
		const code = await page.getByTestId('receipt-code').getAttribute('data-code');

		await page.reload();
		await expect(page.getByTestId('receipt')).toBeVisible();
		await expect(page.getByTestId('receipt-code')).toHaveAttribute('data-code', code!);
		await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
		await expect(page.getByTestId('no-receipt')).toHaveCount(0);

		// What the PC keeps in plain storage for this: no personal code, no name.
		const stored = await page.evaluate(
			() =>
				new Promise<string>((resolve, reject) => {
					const open = indexedDB.open('klatiene');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const all = open.result.transaction('meta').objectStore('meta').getAll();
						all.onsuccess = () => resolve(JSON.stringify(all.result));
						all.onerror = () => reject(all.error);
					};
				})
		);
		expect(stored).toContain(code!);
		expect(stored).not.toContain(person.personalCode);
		expect(stored).not.toContain(person.personalCode.replace('-', ''));
		expect(stored).not.toContain('Vītols');
		expect(stored).not.toContain('Kārlis');

		// Done: the receipt is gone for good, also after another reload.
		await page.getByTestId('code-written').click();
		await page.getByTestId('receipt-done').click();
		await expect(page).toHaveURL(/\/kac$/);
		await page.reload();
		await page.getByLabel('PIN kods').fill('4826');
		await page.getByTestId('pin-submit').click();
		await expect(page.getByTestId('id-form')).toBeVisible();
	} finally {
		await context.close();
	}
});
