import { defineConfig } from '@playwright/test';

/**
 * Browser tests run against the production build (`node build`), each worker with its own
 * server process and SQLite database (see tests/e2e/fixtures.ts), in Debian's Chromium.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: process.env.CI ? 2 : 2,
	// One retry in CI only: the machine is shared and small; a broken feature still fails twice.
	retries: process.env.CI ? 1 : 0,
	// Generous, never a measure of speed: axe on a page takes seconds on a busy 2-core machine.
	timeout: 120_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		browserName: 'chromium',
		locale: 'lv-LV',
		timezoneId: 'Europe/Riga',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-quic',
				'--no-first-run',
				'--disable-sync'
			]
		}
	}
});
