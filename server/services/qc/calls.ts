/**
 * The auditor's call list (DESIGN §6): taking a call with a lease, what the call page shows
 * (the phone number only to the auditor holding the call, and that access is audited), and
 * recording outcomes with their consequences:
 *
 * - `denied` revokes the visit's signatures (all of them, or those the person denies): they
 *   are kept and marked `revoked`, never deleted, so public counts (which count `accepted`
 *   only) drop at once; the clerk and the office are flagged and their sampling rate is raised
 *   for QC_RAISED_DAYS; their error rate is estimated again and may escalate to full review;
 * - `no_answer` is an attempt: the call comes back the next day in Riga; the last allowed
 *   attempt makes it `unreachable`;
 * - a completed call deletes the visit's QC phone number (retention: the call is its purpose).
 *
 * Every claim, phone access and outcome goes to the audit log in the transaction of the change.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Localized } from '../../../src/lib/domain/catalog-protocol';
import { rigaDateOf } from '../../../src/lib/domain/dates';
import { CALL_PRIORITY, decideAttempt, nextRigaDayStart, type QcOutcome, type QcResult } from '../../../src/lib/domain/qc-calls';
import { denialRate } from '../../../src/lib/domain/qc-signals';
import { exceedsThreshold, wilsonInterval } from '../../../src/lib/domain/wilson';
import type { App } from '../../app-context';
import type { Database } from '../../db/schema';
import {
	attemptsOfCall,
	callById,
	claimableCalls,
	insertAttempt,
	liveClaimOf,
	lockHeldCall,
	outcomeCounts,
	releaseClaim,
	reportsOfWindow,
	tryClaim,
	updateCall
} from '../../repositories/qc-calls';
import { activeWatches, flagsOfWindow, insertWatch } from '../../repositories/qc-flags';
import { callableVisitsWithoutCall, visitByWindow } from '../../repositories/qc-visits';
import { appendAuditBy, recordAudit, staffActor } from '../audit';
import { changingSignatures } from '../signature-changes';
import type { Kysely } from 'kysely';
import { addFlag, createCallForVisit, liftOpenCallsOf } from './decisions';

const DAY_MS = 86_400_000;
/** Error rates and denial rates look back this far. */
const RATE_WINDOW_DAYS = 365;

export type ClaimResult = { ok: true; callId: string } | { ok: false; reason: 'empty' };

/** Gives the auditor the call they already hold, or the first free one of the queue. */
export async function claimNextCall(app: App, staffId: string): Promise<ClaimResult> {
	const db = app.database.db;
	const now = app.now();
	const held = await liveClaimOf(db, staffId, now);
	if (held) return { ok: true, callId: held.id };
	const until = now + app.config.qc.claimMinutes * 60_000;
	for (let round = 0; round < 3; round++) {
		const candidates = await claimableCalls(db, now, 25);
		if (!candidates.length) return { ok: false, reason: 'empty' };
		for (const id of candidates) {
			const won = await db.transaction().execute(async (trx) => {
				if (!(await tryClaim(trx, id, staffId, now, until))) return false;
				await appendAuditBy(trx, staffActor(staffId), 'qc.call.claim', { type: 'qc_call', id }, { until }, now);
				return true;
			});
			if (won) return { ok: true, callId: id };
		}
	}
	return { ok: false, reason: 'empty' };
}

export type ClaimOneResult = { ok: true } | { ok: false; reason: 'not_found' | 'taken' | 'closed' | 'not_yet' };

/** Takes one given call (from the list), if nobody else holds it. */
export async function claimCall(app: App, staffId: string, callId: string): Promise<ClaimOneResult> {
	const db = app.database.db;
	const now = app.now();
	const call = await callById(db, callId);
	if (!call) return { ok: false, reason: 'not_found' };
	if (call.status !== 'open') return { ok: false, reason: 'closed' };
	const until = now + app.config.qc.claimMinutes * 60_000;
	const won = await db.transaction().execute(async (trx) => {
		if (!(await tryClaim(trx, callId, staffId, now, until))) return false;
		await appendAuditBy(trx, staffActor(staffId), 'qc.call.claim', { type: 'qc_call', id: callId }, { until }, now);
		return true;
	});
	if (won) return { ok: true };
	return { ok: false, reason: Number(call.next_attempt_after) > now ? 'not_yet' : 'taken' };
}

