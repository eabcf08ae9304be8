import { expect, it } from 'vitest';
import { pullCatalog, ValidationError } from '../../server/services/catalog';
import { createInitiative, createOffice } from '../../server/services/catalog-create';
import { handleTrpc } from '../../server/trpc/handler';
import { seedDemoData } from '../../server/seed/seed';
import { demoInitiatives, demoOffices } from '../../server/seed/demo-data';
import { DEMO_LOGINS } from '../../server/seed/demo-staff';
import type { WeeklyHours } from '../../src/lib/domain/opening-hours';
import { describeEachDatabase } from './databases';
import { createTestApp } from './kit';

const NOW = Date.UTC(2026, 10, 28, 10, 0);
const DAY = 86_400_000;
const hours: WeeklyHours = [[{ from: '08:00', to: '17:00' }], [], [], [], [], [], []];

const initiative = (slug: string, extra: Record<string, unknown> = {}) => ({
	slug,
	titleLv: `Iniciatīva ${slug}`,
	titleEn: `Initiative ${slug}`,
	summaryLv: 'Īss apraksts.',
	summaryEn: 'A short summary.',
	bodyLv: '## Kāpēc\n\nTeksts ar <script>alert(1)</script> un [saiti](javascript:alert(1)).',
	bodyEn: 'Body',
	scope: 'national' as const,
	municipality: null,
	status: 'open' as const,
	opensAt: NOW - 10 * DAY,
	closesAt: NOW + 30 * DAY,
	goal: 10_000,
	onlineCount: 120,
	...extra
});

describeEachDatabase('catalog', (ctx) => {
	it('a full pull from version 0 returns every public initiative and office', async () => {
		await createInitiative(ctx.db, initiative('alpha'), NOW);
		await createInitiative(ctx.db, initiative('draft-one', { status: 'draft' }), NOW);
		await createOffice(
			ctx.db,
			{ slug: 'kac-a', kind: 'kac', nameLv: 'KAC A', nameEn: 'KAC A', municipality: 'riga', address: 'Iela 1', phone: '+371 60000000', email: null, hours },
			NOW
		);
		const pull = await pullCatalog(ctx.db, 0, NOW);
		expect(pull.full).toBe(true);
		expect(pull.version).toBe(3);
		expect(pull.initiatives.map((i) => i.slug)).toEqual(['alpha']);
		expect(pull.offices.map((o) => o.slug)).toEqual(['kac-a']);
		expect(pull.offices[0].hours).toEqual(hours);
		expect(pull.progress).toEqual([{ initiativeId: pull.initiatives[0].id, online: 120, inPerson: 0 }]);
	});

	it('pull with sinceVersion returns only what changed after it', async () => {
		await createInitiative(ctx.db, initiative('first'), NOW);
		const v1 = (await pullCatalog(ctx.db, 0, NOW)).version;
		await createInitiative(ctx.db, initiative('second'), NOW);
		const delta = await pullCatalog(ctx.db, v1, NOW);
		expect(delta.full).toBe(false);
		expect(delta.version).toBe(v1 + 1);
		expect(delta.initiatives.map((i) => i.slug)).toEqual(['second']);
		expect(delta.offices).toEqual([]);
		const nothing = await pullCatalog(ctx.db, delta.version, NOW);
		expect(nothing.initiatives).toEqual([]);
		expect(nothing.version).toBe(delta.version);
	});

	it('a device ahead of the server (after a reset) gets a full catalog', async () => {
		await createInitiative(ctx.db, initiative('only'), NOW);
		const pull = await pullCatalog(ctx.db, 999, NOW);
		expect(pull.full).toBe(true);
		expect(pull.initiatives).toHaveLength(1);
	});

	it('Markdown is rendered without raw HTML or script links', async () => {
		await createInitiative(ctx.db, initiative('safe'), NOW);
		const [i] = (await pullCatalog(ctx.db, 0, NOW)).initiatives;
		expect(i.bodyHtml.lv).toContain('<h2>Kāpēc</h2>');
		expect(i.bodyHtml.lv).not.toContain('<script>');
		expect(i.bodyHtml.lv).toContain('&lt;script&gt;');
		expect(i.bodyHtml.lv).not.toContain('javascript:');
	});

	it('refuses an invalid initiative and names the fields', async () => {
		const bad = initiative('x', { scope: 'municipal', municipality: 'atlantis', closesAt: NOW - 20 * DAY, goal: 0 });
		const error = await createInitiative(ctx.db, bad, NOW).catch((e) => e);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual(['closesAt', 'goal', 'municipality', 'slug']);
	});

	it('the demo data loads and is all valid', async () => {
		const n = await seedDemoData(ctx.db, NOW);
		expect(n).toEqual({ initiatives: demoInitiatives.length, offices: demoOffices.length, staff: DEMO_LOGINS.length });
		const pull = await pullCatalog(ctx.db, 0, NOW);
		const publicOnes = demoInitiatives.filter((d) => d.status !== 'draft');
		expect(pull.initiatives).toHaveLength(publicOnes.length);
		expect(pull.offices.filter((o) => o.kind === 'library').length).toBeGreaterThanOrEqual(3);
	});

	it('tRPC answers bad input with 400 and a message, never 500', async () => {
		const app = await createTestApp(ctx.handle, { now: NOW });
		const call = (path: string) => handleTrpc(new Request(`http://localhost/api/trpc/${path}`), app);

		const negative = await call(`catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: -1 }))}`);
		expect(negative.status).toBe(400);
		const body = await negative.json();
		expect(body.error.data.issues[0].path).toBe('sinceVersion');
		expect(JSON.stringify(body)).not.toContain('stack');

		const malformed = await call('catalog.pull?input=%7Bnot-json');
		expect(malformed.status).toBe(400);

		const wrongType = await call(`catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 'x' }))}`);
		expect(wrongType.status).toBe(400);

		const unknown = await call('catalog.nothing');
		expect(unknown.status).toBe(404);

		const ok = await call(`catalog.pull?input=${encodeURIComponent(JSON.stringify({ sinceVersion: 0 }))}`);
		expect(ok.status).toBe(200);
	});
});
