import { beforeEach, expect, it } from 'vitest';
import { pullCatalog } from '../../server/services/catalog';
import { purgeExpired } from '../../server/services/housekeeping';
import { callView, claimCall, claimNextCall, recordOutcome, releaseCall } from '../../server/services/qc/calls';
import { callList } from '../../server/services/qc/call-list';
import { refreshQc } from '../../server/services/qc/frame';
import { reportNotSigned } from '../../server/services/qc/reports';
import { verifyAuditChain } from '../../server/services/audit';
import { describeEachDatabase } from './databases';
import { createTestApp, createWorld, DAY, HOUR, MINUTE, TestDevice, type TestApp, type World } from './kit';
import { auditor, person, visit } from './qc-kit';

// Monday 23 November 2026, 10:00 in Rīga: inside the kit offices' hours.
const T = Date.UTC(2026, 10, 23, 8);

describeEachDatabase('QC calls', (ctx) => {
	let app: TestApp;
	let w: World;
	let kac: TestDevice;

	beforeEach(async () => {
		app = await createTestApp(ctx.handle, { now: T + HOUR });
		w = await createWorld(app);
		kac = await TestDevice.enroll(app, 'kac-riga');
	});

	/** A visit on the call list at once: its receipt is reported. */
	async function reportedVisit(initiatives: string[], openedAt: number, o: { phone?: boolean } = {}) {
		const identity = person(o.phone === false ? { qcPhone: null, qcConsent: false } : {});
		const v = await visit(app, kac, w.clerkRiga, initiatives, openedAt, { identity });
		const r = await reportNotSigned(app, { code: v.receiptCode, scope: 'visit' }, `10.0.${Math.floor(Math.random() * 250)}.1`);
		if (!r.ok) throw new Error(r.reason);
		await refreshQc(app);
		const call = await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', v.windowId).where('status', '=', 'open').executeTakeFirstOrThrow();
		return { ...v, callId: call.id, identity };
	}

	const signatureStates = (windowId: string) =>
		ctx.db.selectFrom('signature').select(['initiative_id', 'state', 'reason']).where('window_id', '=', windowId).orderBy('seq').execute();
	const inPerson = async (initiativeId: string) =>
		(await pullCatalog(ctx.db, 0, app.now())).progress.find((p) => p.initiativeId === initiativeId)!.inPerson;

	it('concurrent auditors never receive the same call', async () => {
		const calls = [];
		for (let i = 0; i < 5; i++) calls.push((await reportedVisit([w.national], T + i * 10 * MINUTE)).callId);
		const auditors = await Promise.all(Array.from({ length: 8 }, (_, i) => auditor(app, `auditor${i}`)));
		// Eight auditors press "next call" at the same moment, twice over.
		for (let round = 0; round < 2; round++) {
			const results = await Promise.all(auditors.map((a) => claimNextCall(app, a)));
			const won = results.filter((r) => r.ok).map((r) => (r as { callId: string }).callId);
			if (round === 0) {
				expect(won).toHaveLength(5);
				expect(new Set(won).size).toBe(5);
			}
			// Nobody holds two calls, and a call has one holder.
			const held = await ctx.db.selectFrom('qc_call').select(['id', 'claimed_by']).where('claimed_by', 'is not', null).execute();
			expect(new Set(held.map((h) => h.claimed_by)).size).toBe(held.length);
			expect(held).toHaveLength(5);
		}
		// All of them reaching for one call by its id: exactly one gets it.
		const free = calls[0];
		await ctx.db.updateTable('qc_call').set({ claimed_by: null, claimed_until: null }).execute();
		const race = await Promise.all(auditors.map((a) => claimCall(app, a, free)));
		expect(race.filter((r) => r.ok)).toHaveLength(1);
		expect(race.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'taken')).toBe(true);
		// The lease ends: then someone else may take it.
		const holder = auditors[race.findIndex((r) => r.ok)];
		const other = auditors.find((a) => a !== holder)!;
		expect((await claimCall(app, other, free)).ok).toBe(false);
		app.setNow(app.now() + 16 * MINUTE);
		expect((await claimCall(app, other, free)).ok).toBe(true);
	});

	it('denied revokes exactly that visit’s signatures (kept, marked), public counts drop, clerk and office are flagged and their rate raised', async () => {
		const a = await reportedVisit([w.national, w.rigaOnly], T);
		const b = await visit(app, kac, w.clerkRiga, [w.national, w.rigaOnly], T + 30 * MINUTE);
		await refreshQc(app);
		const sampledB = await ctx.db.selectFrom('qc_call').select('id').where('window_id', '=', b.windowId).executeTakeFirst();
		const versionBefore = (await pullCatalog(ctx.db, 0, app.now())).version;
		expect(await inPerson(w.national)).toBe(2);
		expect(await inPerson(w.rigaOnly)).toBe(2);

		const me = w.auditor;
		expect(await claimNextCall(app, me)).toEqual({ ok: true, callId: a.callId });
		const view = await callView(app, me, a.callId);
		expect(view?.phone).toMatch(/^\+3712/);
		const answer = await recordOutcome(app, me, a.callId, { result: 'denied', note: 'Never went to the office.' });
		expect(answer).toMatchObject({ ok: true, final: 'denied', revoked: 2 });

		expect(await signatureStates(a.windowId)).toEqual([
			{ initiative_id: w.national, state: 'revoked', reason: 'qc_denied' },
			{ initiative_id: w.rigaOnly, state: 'revoked', reason: 'qc_denied' }
		]);
		expect((await signatureStates(b.windowId)).map((s) => s.state)).toEqual(['accepted', 'accepted']);
		expect(await inPerson(w.national)).toBe(1);
		expect(await inPerson(w.rigaOnly)).toBe(1);
		// Counts are computed, not versioned: nothing else was bumped.
		expect((await pullCatalog(ctx.db, 0, app.now())).version).toBe(versionBefore);

		const flags = await ctx.db.selectFrom('qc_flag').select(['level', 'signal', 'clerk_id', 'office_id']).where('signal', '=', 'denied_call').execute();
		expect(flags.map((f) => f.level).sort()).toEqual(['clerk', 'office']);
		const watches = await ctx.db.selectFrom('qc_watch').selectAll().where('kind', '=', 'raised_rate').execute();
		expect(watches.map((x) => [x.subject_type, x.subject_id, Number(x.until_at) - app.now()]).sort()).toEqual([
			['clerk', w.clerkRiga, 30 * DAY],
			['office', w.kacRiga, 30 * DAY]
		]);
		// 1 denied of 1 completed: the Wilson lower end (0.21) is above 5 %: full review, b is on the list.
		expect(answer.ok && answer.escalated.sort()).toEqual([`clerk:${w.clerkRiga}`, `office:${w.kacRiga}`].sort());
		const open = await ctx.db.selectFrom('qc_call').select(['window_id', 'source']).where('status', '=', 'open').execute();
		expect(open).toEqual([{ window_id: b.windowId, source: sampledB ? 'sample' : 'full_review' }]);
		// The number served its call: deleted now.
		expect(await ctx.db.selectFrom('qc_contact').select('id').where('window_id', '=', a.windowId).execute()).toEqual([]);

		const audit = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'subject_id', 'details']).orderBy('seq').execute();
		const actions = audit.map((e) => e.action);
		expect(actions).toEqual(expect.arrayContaining(['qc.report', 'qc.call.claim', 'qc.phone.view', 'qc.call.outcome', 'qc.rate.raise', 'qc.full_review']));
		const outcome = audit.find((e) => e.action === 'qc.call.outcome')!;
		expect(outcome.actor_id).toBe(me);
		expect(JSON.parse(outcome.details)).toMatchObject({ windowId: a.windowId, outcome: 'denied', revokedSignatures: 2 });
		expect(JSON.stringify(audit)).not.toContain('+3712');
		expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
	});

	it('a denial can name only some initiatives of the visit', async () => {
		const a = await reportedVisit([w.national, w.rigaOnly], T);
		await claimCall(app, w.auditor, a.callId);
		const r = await recordOutcome(app, w.auditor, a.callId, { result: 'denied', note: 'Signed the national one only.', initiativeIds: [w.rigaOnly] });
		expect(r).toMatchObject({ ok: true, revoked: 1 });
		expect((await signatureStates(a.windowId)).map((s) => s.state)).toEqual(['accepted', 'revoked']);
	});

	it('confirmed and wrong_number change no signature; no answer three times on three days is unreachable', async () => {
		const a = await reportedVisit([w.national], T);
		const b = await reportedVisit([w.national], T + 10 * MINUTE);
		const c = await reportedVisit([w.national], T + 20 * MINUTE);
		const me = w.auditor;
		await claimCall(app, me, a.callId);
		expect(await recordOutcome(app, me, a.callId, { result: 'confirmed', note: '' })).toMatchObject({ ok: true, final: 'confirmed', revoked: 0 });
		await claimCall(app, me, b.callId);
		expect(await recordOutcome(app, me, b.callId, { result: 'wrong_number', note: 'A shop answered.' })).toMatchObject({ ok: true, final: 'wrong_number' });
		for (const s of [...(await signatureStates(a.windowId)), ...(await signatureStates(b.windowId))]) expect(s.state).toBe('accepted');

		// c: no answer today…
		expect(await claimCall(app, me, c.callId)).toEqual({ ok: true });
		expect(await recordOutcome(app, me, c.callId, { result: 'no_answer', note: '' })).toEqual({ ok: true, final: null, revoked: 0, escalated: [] });
		// …it is off the list until tomorrow, and cannot be tried again today.
		expect(await claimCall(app, me, c.callId)).toEqual({ ok: false, reason: 'not_yet' });
		expect(await claimNextCall(app, me)).toEqual({ ok: false, reason: 'empty' });
		app.setNow(app.now() + DAY);
		expect(await claimNextCall(app, me)).toEqual({ ok: true, callId: c.callId });
		expect(await recordOutcome(app, me, c.callId, { result: 'no_answer', note: 'voicemail' })).toMatchObject({ ok: true, final: null });
		app.setNow(app.now() + DAY);
		await claimCall(app, me, c.callId);
		expect(await recordOutcome(app, me, c.callId, { result: 'no_answer', note: '' })).toMatchObject({ ok: true, final: 'unreachable' });
		const call = await ctx.db.selectFrom('qc_call').selectAll().where('id', '=', c.callId).executeTakeFirstOrThrow();
		expect([call.status, call.outcome, call.attempts]).toEqual(['done', 'unreachable', 3]);
		const days = await ctx.db.selectFrom('qc_attempt').select('day').where('call_id', '=', c.callId).orderBy('at').execute();
		expect(new Set(days.map((d) => d.day)).size).toBe(3);
		const outcomes = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'qc.call.outcome').execute();
		expect(outcomes).toHaveLength(5);
	});

	it('only the auditor holding the call sees the phone number; recording needs a live claim', async () => {
		const a = await reportedVisit([w.national], T);
		const other = await auditor(app, 'otrs');
		expect((await callView(app, w.auditor, a.callId))?.phone).toBeNull();
		await claimCall(app, w.auditor, a.callId);
		expect((await callView(app, other, a.callId))?.phone).toBeNull();
		expect((await callView(app, other, a.callId))?.heldBy).toBe('Revidents');
		expect(await recordOutcome(app, other, a.callId, { result: 'confirmed', note: '' })).toEqual({ ok: false, reason: 'not_held' });
		expect((await callView(app, w.auditor, a.callId))?.phone).toMatch(/^\+3712/);
		expect(await releaseCall(app, w.auditor, a.callId)).toBe(true);
		expect((await callView(app, w.auditor, a.callId))?.phone).toBeNull();
		const views = await ctx.db.selectFrom('audit_log').select(['actor_id', 'subject_id']).where('action', '=', 'qc.phone.view').execute();
		expect(views).toEqual([{ actor_id: w.auditor, subject_id: a.callId }]);
		// The list never carries a number or a personal code.
		const list = JSON.stringify(await callList(app, w.auditor));
		expect(list).not.toContain('+3712');
		expect(list).not.toContain(a.identity.personalCode);
		expect(list).not.toContain(a.identity.personalCode.slice(0, 6));
		expect(list).not.toContain(a.identity.surname);
		const view = JSON.stringify(await callView(app, w.auditor, a.callId));
		expect(view).not.toContain(a.identity.personalCode.slice(0, 6));
		expect(view).not.toContain(a.identity.surname);
	});

	it('a reported visit without a phone number can be decided, not "not answered"', async () => {
		const a = await reportedVisit([w.national], T, { phone: false });
		await claimCall(app, w.auditor, a.callId);
		expect(await recordOutcome(app, w.auditor, a.callId, { result: 'no_answer', note: '' })).toEqual({ ok: false, reason: 'needs_phone' });
		expect(await recordOutcome(app, w.auditor, a.callId, { result: 'denied', note: '' })).toEqual({ ok: false, reason: 'note_required' });
		expect(await recordOutcome(app, w.auditor, a.callId, { result: 'denied', note: 'Report upheld after checking with the office.' })).toMatchObject({ ok: true, revoked: 1 });
	});

	it('phone numbers are gone after the QC period, and open calls that can no longer be made expire', async () => {
		const a = await reportedVisit([w.national], T);
		// A sampled call for another visit (made open by hand, as the sample would).
		const b = await visit(app, kac, w.clerkRiga, [w.national], T + 20 * MINUTE);
		await refreshQc(app);
		await ctx.db
			.insertInto('qc_call')
			.values({
				id: 'sampled',
				window_id: b.windowId,
				office_id: w.kacRiga,
				clerk_id: w.clerkRiga,
				source: 'sample',
				priority: 2,
				callable: 1,
				status: 'open',
				outcome: null,
				attempts: 0,
				last_attempt_day: null,
				next_attempt_after: 0,
				claimed_by: null,
				claimed_until: null,
				created_at: app.now(),
				completed_at: null,
				completed_by: null,
				revoked_signatures: 0
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		expect(await ctx.db.selectFrom('qc_contact').select('id').execute()).toHaveLength(2);
		await purgeExpired(ctx.db, T + 89 * DAY);
		expect(await ctx.db.selectFrom('qc_contact').select('id').execute()).toHaveLength(2);
		const r = await purgeExpired(ctx.db, T + 90 * DAY + HOUR);
		expect(r.qcContacts).toBe(2);
		expect(await ctx.db.selectFrom('qc_contact').select('id').execute()).toEqual([]);
		const calls = await ctx.db.selectFrom('qc_call').select(['window_id', 'status']).orderBy('created_at').execute();
		// The sampled call can no longer be made; the citizen's report stays open, to be decided without a call.
		expect(calls.find((c) => c.window_id === b.windowId)?.status).toBe('expired');
		expect(calls.find((c) => c.window_id === a.windowId)?.status).toBe('open');
	});
});