export async function releaseCall(app: App, staffId: string, callId: string): Promise<boolean> {
	const db = app.database.db;
	const now = app.now();
	return db.transaction().execute(async (trx) => {
		if (!(await releaseClaim(trx, callId, staffId))) return false;
		await appendAuditBy(trx, staffActor(staffId), 'qc.call.release', { type: 'qc_call', id: callId }, {}, now);
		return true;
	});
}

export interface CallView {
	id: string;
	status: 'open' | 'done' | 'expired';
	source: 'sample' | 'report' | 'full_review';
	outcome: QcOutcome | null;
	callable: boolean;
	attempts: number;
	maxAttempts: number;
	nextAttemptAfter: number;
	lastAttemptDay: string | null;
	/** True when this auditor holds a live claim: only then is the phone number shown. */
	held: boolean;
	heldBy: string | null;
	claimedUntil: number | null;
	phone: string | null;
	office: Localized;
	clerk: string;
	openedAt: number;
	closedAt: number | null;
	selectionReason: string | null;
	flagSignals: string[];
	signatures: { initiativeId: string; title: Localized; state: string; signedAt: number }[];
	reports: { at: number; scope: 'visit' | 'initiatives'; initiativeIds: string[] }[];
	history: { at: number; result: string; note: string; auditor: string | null }[];
}

/**
 * What the call page shows. The phone number is opened only for the auditor who holds the call
 * now, and each time it is shown the audit log says who saw whose number (by call and window id).
 */
export async function callView(app: App, staffId: string, callId: string, o: { withPhone: boolean } = { withPhone: true }): Promise<CallView | null> {
	const db = app.database.db;
	const now = app.now();
	const call = await callById(db, callId);
	if (!call) return null;
	const [window, visit, signatures, attempts, reports, holder] = await Promise.all([
		db
			.selectFrom('signing_window')
			.innerJoin('office', 'office.id', 'signing_window.office_id')
			.leftJoin('staff', 'staff.id', 'signing_window.clerk_id')
			.select(['signing_window.opened_at', 'signing_window.closed_at', 'office.name_lv', 'office.name_en', 'staff.display_name'])
			.where('signing_window.id', '=', call.window_id)
			.executeTakeFirstOrThrow(),
		visitByWindow(db, call.window_id),
		db
			.selectFrom('signature')
			.innerJoin('initiative', 'initiative.id', 'signature.initiative_id')
			.select(['signature.initiative_id', 'signature.state', 'signature.signed_at', 'initiative.title_lv', 'initiative.title_en'])
			.where('signature.window_id', '=', call.window_id)
			.where('signature.state', 'in', ['accepted', 'revoked'])
			.orderBy('signature.seq')
			.execute(),
		attemptsOfCall(db, call.id),
		reportsOfWindow(db, call.window_id),
		call.claimed_by ? db.selectFrom('staff').select('display_name').where('id', '=', call.claimed_by).executeTakeFirst() : undefined
	]);
	const held = call.status === 'open' && call.claimed_by === staffId && Number(call.claimed_until) > now;
	let phone: string | null = null;
	if (held && o.withPhone) {
		const contact = await db.selectFrom('qc_contact').select('phone_box').where('window_id', '=', call.window_id).executeTakeFirst();
		if (contact) {
			const value = await app.secrets.openIdentity(JSON.parse(contact.phone_box));
			phone = typeof value === 'string' ? value : null;
			await recordAudit(
				db,
				{ actorType: 'staff', actorId: staffId, action: 'qc.phone.view', subjectType: 'qc_call', subjectId: call.id, details: { windowId: call.window_id } },
				now
			);
		}
	}
	const live = call.claimed_until !== null && Number(call.claimed_until) > now;
	return {
		id: call.id,
		status: call.status,
		source: call.source,
		outcome: call.outcome,
		callable: call.callable === 1,
		attempts: call.attempts,
		maxAttempts: app.config.qc.maxAttempts,
		nextAttemptAfter: Number(call.next_attempt_after),
		lastAttemptDay: call.last_attempt_day,
		held,
		heldBy: live && call.claimed_by !== staffId ? (holder?.display_name ?? null) : null,
		claimedUntil: live ? Number(call.claimed_until) : null,
		phone,
		office: { lv: window.name_lv, en: window.name_en },
		clerk: window.display_name ?? '',
		openedAt: Number(window.opened_at),
		closedAt: window.closed_at === null ? null : Number(window.closed_at),
		selectionReason: visit?.selection_reason ?? null,
		flagSignals: (visit?.flag_signals ?? '').split(',').filter(Boolean),
		signatures: signatures.map((s) => ({
			initiativeId: s.initiative_id,
			title: { lv: s.title_lv, en: s.title_en },
			state: s.state,
			signedAt: Number(s.signed_at)
		})),
		reports: reports.map((r) => ({ at: Number(r.created_at), scope: r.scope, initiativeIds: JSON.parse(r.initiative_ids) as string[] })),
		history: attempts.map((a) => ({ at: Number(a.at), result: a.result, note: a.note, auditor: a.display_name ?? null }))
	};
}

