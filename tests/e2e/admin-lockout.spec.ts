/**
 * A password-guessing attack on one username from many addresses locks its logins (issue 10
 * §1); the administrator sees it in the staff list, opens the person and allows logins again,
 * and the audit log says who did. The server takes the client address from X-Forwarded-For
 * (ADDRESS_HEADER, as behind a reverse proxy), so the test can play an attacker with many
 * addresses; the administrator's browser has an address of its own.
 */
import { AppServer } from './app-server';
import { ADMIN, adminLogin, CLERK } from './admin-helpers';
import { expect, test as base } from './fixtures';

const test = base.extend<object, { app: AppServer }>({
	app: [
		async ({}, use) => {
			const server = await AppServer.launch({ ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' });
			await use(server);
			await server.dispose();
		},
		{ scope: 'worker', timeout: 60_000 }
	]
});

test.use({ extraHTTPHeaders: { 'x-forwarded-for': '10.20.30.40' } });

async function loginFrom(base: string, address: string, password: string): Promise<{ ok: boolean; reason?: string }> {
	const res = await fetch(`${base}/api/trpc/auth.login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: base, 'x-forwarded-for': address },
		body: JSON.stringify({ username: CLERK.username, password })
	});
	return ((await res.json()) as { result: { data: { ok: boolean; reason?: string } } }).result.data;
}

test('an administrator lifts a login lock-out from /admin/staff, and it is in the audit log', async ({ page, app }) => {
	// Twenty wrong passwords from four addresses: no address reaches its own limit's end.
	for (let a = 0; a < 4; a++) {
		for (let i = 0; i < 5; i++) expect(await loginFrom(app.url, `198.51.100.${a}`, `guess ${a}-${i}`)).toEqual({ ok: false, reason: 'invalid_credentials' });
	}
	// Now even the clerk, from the office, with the right password, is refused.
	expect((await loginFrom(app.url, '10.1.1.1', CLERK.password)).reason).toBe('rate_limited');

	await adminLogin(page, ADMIN);
	await page.getByRole('link', { name: 'Darbinieki' }).first().click();
	const row = page.locator(`tr[data-username="${CLERK.username}"]`);
	await expect(row.getByTestId('locked-out')).toContainText('Pieteikšanās slēgta līdz');
	// Nobody else is locked.
	await expect(page.getByTestId('locked-out')).toHaveCount(1);
	await row.getByRole('link').click();
	await expect(page.getByTestId('locked-out')).toBeVisible();
	await page.getByRole('button', { name: 'Atļaut pieteikties atkal' }).click();
	await expect(page.getByTestId('done')).toHaveText('Pieteikties atkal var.');
	await expect(page.getByTestId('locked-out')).toHaveCount(0);

	expect((await loginFrom(app.url, '10.1.1.1', CLERK.password)).ok).toBe(true);

	await page.getByRole('link', { name: 'Audita žurnāls' }).first().click();
	await expect(page.getByText('Atļāva pieteikties pēc slēgšanas').first()).toBeVisible();
});
