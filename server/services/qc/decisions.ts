/**
 * Deciding and re-deciding frame visits (DESIGN §6): the rates that apply to a visit, its call,
 * its flags. Writes are grouped where one statement can do the work of many: under continuous
 * pushes these run on every refresh, and on SQLite every statement runs on the event loop.
 */
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CALL_PRIORITY, callPriority, type CallPriority } from '../../../src/lib/domain/qc-calls';
import { decideSelection, type SamplingRates, type SelectionReason } from '../../../src/lib/domain/qc-sampling';
import type { QcSignal } from '../../../src/lib/domain/qc-signals';
import type { App } from '../../app-context';
import { chunksFor, idChunks } from '../../db/chunks';
import type { Database } from '../../db/schema';
import type { QcFlagLevel } from '../../db/schema-qc';
import { activeWatches } from '../../repositories/qc-flags';
import { visitsByIds, type QcVisitRow } from '../../repositories/qc-visits';

type Trx = Kysely<Database>;

export function ratesOf(app: App): SamplingRates {
	const qc = app.config.qc;
	return { base: qc.sampleRate, raised: qc.raisedRate, flagged: qc.flaggedRate };
}

export interface WatchSets {
	raised: Set<string>;
	fullReview: Set<string>;
}

export async function watchSets(trx: Trx, subjects: Iterable<string>, now: number): Promise<WatchSets> {
	const rows = await activeWatches(trx, [...new Set(subjects)], now);
	const sets: WatchSets = { raised: new Set(), fullReview: new Set() };
	for (const w of rows) (w.kind === 'raised_rate' ? sets.raised : sets.fullReview).add(`${w.subject_type}:${w.subject_id}`);
	return sets;
}

export function circumstances(v: { clerk_id: string; office_id: string; flagged: number }, w: WatchSets) {
	const has = (set: Set<string>) => set.has(`clerk:${v.clerk_id}`) || set.has(`office:${v.office_id}`);
	return { raised: has(w.raised), fullReview: has(w.fullReview), flagged: v.flagged === 1 };
}

/** A selected visit to call, with what decides its place in the queue (src/lib/domain/qc-calls.ts). */
export type CallFor = Pick<QcVisitRow, 'window_id' | 'office_id' | 'clerk_id'> & {
	reason: SelectionReason;
	flagged: boolean;
	fullReview: boolean;
};

/**
 * Puts selected visits (distinct windows) on the call list, those that can be called and have
 * no call yet, each at the priority its visit has now. Returns how many calls were made.
 */
export async function createCallsForVisits(trx: Trx, visits: readonly CallFor[], now: number): Promise<number> {
	if (!visits.length) return 0;
	const callable = new Set<string>();
	const called = new Set<string>();
	for (const chunk of idChunks(visits.map((v) => v.window_id))) {
		for (const r of await trx.selectFrom('qc_contact').select('window_id').where('window_id', 'in', chunk).execute()) callable.add(r.window_id);
		for (const r of await trx.selectFrom('qc_call').select('window_id').where('window_id', 'in', chunk).execute()) called.add(r.window_id);
	}
	const rows = visits
		.filter((v) => callable.has(v.window_id) && !called.has(v.window_id))
		.map((v) => ({
			id: uuidv7(),
			window_id: v.window_id,
			office_id: v.office_id,
			clerk_id: v.clerk_id,
			source: v.reason === 'full_review' ? ('full_review' as const) : ('sample' as const),
			priority: callPriority({ flagged: v.flagged, fullReview: v.fullReview || v.reason === 'full_review' }),
			callable: 1,
			status: 'open' as const,
			outcome: null,
			attempts: 0,
			last_attempt_day: null,
			next_attempt_after: 0,
			claimed_by: null,
			claimed_until: null,
			created_at: now,
			completed_at: null,
			completed_by: null,
			revoked_signatures: 0
		}));
	let made = 0;
	for (const chunk of chunksFor(rows)) {
		const back = await trx
			.insertInto('qc_call')
			.values(chunk)
			.onConflict((oc) => oc.column('window_id').where('status', '=', sql.lit('open')).doNothing())
			.returning('id')
			.execute();
		made += back.length;
	}
	return made;
}

/** Puts a selected visit on the call list, when it can be called and has no call yet. */
export async function createCallForVisit(trx: Trx, v: CallFor, now: number): Promise<boolean> {
	return (await createCallsForVisits(trx, [v], now)) === 1;
}