export interface OutcomeInput {
	result: QcResult;
	note: string;
	/** For `denied`: the initiatives the person says they did not sign; empty or absent = all. */
	initiativeIds?: string[];
}

export type OutcomeAnswer =
	| { ok: true; final: QcOutcome | null; revoked: number; escalated: string[] }
	| { ok: false; reason: 'not_held' | 'same_day' | 'needs_phone' | 'no_attempts_left' | 'note_required' };

export async function recordOutcome(app: App, staffId: string, callId: string, input: OutcomeInput): Promise<OutcomeAnswer> {
	const db = app.database.db;
	const now = app.now();
	const note = input.note.trim().slice(0, 2000);
	if (input.result === 'denied' && !note) return { ok: false, reason: 'note_required' };
	const today = rigaDateOf(now);
	return changingSignatures(db, async (trx, changed): Promise<OutcomeAnswer> => {
		const call = await lockHeldCall(trx, callId, staffId, now);
		if (!call) return { ok: false, reason: 'not_held' };
		const decision = decideAttempt({
			result: input.result,
			attempts: call.attempts,
			lastAttemptDay: call.last_attempt_day,
			today,
			maxAttempts: app.config.qc.maxAttempts,
			callable: call.callable === 1
		});
		if (!decision.ok) return { ok: false, reason: decision.problem };
		await insertAttempt(trx, { id: uuidv7(), call_id: call.id, staff_id: staffId, at: now, day: today, result: input.result, note });

		let revoked = 0;
		const escalated: string[] = [];
		if (decision.final === 'denied') {
			let q = trx
				.updateTable('signature')
				.set({ state: 'revoked', reason: 'qc_denied', state_changed_at: now })
				.where('window_id', '=', call.window_id)
				.where('state', '=', 'accepted');
			if (input.initiativeIds?.length) q = q.where('initiative_id', 'in', input.initiativeIds);
			revoked = (await q.returning('id').execute()).length;
			if (revoked) changed('revoked');
		}
		if (decision.final) {
			await updateCall(trx, call.id, {
				status: 'done',
				outcome: decision.final,
				attempts: decision.attempts,
				last_attempt_day: today,
				completed_at: now,
				completed_by: staffId,
				claimed_by: null,
				claimed_until: null,
				revoked_signatures: revoked
			});
			// The number served this call; it is not kept a day longer (DESIGN §6, retention).
			await trx.deleteFrom('qc_contact').where('window_id', '=', call.window_id).execute();
		} else {
			await updateCall(trx, call.id, {
				attempts: decision.attempts,
				last_attempt_day: today,
				next_attempt_after: nextRigaDayStart(now),
				claimed_by: null,
				claimed_until: null
			});
		}
		await appendAuditBy(
			trx,
			staffActor(staffId),
			'qc.call.outcome',
			{ type: 'qc_call', id: call.id },
			{
				windowId: call.window_id,
				result: input.result,
				outcome: decision.final,
				attempt: decision.attempts,
				revokedSignatures: revoked,
				...(input.initiativeIds?.length ? { initiativeIds: input.initiativeIds } : {})
			},
			now
		);

		if (decision.final === 'denied') {
			await consequencesOfDenial(app, trx, staffId, call, revoked, now);
		}
		if (decision.final === 'denied' || decision.final === 'confirmed') {
			escalated.push(...(await reviewRates(app, trx, staffId, call, now)));
		}
		return { ok: true, final: decision.final, revoked, escalated };
	});
}

type Call = { id: string; window_id: string; office_id: string; clerk_id: string };

