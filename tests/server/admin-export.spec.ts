import v8 from 'node:v8';
import vm from 'node:vm';
import { beforeEach, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { initiativeById } from '../../server/repositories/initiatives';
import { parseCsv } from '../../server/services/admin/csv';
import {
	EXPORT_PAGE_SIZE,
	initiativeSummary,
	requestSignatureExport,
	signatureCsvStream,
	startSignatureExport,
	summaryCsv
} from '../../server/services/admin/export';
import { changeInitiativeStatus } from '../../server/services/admin/initiatives';
import { staffActor } from '../../server/services/audit';
import { seal } from '../../src/lib/domain/sealed-box';
import { adminActor, birthDateOf, personalCode, visit } from './admin-helpers';
import { describeEachDatabase } from './databases';
import { citizen, createTestApp, createWorld, DAY, HOUR, MINUTE, NOW, TestDevice, type TestApp, type World } from './kit';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
	const chunks: Buffer[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(Buffer.from(value));
	}
	return Buffer.concat(chunks).toString('utf8');
}

describeEachDatabase('admin: export', (ctx) => {
	let app: TestApp;
	let w: World;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle);
		w = await createWorld(app);
	});

	async function twoVisitsThenClose() {
		const device = await TestDevice.enroll(app, 'kac-riga');
		await visit(device, { clerkId: w.clerkRiga, at: NOW - 2 * HOUR, initiatives: [w.national, w.rigaOnly] });
		const code = personalCode(7);
		await visit(device, {
			clerkId: w.clerkRiga,
			at: NOW - HOUR,
			initiatives: [w.national],
			person: { givenName: 'Līga', surname: 'Ķēniņa-Žube', personalCode: code, birthDate: birthDateOf(code), declaredMunicipality: 'cesu-novads', qcPhone: null, qcConsent: false }
		});
		expect(await changeInitiativeStatus(app, w.national, 'closed', adminActor(w))).toMatchObject({ ok: true });
		return { device, code };
	}

	it('exports only after collection has ended, with a reason of some substance', async () => {
		expect(await requestSignatureExport(app, w.national, { reason: 'Iesniegšanai Saeimā', locale: 'lv' }, adminActor(w))).toEqual({
			ok: false,
			problems: { _form: 'not_closed' }
		});
		await changeInitiativeStatus(app, w.national, 'closed', adminActor(w));
		expect(await requestSignatureExport(app, w.national, { reason: '  īsi ', locale: 'lv' }, adminActor(w))).toEqual({
			ok: false,
			problems: { reason: 'reason_too_short' }
		});
		expect(await requestSignatureExport(app, w.national, { reason: '', locale: 'xx' }, adminActor(w))).toEqual({
			ok: false,
			problems: { reason: 'required', locale: 'required' }
		});
		expect(await requestSignatureExport(app, 'nav', { reason: 'Iesniegšanai Saeimā', locale: 'lv' }, adminActor(w))).toEqual({
			ok: false,
			problems: { _form: 'not_found' }
		});
	});

	it('the CSV parses back with the right rows, Latvian letters and the reason in the audit log', async () => {
		const { code } = await twoVisitsThenClose();
		const ticket = await requestSignatureExport(app, w.national, { reason: 'Iesniegšanai Saeimā, vēstule Nr. 12/2026', locale: 'lv' }, adminActor(w));
		if (!ticket.ok) throw new Error('no ticket');
		// Nobody else can use the ticket, and it works once.
		expect(await startSignatureExport(app, w.national, ticket.token, staffActor(w.auditor))).toEqual({ ok: false, problem: 'invalid_ticket' });
		const started = await startSignatureExport(app, w.national, ticket.token, adminActor(w));
		if (!started.ok) throw new Error(started.problem);
		expect(await startSignatureExport(app, w.national, ticket.token, adminActor(w))).toEqual({ ok: false, problem: 'invalid_ticket' });
		expect(started.rows).toBe(2);
		expect(started.filename).toBe('paraksti-national-one-2026-11-28.csv');

		const text = await readAll(started.stream);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text).toContain('\r\n');
		const rows = parseCsv(text);
		expect(rows[0]).toEqual([
			'Nr.',
			'Vārds',
			'Uzvārds',
			'Personas kods',
			'Dzimšanas datums',
			'Parakstīts',
			'Veids',
			'Birojs',
			'Biroja pašvaldība',
			'Pilsonība (apliecināta)',
			'Deklarētā dzīvesvieta (apliecināta)',
			'Nekustamais īpašums (apliecināts)',
			'Paraksta ID'
		]);
		expect(rows.slice(1).map((r) => r.slice(0, 12))).toEqual([
			['1', 'Zigfrīds', 'Ābelkoks', '161175-19997', '16.11.1975', '28.11.2026 10:01', 'Klātienē', 'Birojs kac-riga', 'Rīga', 'Latvijas pilsonis', 'Rīga', ''],
			['2', 'Līga', 'Ķēniņa-Žube', `${code.slice(0, 6)}-${code.slice(6)}`, `${code.slice(0, 2)}.${code.slice(2, 4)}.19${code.slice(4, 6)}`, '28.11.2026 11:01', 'Klātienē', 'Birojs kac-riga', 'Rīga', 'Latvijas pilsonis', 'Cēsu novads', '']
		]);

		const entries = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'subject_id', 'details']).where('action', 'like', 'export.%').orderBy('seq').execute();
		expect(entries.map((e) => e.action)).toEqual(['export.signatures', 'export.signatures.completed']);
		expect(JSON.parse(entries[0].details)).toMatchObject({ reason: 'Iesniegšanai Saeimā, vēstule Nr. 12/2026', rows: 2, slug: 'national-one' });
		expect(JSON.parse(entries[1].details)).toEqual({ rows: 2, unreadable: 0 });
		expect(entries[0]).toMatchObject({ actor_id: w.admin, subject_id: w.national });
		// The log keeps the reason, never a name or a personal code.
		expect(entries.map((e) => e.details).join()).not.toMatch(/Zigfrīds|16117519997|161175-19997/);
	});

	it('English headings, and a formula in a cell is defused', async () => {
		await twoVisitsThenClose();
		await ctx.db.updateTable('office').set({ name_en: '=HYPERLINK("http://evil.example","click")' }).where('id', '=', w.kacRiga).execute();
		const initiative = (await initiativeById(ctx.db, w.national))!;
		const rows = parseCsv(await readAll(signatureCsvStream(app, initiative, 'en')));
		expect(rows[0].slice(0, 4)).toEqual(['No.', 'Given name', 'Surname', 'Personal code']);
		expect(rows[1][6]).toBe('In person');
		expect(rows[1][7]).toBe(`'=HYPERLINK("http://evil.example","click")`);
	});

	it('a box that cannot be opened is marked, not fatal', async () => {
		await twoVisitsThenClose();
		await ctx.db.updateTable('signing_window').set({ identity_box: '{"broken":true}' }).where('declared_municipality', '=', 'cesu-novads').execute();
		const initiative = (await initiativeById(ctx.db, w.national))!;
		let done = { fetched: 0, written: 0, unreadable: 0 };
		const rows = parseCsv(await readAll(signatureCsvStream(app, initiative, 'lv', { onDone: (p) => void (done = p) })));
		expect(rows[2][1]).toBe('(identitāti nevar atšifrēt)');
		expect(done).toEqual({ fetched: 2, written: 2, unreadable: 1 });
	});

	it('the summary counts per channel, municipality, office and day, and parses back', async () => {
		await twoVisitsThenClose();
		const initiative = (await initiativeById(ctx.db, w.national))!;
		const s = await initiativeSummary(app, initiative);
		expect(s).toMatchObject({ total: 102, inPerson: 2, online: 100 });
		expect(s.municipalities).toEqual([
			{ code: 'cesu-novads', n: 1 },
			{ code: 'riga', n: 1 }
		]);
		expect(s.offices.map((o) => [o.slug, o.n])).toEqual([['kac-riga', 2]]);
		expect(s.days).toEqual([{ date: '2026-11-28', n: 2 }]);
		const rows = parseCsv(summaryCsv(s, 'lv'));
		expect(rows).toEqual([
			['Grupa', 'Kods', 'Nosaukums', 'Paraksti'],
			['veids', 'in_person', 'Klātienē', '2'],
			['veids', 'online', 'Tiešsaistē', '100'],
			['pašvaldība', 'cesu-novads', 'Cēsu novads', '1'],
			['pašvaldība', 'riga', 'Rīga', '1'],
			['birojs', 'kac-riga', 'Birojs kac-riga', '2'],
			['diena', '2026-11-28', '28.11.2026', '2'],
			['Kopā', '', '', '102']
		]);
	});

	it('10,000 signatures stream page by page: reading never runs ahead, and memory stays flat', { timeout: 240_000 }, async () => {
		const N = 10_000;
		const device = await TestDevice.enroll(app, 'kac-riga');
		// A hundred real sealed identities, each used for a hundred windows.
		const boxes: string[] = [];
		for (let i = 0; i < 100; i++) {
			const code = personalCode(i);
			boxes.push(JSON.stringify(await seal(citizen({ givenName: `Jānis${i}`, surname: 'Bērziņš', personalCode: code, birthDate: birthDateOf(code) }), app.secrets.sealingKey)));
		}
		const t0 = NOW - 30 * DAY;
		for (let start = 0; start < N; start += 1000) {
			const windows = [];
			const signatures = [];
			for (let i = start; i < start + 1000; i++) {
				const windowId = uuidv7();
				windows.push({
					id: windowId,
					device_id: device.id,
					office_id: w.kacRiga,
					clerk_id: w.clerkRiga,
					opened_at: t0 + i * MINUTE,
					length_ms: 15 * MINUTE,
					closed_at: null,
					close_reason: null,
					identity_box: boxes[i % 100],
					person_key: `pk-${i}`,
					citizenship: 'LV',
					declared_municipality: 'riga',
					property_municipalities: '[]',
					old_enough_from: '2026-01-01',
					receipt_hash: `r-${i}`,
					state: 'accepted' as const,
					reason: 'accepted',
					received_at: t0,
					seq: i + 1
				});
				signatures.push({
					id: uuidv7(),
					window_id: windowId,
					initiative_id: w.national,
					person_key: `pk-${i}`,
					channel: 'in_person' as const,
					office_id: w.kacRiga,
					device_id: device.id,
					seq: i + 1,
					signed_at: t0 + i * MINUTE + 1000,
					received_at: t0,
					state: 'accepted' as const,
					reason: 'accepted'
				});
			}
			await ctx.db.insertInto('signing_window').values(windows).execute();
			await ctx.db.insertInto('signature').values(signatures).execute();
		}
		await changeInitiativeStatus(app, w.national, 'closed', adminActor(w));
		const initiative = (await initiativeById(ctx.db, w.national))!;

		v8.setFlagsFromString('--expose-gc');
		const gc = vm.runInNewContext('gc') as () => void;
		const heap = () => {
			gc();
			return process.memoryUsage().heapUsed;
		};

		let fetched = 0;
		const stream = signatureCsvStream(app, initiative, 'lv', { onPage: (p) => (fetched = p.fetched) });
		expect(stream).toBeInstanceOf(ReadableStream);
		// Made, but not read: nothing is fetched yet.
		await new Promise((r) => setTimeout(r, 50));
		expect(fetched).toBe(0);

		const baseline = heap();
		const reader = stream.getReader();
		const decoder = new TextDecoder();
		let consumed = -1; // the heading line is not a row
		let maxAhead = 0;
		let maxGrowth = 0;
		let chunks = 0;
		let tail = '';
		let lastRow = '';
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks++;
			const text = decoder.decode(value, { stream: true });
			consumed += (text.match(/\r\n/g) ?? []).length;
			tail = (tail + text).slice(-400);
			// Give a stream that reads ahead on its own every chance to do so.
			await new Promise((r) => setImmediate(r));
			maxAhead = Math.max(maxAhead, fetched - consumed);
			if (chunks % 4 === 0) maxGrowth = Math.max(maxGrowth, heap() - baseline);
			lastRow = tail.split('\r\n').filter(Boolean).pop() ?? '';
		}
		expect(consumed).toBe(N);
		expect(fetched).toBe(N);
		// One page in hand at most: the reader is never more than a page behind the database.
		expect(maxAhead).toBeLessThanOrEqual(EXPORT_PAGE_SIZE);
		expect(chunks).toBe(1 + N / EXPORT_PAGE_SIZE);
		// The whole file is ~1.6 MB of text and ~5 MB of rows; what stays alive is one page.
		expect(maxGrowth).toBeLessThan(3 * 1024 * 1024);
		expect(lastRow.split(';')[0]).toBe(String(N));
		expect(lastRow).toContain('Jānis99;Bērziņš');
	});
});
