/**
 * An office app the server no longer speaks to (sync protocol, issue 10 §2): the server answers
 * `unsupported_protocol`; the office screen says in plain words that the app needs updating,
 * and keeps every record until an app that speaks the server's protocol sends it.
 *
 * This app and this server speak the same version, so the test plays an out-of-date app by
 * rewriting the version number in what the app sends, on its way to the real server, which
 * then answers as it answers any old app. (The full test with two builds of the app is
 * issue 18's.)
 */
import type { BrowserContext, Route } from '@playwright/test';
import { test, expect } from './fixtures';
import { done, finish, NATIONAL, newDevice, openWindow, readyOffice, sign, syncAndSettle, uniquePerson } from './office-helpers';

test.describe.configure({ timeout: 180_000 });

const OLD_PROTOCOL = 1;

/** tRPC's batch link sends `{"0": input}`: the protocol of every call in the body becomes 1. */
async function sendAsOldApp(route: Route) {
	const request = route.request();
	const body = JSON.parse(request.postData() ?? '{}') as Record<string, { protocol?: number }>;
	for (const call of Object.values(body)) if (call && typeof call === 'object') call.protocol = OLD_PROTOCOL;
	await route.continue({ postData: JSON.stringify(body) });
}

/** The same for a query, whose input is in the URL. */
async function pullAsOldApp(route: Route) {
	const url = new URL(route.request().url());
	const input = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<string, { protocol?: number }>;
	for (const call of Object.values(input)) if (call && typeof call === 'object') call.protocol = OLD_PROTOCOL;
	url.searchParams.set('input', JSON.stringify(input));
	await route.continue({ url: url.toString() });
}

// context.route also sees what the service worker fetches (Chromium).
const PUSH = /\/api\/trpc\/sync\.push/;
const PULL = /\/api\/trpc\/sync\.pull/;

async function stopRewriting(context: BrowserContext) {
	await context.unroute(PUSH);
	await context.unroute(PULL);
}

test.describe('an office app on an old sync protocol', () => {
	test('the server refuses its pushes as unsupported_protocol: the office screen says the app needs updating, the records stay through a reload, and an up-to-date app sends them all', async ({
		browser,
		app
	}) => {
		const person = uniquePerson('Ilze', 'Krūmiņa', 8, 2, 1957);
		const { context, page } = await newDevice(browser, app);
		try {
			await readyOffice(page, app);
			await expect(page.getByTestId('sync-update-needed')).toHaveCount(0);

			// From here on the app sends its pushes as protocol 1.
			await context.route(PUSH, sendAsOldApp);
			await openWindow(page, person);
			await sign(page, NATIONAL[0], 'Ilze Krūmiņa');
			await finish(page);
			await done(page);

			// The sync after the visit was refused: said plainly, nothing lost.
			await page.getByTestId('sync-now').click();
			const notice = page.getByTestId('sync-update-needed');
			await expect(notice).toHaveText(
				'Serverim jau ir jaunāka lietotnes versija, tāpēc šīs versijas ierakstus tas vēl nepieņem. Parakstīšanu var turpināt: visi ieraksti paliek šajā datorā, netiks zaudēti un tiks nosūtīti pēc lietotnes atjaunināšanas.'
			);
			// No newer app is waiting here (the server is this build), so the clerk is told what to do.
			await expect(page.getByTestId('sync-update-loading')).toContainText('Jaunā versija tiek ielādēta.');
			await expect(notice).toHaveAttribute('role', 'alert');
			// window.open + signature + window.close, all still waiting.
			await expect(page.getByTestId('sync-pending')).toHaveText('3');
			await expect(page.getByTestId('sync-message')).toHaveText('');
			await expect(page.getByTestId('sync-problem')).toHaveCount(0);

			// The pull of an old app is refused as well: nothing is sent at all, and after a
			// reload the records are still there.
			await context.route(PULL, pullAsOldApp);
			await page.reload();
			await expect(page.getByTestId('pin-unlock')).toBeVisible();
			await expect(page.getByTestId('sync-pending')).toHaveText('3');
			await expect(page.getByTestId('sync-update-needed')).toBeVisible();

			// In English too.
			await page.getByTestId('language-switch').click();
			await expect(page.getByTestId('sync-update-needed')).toHaveText(
				'The server already has a newer version of the app, so it does not accept records from this version yet. Signing can go on: every record stays on this PC, will not be lost and is sent once the app is updated.'
			);
			await page.getByTestId('language-switch').click();

			// The app is up to date again: one sync sends every record kept.
			await stopRewriting(context);
			await syncAndSettle(page);
			await expect(page.getByTestId('sync-update-needed')).toHaveCount(0);
			const results = page.getByTestId('sync-result');
			await expect(results).toHaveCount(3);
			for (const r of await results.all()) await expect(r).toHaveAttribute('data-reason', 'accepted');
		} finally {
			await context.close();
		}
	});
});