/** A denial flags the clerk and the office and raises their sampling rate for QC_RAISED_DAYS. */
async function consequencesOfDenial(app: App, trx: Kysely<Database>, staffId: string, call: Call, revoked: number, now: number) {
	const until = now + app.config.qc.raisedDays * DAY_MS;
	for (const [level, id] of [
		['clerk', call.clerk_id],
		['office', call.office_id]
	] as const) {
		await addFlag(
			trx,
			{
				level,
				signal: 'denied_call',
				officeId: call.office_id,
				clerkId: level === 'clerk' ? call.clerk_id : null,
				windowId: call.window_id,
				details: { callId: call.id, revoked },
				key: `denied_call:${level}:${call.id}`
			},
			now
		);
		await insertWatch(trx, {
			id: uuidv7(),
			subject_type: level,
			subject_id: id,
			kind: 'raised_rate',
			from_at: now,
			until_at: until,
			reason: `denied_call:${call.id}`,
			created_at: now
		});
		await appendAuditBy(
			trx,
			staffActor(staffId),
			'qc.rate.raise',
			{ type: level === 'clerk' ? 'staff' : 'office', id },
			{ callId: call.id, rate: app.config.qc.raisedRate, until },
			now
		);
	}
}

/**
 * Estimates the error rate of the call's clerk and office again (denied / completed, 95 %
 * Wilson interval); a lower end above QC_ERROR_THRESHOLD starts a full review: every callable
 * visit of theirs still inside its QC period goes on the list, and every visit entering the
 * frame in the next QC_FULL_REVIEW_DAYS is selected. The denial-rate signal is checked too.
 */
async function reviewRates(app: App, trx: Kysely<Database>, staffId: string, call: Call, now: number): Promise<string[]> {
	const qc = app.config.qc;
	const escalated: string[] = [];
	const since = now - RATE_WINDOW_DAYS * DAY_MS;
	const watches = await activeWatches(trx, [call.clerk_id, call.office_id], now);
	for (const [level, by, id] of [
		['clerk', 'clerk_id', call.clerk_id],
		['office', 'office_id', call.office_id]
	] as const) {
		const [counts] = await outcomeCounts(trx, by, since, id);
		if (!counts) continue;
		const month = rigaDateOf(now).slice(0, 7);
		const rate = denialRate(counts.denied, counts.completed, qc.thresholds);
		if (rate.fires) {
			await addFlag(
				trx,
				{
					level,
					signal: 'denial_rate',
					officeId: call.office_id,
					clerkId: level === 'clerk' ? call.clerk_id : null,
					windowId: null,
					details: rate.details,
					key: `denial_rate:${level}:${id}:${month}`
				},
				now
			);
		}
		if (!exceedsThreshold(counts.denied, counts.completed, qc.errorThreshold)) continue;
		if (watches.some((w) => w.kind === 'full_review' && w.subject_type === level && w.subject_id === id)) continue;
		const w = wilsonInterval(counts.denied, counts.completed);
		await insertWatch(trx, {
			id: uuidv7(),
			subject_type: level,
			subject_id: id,
			kind: 'full_review',
			from_at: now,
			until_at: now + qc.fullReviewDays * DAY_MS,
			reason: `error_rate:${counts.denied}/${counts.completed}`,
			created_at: now
		});
		await addFlag(
			trx,
			{
				level,
				signal: 'error_rate',
				officeId: call.office_id,
				clerkId: level === 'clerk' ? call.clerk_id : null,
				windowId: null,
				details: { denied: counts.denied, completed: counts.completed, low: round4(w.low), high: round4(w.high), threshold: qc.errorThreshold },
				key: `error_rate:${level}:${id}:${now}`
			},
			now
		);
		const visits = await callableVisitsWithoutCall(trx, by, id, now - app.config.qcPeriodDays * DAY_MS);
		let added = 0;
		for (const v of visits) {
			if (!v.selected) {
				await trx
					.updateTable('qc_visit')
					.set({ selected: 1, selection_reason: 'full_review', rate_ppm: 1_000_000 })
					.where('window_id', '=', v.window_id)
					.execute();
			}
			if (await createCallForVisit(trx, { ...v, reason: 'full_review', flagged: v.flagged === 1, fullReview: true }, now)) added++;
		}
		// Calls already on the list for this clerk or office (sampled before) join the full review.
		const lifted = await liftOpenCallsOf(trx, by, id, CALL_PRIORITY.flagged);
		await appendAuditBy(
			trx,
			staffActor(staffId),
			'qc.full_review',
			{ type: level === 'clerk' ? 'staff' : 'office', id },
			{ denied: counts.denied, completed: counts.completed, low: round4(w.low), threshold: qc.errorThreshold, callsAdded: added, callsMovedUp: lifted },
			now
		);
		escalated.push(`${level}:${id}`);
	}
	return escalated;
}

function round4(x: number) {
	return Math.round(x * 10_000) / 10_000;
}

export { flagsOfWindow };
