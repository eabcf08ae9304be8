/**
 * Issued billing statements (issue 17): frozen, numbered, audited, CSV; later changes to a month
 * become adjustment lines on the office's next statement, with the reason and the visit date.
 * Visits are pushed through the real sync path and denied through the real QC path; the months
 * are calendar months in Rīga.
 */
import { beforeEach, expect, it } from 'vitest';
import { billingReport } from '../../server/services/admin/billing';
import { parseCsv } from '../../server/services/admin/csv';
import { draftStatement, issuedStatement, issueStatement, statementCsv } from '../../server/services/admin/statements';
import { verifyAuditChain } from '../../server/services/audit';
import { claimCall, recordOutcome } from '../../server/services/qc/calls';
import { reportNotSigned } from '../../server/services/qc/reports';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { person, visit } from './qc-kit';

/** An instant given as a wall-clock time in Rīga (UTC+2 in winter: every date used here is after 25 October). */
const riga = (iso: string) => Date.parse(`${iso}+02:00`);

describeEachDatabase('admin: issued billing statements', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;
	let ip = 0;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: riga('2026-10-11T09:00'), env: { BILLING_FEE_EUR: '2,50' } });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	const admin = () => w.admin;

	/** A visit at a Rīga wall-clock time, pushed ten minutes later (or at `pushedAt`). */
	async function visitAt(iso: string, initiatives: string[] = [w.national], o: { device?: TestDevice; pushedAt?: number } = {}) {
		const openedAt = riga(iso);
		app.setNow(o.pushedAt ?? openedAt + 10 * MINUTE);
		return visit(app, o.device ?? kac, w.clerkRiga, initiatives, openedAt, { identity: person() });
	}

	/** "I did not sign this" and a verification call that records `denied`, at `at`. */
	async function denied(v: { windowId: string; receiptCode: string }, at: number, initiativeIds?: string[]) {
		app.setNow(at);
		const report = await reportNotSigned(app, { code: v.receiptCode, scope: 'visit' }, `10.7.0.${++ip}`);
		if (!report.ok) throw new Error(report.reason);
		const call = await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', v.windowId).where('status', '=', 'open').executeTakeFirstOrThrow();
		expect((await claimCall(app, w.auditor, call.id)).ok).toBe(true);
		const r = await recordOutcome(app, w.auditor, call.id, { result: 'denied', note: 'Teica, ka nav bijis centrā.', initiativeIds });
		if (!r.ok) throw new Error(r.reason);
	}

	async function issue(month: string, at: number, officeId = w.kacRiga) {
		app.setNow(at);
		return issueStatement(app, admin(), officeId, month);
	}

	it('October is issued once it has ended in Rīga: its visits by Rīga dates, windows shown, numbered, audited', async () => {
		const v1 = await visitAt('2026-10-12T10:00');
		const v2 = await visitAt('2026-10-31T23:30'); // 21:30 UTC: still October in Rīga
		await visitAt('2026-10-15T10:00', []); // a window in which nothing was signed
		await visitAt('2026-11-01T00:10'); // 31 October 22:10 UTC, but November in Rīga
		// A person who had signed already: the window is accepted, the visit is not billable.
		const again = person();
		await visit(app, kac, w.clerkRiga, [w.national], riga('2026-10-20T10:00'), { identity: again });
		app.setNow(riga('2026-10-20T11:00'));
		await visit(app, kac, w.clerkRiga, [w.national], riga('2026-10-20T10:30'), { identity: again });

		// 31 October 23:59:59.999 in Rīga: the month has not ended.
		expect(await issue('2026-10', riga('2026-10-31T23:59:59.999'))).toEqual({ ok: false, problem: 'month_not_ended' });
		expect(await ctx.db.selectFrom('billing_statement').selectAll().execute()).toEqual([]);
		const first = await issue('2026-10', riga('2026-11-01T00:00'));
		expect(first).toMatchObject({ ok: true, number: 1 });
		if (!first.ok) throw new Error();

		const s = (await issuedStatement(app, first.id))!;
		expect(s).toMatchObject({ number: 1, month: '2026-10', feeCents: 250, windows: 5, intact: true, issuedByName: 'Admins' });
		expect(s.office).toMatchObject({ slug: 'kac-riga', nameLv: 'Birojs kac-riga', municipality: 'riga' });
		expect(s.lines.map((l) => [l.kind, l.windowId, l.units, l.amountCents])).toEqual([
			['visit', v1.windowId, 1, 250],
			['visit', (await ctx.db.selectFrom('signing_window').select('id').where('opened_at', '=', riga('2026-10-20T10:00')).executeTakeFirstOrThrow()).id, 1, 250],
			['visit', v2.windowId, 1, 250]
		]);
		expect(s.totals).toEqual({ visits: 3, visitsCents: 750, adjustmentUnits: 0, adjustmentCents: 0, totalCents: 750 });
		// The same numbers as the live report of that month.
		const live = (await billingReport(app, '2026-10')).municipalities.flatMap((m) => m.offices).find((o) => o.slug === 'kac-riga')!;
		expect(live).toMatchObject({ windows: 5, visits: 3, amountCents: 750 });

		const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'billing.statement.issue').execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor_id: w.admin, subject_type: 'billing_statement', subject_id: first.id });
		expect(JSON.parse(audit[0].details)).toMatchObject({ number: 1, month: '2026-10', visits: 3, adjustments: 0, totalCents: 750, digest: s.digest });
		expect((await verifyAuditChain(ctx.db)).ok).toBe(true);

		// Once issued, never again for that office and month.
		expect(await issue('2026-10', riga('2026-11-02T09:00'))).toEqual({ ok: false, problem: 'already_issued', statementId: first.id });
		expect(await draftStatement(app, w.kacRiga, '2026-10')).toEqual({ ok: false, problem: 'already_issued', statementId: first.id });
	});

	it('a denial recorded in November and a visit delivered late stay out of October’s statement and adjust November’s', async () => {
		const kept = await visitAt('2026-10-12T10:00');
		const toDeny = await visitAt('2026-10-20T10:00');
		const partly = await visitAt('2026-10-22T10:00', [w.national, w.rigaOnly]);
		const first = await issue('2026-10', riga('2026-11-02T09:00'));
		if (!first.ok) throw new Error(first.problem);
		const october = (await issuedStatement(app, first.id))!;
		expect(october.totals).toMatchObject({ visits: 3, totalCents: 750 });

		// November: the visit of 20 October is denied (a whole visit), the one of 22 October only in part
		// (it still has an accepted signature, so it is still a billed visit).
		await denied(toDeny, riga('2026-11-10T12:00'));
		await denied(partly, riga('2026-11-11T12:00'), [w.national]);
		// An office PC that was offline since 28 October delivers that day's visit on 15 November.
		const offline = await TestDevice.enroll(app, 'kac-riga');
		const late = await visitAt('2026-10-28T10:00', [w.national], { device: offline, pushedAt: riga('2026-11-15T08:00') });
		const novemberVisit = await visitAt('2026-11-20T10:00');
		const lastMinute = await visitAt('2026-11-30T23:40');
		// A rename and a new fee after October was issued change nothing on it.
		await ctx.db.updateTable('office').set({ name_lv: 'Rīgas KAC (jauns nosaukums)' }).where('id', '=', w.kacRiga).execute();
		app.config.billingFeeCents = 275;

		const octoberAgain = (await issuedStatement(app, first.id))!;
		expect(octoberAgain).toEqual(october);
		expect(octoberAgain.intact).toBe(true);
		// The live report of October moves (one denied, one late); the issued statement does not.
		const liveOctober = (await billingReport(app, '2026-10')).municipalities.flatMap((m) => m.offices).find((o) => o.slug === 'kac-riga')!;
		expect(liveOctober).toMatchObject({ visits: 3, amountCents: 825 });
		expect((await ctx.db.selectFrom('billing_statement_line').select('window_id').where('statement_id', '=', first.id).execute()).map((r) => r.window_id).sort()).toEqual(
			[kept.windowId, toDeny.windowId, partly.windowId].sort()
		);

		// 1 December 00:00 in Rīga (30 November 22:00 UTC): November has ended; a moment before, not.
		app.setNow(riga('2026-11-30T23:59:59.999'));
		expect(await draftStatement(app, w.kacRiga, '2026-11')).toEqual({ ok: false, problem: 'month_not_ended' });
		const second = await issue('2026-11', riga('2026-12-01T00:00'));
		if (!second.ok) throw new Error(second.problem);
		const november = (await issuedStatement(app, second.id))!;
		expect(november).toMatchObject({ number: 2, month: '2026-11', feeCents: 275, intact: true });
		expect(november.office.nameLv).toBe('Rīgas KAC (jauns nosaukums)');
		expect(november.lines).toEqual([
			{ kind: 'visit', windowId: novemberVisit.windowId, visitAt: riga('2026-11-20T10:00'), visitMonth: '2026-11', units: 1, amountCents: 275, reason: null, changedAt: null, corrects: null },
			{ kind: 'visit', windowId: lastMinute.windowId, visitAt: riga('2026-11-30T23:40'), visitMonth: '2026-11', units: 1, amountCents: 275, reason: null, changedAt: null, corrects: null },
			// Credited at October's fee, with the visit date, the reason, when it was recorded and what it corrects.
			{ kind: 'adjustment', windowId: toDeny.windowId, visitAt: riga('2026-10-20T10:00'), visitMonth: '2026-10', units: -1, amountCents: -250, reason: 'qc_denied', changedAt: riga('2026-11-10T12:00'), corrects: 1 },
			{ kind: 'adjustment', windowId: late.windowId, visitAt: riga('2026-10-28T10:00'), visitMonth: '2026-10', units: 1, amountCents: 275, reason: 'late', changedAt: riga('2026-11-15T08:00'), corrects: null }
		]);
		expect(november.totals).toEqual({ visits: 2, visitsCents: 550, adjustmentUnits: 0, adjustmentCents: 25, totalCents: 575 });

		// December: nothing changed since, so nothing is carried twice.
		await denied(novemberVisit, riga('2026-12-03T12:00'));
		const third = await issue('2026-12', riga('2027-01-04T09:00'));
		if (!third.ok) throw new Error(third.problem);
		const december = (await issuedStatement(app, third.id))!;
		expect(december.lines.map((l) => [l.windowId, l.units, l.amountCents, l.reason, l.corrects])).toEqual([[novemberVisit.windowId, -1, -275, 'qc_denied', 2]]);
		expect(december.totals.totalCents).toBe(-275);
		expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
	});

	it('the CSV: every line, the reason in words, Rīga dates, Latvian letters, the total', async () => {
		await visitAt('2026-10-12T10:00');
		const toDeny = await visitAt('2026-10-20T10:00');
		const first = await issue('2026-10', riga('2026-11-02T09:00'));
		if (!first.ok) throw new Error(first.problem);
		await denied(toDeny, riga('2026-11-10T12:00'));
		await visitAt('2026-11-30T23:50');
		const second = await issue('2026-11', riga('2026-12-01T09:00'));
		if (!second.ok) throw new Error(second.problem);
		const rows = parseCsv(statementCsv((await issuedStatement(app, second.id))!, 'lv'));
		expect(rows[0]).toEqual([
			'Pārskats',
			'Mēnesis',
			'Pašvaldība',
			'KAC',
			'Biroja kods',
			'Nr.',
			'Rinda',
			'Apmeklējuma datums',
			'Apmeklējuma mēnesis',
			'Apmeklējumi',
			'Summa, EUR',
			'Iemesls',
			'Izmaiņa reģistrēta',
			'Labo pārskatu',
			'Apmeklējuma ID'
		]);
		const head = ['KT-000002', '2026-11', 'Rīga', 'Birojs kac-riga', 'kac-riga'];
		expect(rows.slice(1).map((r) => r.slice(0, 14))).toEqual([
			[...head, '1', 'apmeklējums', '30.11.2026', '2026-11', '1', '2,50', '', '', ''],
			[...head, '2', 'korekcija', '20.10.2026', '2026-10', '-1', '-2,50', 'Pārbaudes zvanā persona teica, ka nav parakstījusies; paraksti atsaukti', '10.11.2026', 'KT-000001'],
			[...head, '', 'Kopā', '', '', '0', '0,00', '', '', '']
		]);
		expect(rows[2][14]).toBe(toDeny.windowId);
	});

	it('two administrators issuing the same statement at once get one; numbers stay gapless', async () => {
		await visitAt('2026-10-12T10:00');
		const grobina = await TestDevice.enroll(app, 'kac-grobina');
		app.setNow(riga('2026-10-13T10:10'));
		await visit(app, grobina, w.clerkGrobina, [w.national], riga('2026-10-13T10:00'), { identity: person() });
		app.setNow(riga('2026-11-02T09:00'));
		const answers = await Promise.all(Array.from({ length: 4 }, () => issueStatement(app, admin(), w.kacRiga, '2026-10')));
		expect(answers.filter((a) => a.ok)).toHaveLength(1);
		const won = answers.find((a) => a.ok) as { id: string; number: number };
		expect(won.number).toBe(1);
		for (const a of answers.filter((x) => !x.ok)) expect(a).toEqual({ ok: false, problem: 'already_issued', statementId: won.id });
		// The refused ones took no number.
		expect(await issueStatement(app, admin(), w.kacGrobina, '2026-10')).toMatchObject({ ok: true, number: 2 });
		expect((await ctx.db.selectFrom('billing_statement').select('number').orderBy('number').execute()).map((r) => Number(r.number))).toEqual([1, 2]);
	});

	it('refuses what cannot be issued, with the reason', async () => {
		app.setNow(riga('2026-11-02T09:00'));
		expect(await issueStatement(app, admin(), w.library, '2026-10')).toEqual({ ok: false, problem: 'office_not_kac' });
		expect(await issueStatement(app, admin(), 'no-such-office', '2026-10')).toEqual({ ok: false, problem: 'not_found' });
		expect(await issueStatement(app, admin(), w.kacRiga, '2026-13')).toEqual({ ok: false, problem: 'month_format' });
		expect(await issueStatement(app, admin(), w.kacRiga, '2026-11')).toEqual({ ok: false, problem: 'month_not_ended' });
		// A month without visits is issued as a statement of none (the office can be told so).
		const empty = await issueStatement(app, admin(), w.kacRiga, '2026-09');
		if (!empty.ok) throw new Error(empty.problem);
		expect((await issuedStatement(app, empty.id))!.totals).toEqual({ visits: 0, visitsCents: 0, adjustmentUnits: 0, adjustmentCents: 0, totalCents: 0 });
		expect(await issuedStatement(app, 'nope')).toBeNull();
	});

	it('a statement edited in the database no longer matches its digest, and says so', async () => {
		await visitAt('2026-10-12T10:00');
		const first = await issue('2026-10', riga('2026-11-02T09:00'));
		if (!first.ok) throw new Error(first.problem);
		await ctx.db.updateTable('billing_statement_line').set({ amount_cents: 1 }).where('statement_id', '=', first.id).execute();
		expect((await issuedStatement(app, first.id))!.intact).toBe(false);
	});
});