/**
 * Moves the open calls of these visits up to `priority` (never down): a visit flagged, reported
 * or put under full review after its call was made goes where it would have gone had that been
 * known then. Returns how many calls moved.
 */
export async function liftOpenCalls(trx: Trx, windowIds: readonly string[], priority: CallPriority): Promise<number> {
	let moved = 0;
	for (const chunk of idChunks([...new Set(windowIds)])) {
		const r = await trx
			.updateTable('qc_call')
			.set({ priority })
			.where('window_id', 'in', chunk)
			.where('status', '=', 'open')
			.where('priority', '>', priority)
			.executeTakeFirst();
		moved += Number(r.numUpdatedRows);
	}
	return moved;
}

/** `liftOpenCalls` for every open call of one clerk or office (a full review has begun). */
export async function liftOpenCallsOf(trx: Trx, by: 'office_id' | 'clerk_id', id: string, priority: CallPriority): Promise<number> {
	const r = await trx
		.updateTable('qc_call')
		.set({ priority })
		.where(by, '=', id)
		.where('status', '=', 'open')
		.where('priority', '>', priority)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Decides again frame rows not selected yet, as `reconsider` does, from rows already read. */
async function reconsiderRows(app: App, trx: Trx, rows: readonly QcVisitRow[], now: number): Promise<number> {
	if (!rows.length) return 0;
	const watches = await watchSets(trx, rows.flatMap((r) => [r.clerk_id, r.office_id]), now);
	const chosen = new Map<string, { ratePpm: number; reason: SelectionReason; ids: string[] }>();
	const rateOnly = new Map<number, string[]>();
	const calls: CallFor[] = [];
	for (const r of rows) {
		const c = circumstances(r, watches);
		const s = decideSelection(Number(r.score), ratesOf(app), c);
		if (s.reason) {
			const key = `${s.ratePpm}:${s.reason}`;
			const group = chosen.get(key) ?? { ratePpm: s.ratePpm, reason: s.reason, ids: [] };
			group.ids.push(r.window_id);
			chosen.set(key, group);
			calls.push({ window_id: r.window_id, office_id: r.office_id, clerk_id: r.clerk_id, reason: s.reason, flagged: c.flagged, fullReview: c.fullReview });
		} else if (s.ratePpm > Number(r.rate_ppm)) {
			// A stored rate only ever rises (qc-sampling.ts): when a watch ends, the visits it
			// raised keep their rate, so a smaller sample stays inside every larger one.
			rateOnly.set(s.ratePpm, [...(rateOnly.get(s.ratePpm) ?? []), r.window_id]);
		}
	}
	// One statement per outcome, not per row, and unchanged rates are not written again: a
	// flagged day is decided again on every refresh that brings it a visit.
	for (const g of chosen.values()) {
		for (const chunk of idChunks(g.ids)) {
			await trx
				.updateTable('qc_visit')
				.set({ selected: 1, selection_reason: g.reason, rate_ppm: g.ratePpm })
				.where('window_id', 'in', chunk)
				.where('selected', '=', 0)
				.execute();
		}
	}
	for (const [ratePpm, ids] of rateOnly) {
		for (const chunk of idChunks(ids)) {
			await trx
				.updateTable('qc_visit')
				.set({ rate_ppm: ratePpm })
				.where('window_id', 'in', chunk)
				.where('selected', '=', 0)
				.where('rate_ppm', '<', ratePpm)
				.execute();
		}
	}
	await createCallsForVisits(trx, calls, now);
	return calls.length;
}

/**
 * Decides again visits not selected yet, after something raised their rate (a flag, a denial,
 * a report, a full review). Scores never change and rates only go up, so a decision is only
 * ever turned from "not selected" to "selected". Returns how many were selected now.
 */
export async function reconsider(app: App, trx: Trx, windowIds: readonly string[], now: number): Promise<number> {
	return reconsiderRows(app, trx, (await visitsByIds(trx, windowIds)).filter((r) => r.selected === 0), now);
}

export interface FlagInput {
	level: QcFlagLevel;
	signal: QcSignal;
	officeId: string;
	clerkId: string | null;
	windowId: string | null;
	deviceId?: string | null;
	details: Record<string, unknown>;
	key: string;
}

function flagRow(f: FlagInput, now: number) {
	return {
		id: uuidv7(),
		level: f.level,
		office_id: f.officeId,
		clerk_id: f.clerkId,
		window_id: f.windowId,
		device_id: f.deviceId ?? null,
		signal: f.signal,
		details: JSON.stringify(f.details),
		dedupe_key: f.key,
		created_at: now,
		resolved_at: null,
		resolved_by: null,
		resolution_note: null
	};
}

export function addFlag(trx: Trx, f: FlagInput, now: number): Promise<boolean> {
	return addFlags(trx, [f], now).then((n) => n === 1);
}

/**
 * Inserts flags unless the same event was flagged before (by dedupe key; within the list the
 * first one wins, as if inserted one by one). Returns how many went in.
 */
export async function addFlags(trx: Trx, flags: readonly FlagInput[], now: number): Promise<number> {
	const byKey = new Map<string, FlagInput>();
	for (const f of flags) if (!byKey.has(f.key)) byKey.set(f.key, f);
	let added = 0;
	for (const chunk of chunksFor([...byKey.values()].map((f) => flagRow(f, now)))) {
		const back = await trx
			.insertInto('qc_flag')
			.values(chunk)
			.onConflict((oc) => oc.column('dedupe_key').doNothing())
			.returning('id')
			.execute();
		added += back.length;
	}
	return added;
}

/**
 * Marks frame rows flagged by a signal (adding to their list), moves their open calls up among
 * the flagged ones, and decides the rows not selected yet again.
 */
async function flagRows(app: App, trx: Trx, rows: QcVisitRow[], signal: QcSignal, now: number): Promise<number> {
	const bySignals = new Map<string, string[]>();
	for (const v of rows) {
		const signals = new Set(v.flag_signals.split(',').filter(Boolean));
		if (signals.has(signal) && v.flagged === 1) continue;
		signals.add(signal);
		v.flagged = 1;
		v.flag_signals = [...signals].sort().join(',');
		bySignals.set(v.flag_signals, [...(bySignals.get(v.flag_signals) ?? []), v.window_id]);
	}
	for (const [signals, ids] of bySignals) {
		for (const chunk of idChunks(ids)) {
			await trx.updateTable('qc_visit').set({ flagged: 1, flag_signals: signals }).where('window_id', 'in', chunk).execute();
		}
	}
	// A visit already on the list (sampled before anything was known against it) moves up too.
	await liftOpenCalls(trx, rows.filter((r) => r.selected === 1).map((r) => r.window_id), CALL_PRIORITY.flagged);
	return reconsiderRows(app, trx, rows.filter((r) => r.selected === 0), now);
}

/** Marks frame visits flagged by a signal (adding to their list) and decides them again. */
export async function flagVisits(app: App, trx: Trx, windowIds: readonly string[], signal: QcSignal, now: number) {
	return flagRows(app, trx, await visitsByIds(trx, windowIds), signal, now);
}

/**
 * `flagVisits` on every visit of one office or clerk on one day, reading only the rows it
 * could change. A row is left out when it already carries the signal and is either selected,
 * or unselected at exactly the flagged rate with no watch on its clerk or office: deciding such
 * a row again gives the rate it has and no selection (an unselected row's score is never below
 * its stored rate), so the result is the same as flagging the whole day, at the cost of the
 * visits that are new to the day instead of all of them.
 */
export async function flagSubjectDay(
	app: App,
	trx: Trx,
	by: 'office_id' | 'clerk_id',
	id: string,
	day: string,
	signal: QcSignal,
	now: number
): Promise<number> {
	const flaggedPpm = decideSelection(0, ratesOf(app), { flagged: true, raised: false, fullReview: false }).ratePpm;
	const watched = (type: 'clerk' | 'office') =>
		trx
			.selectFrom('qc_watch')
			.select('subject_id')
			.where('subject_type', '=', type)
			.where('from_at', '<=', now)
			.where('until_at', '>', now);
	const rows = await trx
		.selectFrom('qc_visit')
		.selectAll()
		.where(by, '=', id)
		.where('day', '=', day)
		.where((eb) =>
			eb.or([
				eb('flagged', '=', 0),
				eb(sql<string>`',' || ${sql.ref('flag_signals')} || ','`, 'not like', `%,${signal},%`),
				eb.and([
					eb('selected', '=', 0),
					eb.or([eb('rate_ppm', '<>', flaggedPpm), eb('clerk_id', 'in', watched('clerk')), eb('office_id', 'in', watched('office'))])
				])
			])
		)
		.execute();
	return flagRows(app, trx, rows, signal, now);
}
