/**
 * The per-clerk monthly minimum (src/lib/domain/qc-sampling.ts) for ended months still inside
 * the QC period: a clerk-month without a selected callable visit gets its lowest-score
 * callable visit whose phone number is still kept.
 *
 * A clerk-month can only need a pick when its month has just ended or when a callable visit
 * enters it late (selections are never withdrawn and frame rows never deleted). So every
 * clerk-month is looked at once after each month ends, remembered in qc_state, and after that
 * a refresh after a push looks only at the clerk-months its visits entered.
 */
import { sql, type Kysely } from 'kysely';
import { rigaDateOf } from '../../../src/lib/domain/dates';
import { monthlyMinimumPicks, monthOf } from '../../../src/lib/domain/qc-sampling';
import type { App } from '../../app-context';
import type { Database } from '../../db/schema';
import { callableVisitsOf, setVisitSelection, uncoveredClerkMonths } from '../../repositories/qc-visits';
import { createCallForVisit } from './decisions';

type Trx = Kysely<Database>;
export interface ClerkMonth {
	clerk_id: string;
	month: string;
}

const DAY_MS = 86_400_000;
/** The qc_state row holding the month (as YYYYMM) in which every clerk-month was last looked at. */
const CHECKED_IN = 'minimum_checked_in';

const monthNumber = (month: string) => Number(month.replace('-', ''));

async function checkedIn(trx: Trx): Promise<number | null> {
	const row = await trx.selectFrom('qc_state').select('value').where('id', '=', CHECKED_IN).executeTakeFirst();
	return row ? Number(row.value) : null;
}

async function setCheckedIn(trx: Trx, value: number) {
	await trx
		.insertInto('qc_state')
		.values({ id: CHECKED_IN, value })
		.onConflict((oc) => oc.column('id').doUpdateSet({ value }))
		.execute();
}

/** The touched clerk-months of ended months in the QC period that have no selected callable visit. */
async function uncoveredAmong(trx: Trx, touched: readonly ClerkMonth[], from: string, current: string): Promise<ClerkMonth[]> {
	const keys = new Map<string, ClerkMonth>();
	for (const p of touched) if (p.month >= from && p.month < current) keys.set(`${p.clerk_id}\u0000${p.month}`, p);
	const out: ClerkMonth[] = [];
	for (const p of keys.values()) {
		// Filtered on (clerk, month) only, so that the planner takes the clerk-month index, not
		// the one over every callable visit of the month.
		const row = await trx
			.selectFrom('qc_visit')
			.select((eb) => [eb.fn.max('callable').as('callable'), eb.fn.max(sql<number>`callable * selected`).as('covered')])
			.where('clerk_id', '=', p.clerk_id)
			.where('month', '=', p.month)
			.executeTakeFirstOrThrow();
		if (Number(row.callable) === 1 && Number(row.covered) === 0) out.push(p);
	}
	return out;
}

/**
 * Applies the minimum to every clerk-month (`touched` undefined: a full refresh), or to the
 * touched ones when every clerk-month has already been looked at this month. Returns the picks.
 */
export async function applyMonthlyMinimum(app: App, trx: Trx, now: number, touched?: readonly ClerkMonth[]): Promise<number> {
	const current = monthOf(rigaDateOf(now));
	const from = monthOf(rigaDateOf(now - app.config.qcPeriodDays * DAY_MS));
	const checked = await checkedIn(trx);
	let pairs: ClerkMonth[];
	if (touched && checked === monthNumber(current)) {
		pairs = await uncoveredAmong(trx, touched, from, current);
	} else {
		pairs = await uncoveredClerkMonths(trx, from, current);
		if (checked !== monthNumber(current)) await setCheckedIn(trx, monthNumber(current));
	}
	let picked = 0;
	for (const pair of pairs) {
		const rows = await callableVisitsOf(trx, pair.clerk_id, pair.month);
		const picks = monthlyMinimumPicks(
			rows.map((r) => ({ windowId: r.window_id, clerkId: r.clerk_id, month: r.month, score: Number(r.score), callable: true, selected: r.selected === 1 })),
			current
		);
		for (const id of picks) {
			const row = rows.find((r) => r.window_id === id)!;
			await setVisitSelection(trx, id, Number(row.rate_ppm), 'clerk_minimum');
			// A clerk or office under full review has every visit selected, so is never picked here.
			await createCallForVisit(trx, { ...row, reason: 'clerk_minimum', flagged: row.flagged === 1, fullReview: false }, now);
			picked++;
		}
	}
	return picked;
}
