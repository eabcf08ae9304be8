import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { AppServer } from './app-server';

type WorkerFixtures = { app: AppServer };
type TestFixtures = { axe: (page: Page) => Promise<void> };

export const test = base.extend<TestFixtures, WorkerFixtures>({
	app: [
		async ({}, use) => {
			const server = await AppServer.launch();
			await use(server);
			await server.dispose();
		},
		{ scope: 'worker', timeout: 60_000 }
	],
	baseURL: async ({ app }, use) => {
		await use(app.url);
	},
	axe: async ({}, use) => {
		await use(async (page) => {
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
				.analyze();
			const summary = results.violations.map(
				(v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`
			);
			expect(summary, 'axe violations').toEqual([]);
		});
	}
});

export { expect };
