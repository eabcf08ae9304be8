import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import type { AppServer } from './app-server';
import { guideLv } from '../../src/lib/i18n/messages/guide.lv';
import { adminLv } from '../../src/lib/i18n/messages/admin.lv';
import { adminLogin } from './admin-helpers';
import {
	done,
	OFFICE,
	finish,
	inPersonCount,
	NATIONAL,
	newDevice,
	openWindow,
	readyOffice,
	sign,
	syncAndSettle,
	uniquePerson
} from './office-helpers';

test.describe.configure({ timeout: 180_000 });

/** What this PC's IndexedDB holds: the device id and how many records are in its outbox. */
function onDevice(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ deviceId: string; outbox: number }>((resolve, reject) => {
				const open = indexedDB.open('klatiene');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['device', 'outbox']);
					const device = tx.objectStore('device').get('self');
					const outbox = tx.objectStore('outbox').count();
					tx.oncomplete = () => resolve({ deviceId: device.result.id, outbox: outbox.result });
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

/** Practice visits the server holds for an office (summed over its PCs), read from its database. */
function practiceOfOffice(app: AppServer, slug: string): number {
	const db = new Database(app.databaseUrl.replace(/^file:/, ''), { readonly: true });
	try {
		const row = db
			.prepare('SELECT coalesce(sum(p.total), 0) AS n FROM practice_count p JOIN office o ON o.id = p.office_id WHERE o.slug = ?')
			.get(slug) as { n: number };
		return row.n;
	} finally {
		db.close();
	}
}

/** What the server took from this PC, counted in its database. */
function serverCounts(app: AppServer, deviceId: string) {
	const db = new Database(app.databaseUrl.replace(/^file:/, ''), { readonly: true });
	try {
		const count = (sql: string) => (db.prepare(sql).get(deviceId) as { n: number }).n;
		return {
			records: count('SELECT count(*) AS n FROM raw_record WHERE device_id = ?'),
			windows: count('SELECT count(*) AS n FROM signing_window WHERE device_id = ?'),
			signatures: count('SELECT count(*) AS n FROM signature WHERE device_id = ?')
		};
	} finally {
		db.close();
	}
}

test('a first-time clerk runs a practice visit by following the screen: banner on every screen, the outbox stays empty, the server counts nothing; then a real visit counts', async ({
	browser,
	app,
	axe
}) => {
	const [a] = NATIONAL;
	const before = await inPersonCount(browser, app, a);
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		const { deviceId, outbox: outboxBefore } = await onDevice(page);
		const serverBefore = serverCounts(app, deviceId);
		const practiceBefore = practiceOfOffice(app, OFFICE);
		await expect(page.getByTestId('practice-count')).toHaveText(guideLv['guide.practiceCount'].zero);

		// Practice, following only what the screen says.
		await page.getByRole('button', { name: guideLv['guide.practiceStart'] }).click();
		await expect(page.getByTestId('practice-banner')).toContainText(guideLv['guide.practiceBanner']);
		await page.getByRole('button', { name: guideLv['guide.practiceFill'] }).click();
		await expect(page.getByLabel('Vārds', { exact: true })).toHaveValue('Anna');
		// Step 3 names the tick and the button.
		await page.getByLabel('Es pārbaudīju dokumentu klātienē, un tas atbilst personai').check();
		await page.getByRole('button', { name: /^Atvērt parakstīšanās logu/ }).click();
		await expect(page).toHaveURL(/\/kac\/sign$/);
		await expect(page.getByTestId('practice-banner')).toBeVisible();
		// Only made-up initiatives are offered.
		const offered = page.getByTestId('citizen-initiative');
		await expect(offered).toHaveCount(2);
		await expect(offered.first()).toContainText('Izmēģinājums');
		await axe(page);
		await sign(page, 'practice-soli', 'Anna Paraudziņa');
		await finish(page);
		await expect(page.getByTestId('practice-banner')).toBeVisible();
		await expect(page.getByTestId('receipt-initiative')).toHaveCount(1);
		await axe(page);
		await done(page);

		// Practice has ended by itself; it is counted on this PC, and nothing else happened.
		await expect(page.getByTestId('practice-banner')).toHaveCount(0);
		await expect(page.getByTestId('practice-count')).toHaveText('Šajā datorā bijis 1 izmēģinājuma apmeklējums.');
		await expect(page.getByTestId('sync-pending')).toHaveText('0');
		expect((await onDevice(page)).outbox).toBe(outboxBefore);
		await syncAndSettle(page);
		expect(serverCounts(app, deviceId)).toEqual(serverBefore);
		expect(await inPersonCount(browser, app, a)).toBe(before);

		// The back office sees the practice visit, for training and apart from billing.
		const admin = await browser.newContext({ baseURL: app.url });
		try {
			const adminPage = await admin.newPage();
			await adminLogin(adminPage);
			await adminPage
				.getByRole('navigation', { name: adminLv['admin.nav.label'] })
				.getByRole('link', { name: adminLv['admin.nav.devices'], exact: true })
				.click();
			await expect(adminPage).toHaveURL(/\/admin\/devices$/);
			await expect(adminPage.getByRole('heading', { name: adminLv['admin.devices.practiceHeading'] })).toBeVisible();
			const row = adminPage.getByTestId('practice-list').locator(`tr[data-office="${OFFICE}"]`);
			await expect(row).toContainText('Grobiņ');
			await expect(row.getByTestId('practice-total')).toHaveText(String(practiceBefore + 1));
			await axe(adminPage);
		} finally {
			await admin.close();
		}

		// Then a real visit: no banner, and it counts.
		const person = uniquePerson('Ilze', 'Kalniņa', 4, 6, 1971);
		await openWindow(page, person);
		await expect(page.getByTestId('practice-banner')).toHaveCount(0);
		await sign(page, a, 'Ilze Kalniņa');
		await finish(page);
		await done(page);
		await syncAndSettle(page);
		expect(serverCounts(app, deviceId).signatures).toBe(serverBefore.signatures + 1);
		await expect.poll(() => inPersonCount(browser, app, a)).toBe(before + 1);
	} finally {
		await context.close();
	}
});

test('a practice visit cannot become real: a reload mid-visit forgets it with nothing queued or closed, and practice is off after unlocking', async ({
	browser,
	app
}) => {
	const { context, page } = await newDevice(browser, app);
	try {
		await readyOffice(page, app);
		const { outbox } = await onDevice(page);
		await page.getByTestId('practice-start').click();
		await page.getByTestId('practice-fill').click();
		await page.getByTestId('attest').check();
		await page.getByTestId('open-window').click();
		await expect(page).toHaveURL(/\/kac\/sign$/);
		await sign(page, 'practice-gramatas', 'Anna Paraudziņa');
		// A reload forgets the practice window: it leaves nothing to close or send.
		await page.reload();
		await expect(page.getByTestId('no-window')).toBeVisible();
		await page.getByTestId('back-to-office').click();
		await expect(page.getByTestId('pin-unlock')).toBeVisible();
		expect((await onDevice(page)).outbox).toBe(outbox);
		await page.getByLabel('PIN kods').fill('4826');
		await page.getByTestId('pin-submit').click();
		await expect(page.getByTestId('id-form')).toBeVisible();
		await expect(page.getByTestId('practice-banner')).toHaveCount(0);
		await expect(page.getByTestId('practice-start')).toBeVisible();
	} finally {
		await context.close();
	}
});
