/**
 * Issued billing statements (issue 17). An office that was paid, or a municipality that was
 * invoiced, needs a statement that stays as it was issued, while the month behind it may still
 * change: a verification call denies a visit, the registry annuls a signature, an office PC that
 * was offline delivers a visit of an earlier month. So:
 *
 * - a statement is issued once per office and calendar month in Latvia, after that month has
 *   ended, and is frozen: a numbered list of the visits it bills, each with its amount;
 * - a later change to a month that already has a statement is never written back into it: it
 *   becomes an **adjustment line** on the next statement issued for that office, with the visit's
 *   date, the reason and when the change was recorded;
 * - the adjustments are the difference between what the issued statements billed for each visit
 *   (their lines' units, summed) and what is billable now, so a change is carried exactly once,
 *   however many statements pass.
 *
 * The billed unit is the **visit** (a signing window with at least one accepted signature), not
 * the window as DESIGN §7 first had it: a window in which nothing was signed (the person was not
 * eligible, had signed before, or changed their mind) is not billed. Money is whole cents.
 */
import { monthRange, type Month } from './billing';

/** Why an adjustment line exists. */
export type AdjustmentReason =
	/** Every signature of the visit was revoked after a verification call was denied. */
	| 'qc_denied'
	/** Every signature was annulled by the registry check (DESIGN §11). */
	| 'annulled'
	/** Every signature was revoked for another recorded reason. */
	| 'revoked'
	/** The visit reached the server after the statement of its month was issued. */
	| 'late'
	/** A visit credited before is billable again. */
	| 'restored';

/** A visit of the office as it is now. */
export interface VisitNow {
	windowId: string;
	/** When the window was opened (its month in Latvia decides the statement). */
	openedAt: number;
	month: Month;
	/** At least one accepted signature now. */
	billable: boolean;
	/** For a visit that is not billable: why (`adjustmentReasonOf` its last changed signature), and when. */
	reason: AdjustmentReason | null;
	changedAt: number | null;
	/** When the visit reached the server. */
	receivedAt: number;
}

/** What the issued statements of the office billed for one visit so far. */
export interface BilledSoFar {
	/** Sum of the units of its lines: 1 billed, 0 not billed (or billed and credited). */
	units: number;
	/** Sum of the amounts of its lines, in cents. */
	amountCents: number;
	/** The number of the last statement with a line for it. */
	lastNumber: number;
}

export interface StatementLine {
	kind: 'visit' | 'adjustment';
	windowId: string;
	visitAt: number;
	visitMonth: Month;
	/** +1 billed, −1 credited. */
	units: number;
	amountCents: number;
	reason: AdjustmentReason | null;
	/** When the change was recorded (adjustments only). */
	changedAt: number | null;
	/** The statement an adjustment corrects (the last one that billed the visit), if any. */
	corrects: number | null;
}

export type StatementProblem = 'month_format' | 'month_not_ended';

/** A month can be issued once it has ended in Latvia (its last day included). */
export function statementMonthProblem(month: string, now: number): StatementProblem | null {
	let to: number;
	try {
		to = monthRange(month).to;
	} catch {
		return 'month_format';
	}
	return now >= to ? null : 'month_not_ended';
}

/** The reason code of an adjustment from a signature's state and reason. */
export function adjustmentReasonOf(state: string | null, reason: string | null): AdjustmentReason {
	if (state === 'annulled') return 'annulled';
	if (reason === 'qc_denied') return 'qc_denied';
	return 'revoked';
}

/** The visit lines of the month being issued: every visit of that month billable now. */
export function visitLines(visits: readonly VisitNow[], month: Month, feeCents: number): StatementLine[] {
	return visits
		.filter((v) => v.month === month && v.billable)
		.sort(byVisit)
		.map((v) => ({
			kind: 'visit',
			windowId: v.windowId,
			visitAt: v.openedAt,
			visitMonth: v.month,
			units: 1,
			amountCents: feeCents,
			reason: null,
			changedAt: null,
			corrects: null
		}));
}

/**
 * The adjustment lines of a statement for `month`: for each visit of an earlier month that
 * already has an issued statement, what is billable now minus what was billed. A credit gives
 * back exactly what was charged (the fee of its statement); a late visit is billed at `feeCents`.
 * Visits of months without a statement are left to that month's own statement.
 */
export function adjustmentLines(o: {
	month: Month;
	/** Earlier months of this office that have an issued statement. */
	issuedMonths: ReadonlySet<Month>;
	billed: ReadonlyMap<string, BilledSoFar>;
	/** Visits of those months (billable now or billed before). */
	visits: readonly VisitNow[];
	feeCents: number;
}): StatementLine[] {
	const lines: StatementLine[] = [];
	for (const v of [...o.visits].sort(byVisit)) {
		if (v.month >= o.month || !o.issuedMonths.has(v.month)) continue;
		const before = o.billed.get(v.windowId);
		const target = v.billable ? 1 : 0;
		const units = target - (before?.units ?? 0);
		if (units === 0) continue;
		const base = { kind: 'adjustment' as const, windowId: v.windowId, visitAt: v.openedAt, visitMonth: v.month, units, corrects: before?.lastNumber ?? null };
		if (units < 0) {
			lines.push({ ...base, amountCents: -(before?.amountCents ?? 0), reason: v.reason ?? 'revoked', changedAt: v.changedAt });
		} else {
			lines.push({ ...base, amountCents: units * o.feeCents, reason: before ? 'restored' : 'late', changedAt: before ? v.changedAt : v.receivedAt });
		}
	}
	return lines;
}

export interface StatementTotals {
	visits: number;
	visitsCents: number;
	/** Net units of the adjustment lines (negative: more credited than added). */
	adjustmentUnits: number;
	adjustmentCents: number;
	totalCents: number;
}

export function statementTotals(lines: readonly StatementLine[]): StatementTotals {
	const visits = lines.filter((l) => l.kind === 'visit');
	const adjustments = lines.filter((l) => l.kind === 'adjustment');
	const visitsCents = visits.reduce((s, l) => s + l.amountCents, 0);
	const adjustmentCents = adjustments.reduce((s, l) => s + l.amountCents, 0);
	return {
		visits: visits.length,
		visitsCents,
		adjustmentUnits: adjustments.reduce((s, l) => s + l.units, 0),
		adjustmentCents,
		totalCents: visitsCents + adjustmentCents
	};
}

/** Statement numbers as printed: 'KT-000012'. */
export function formatStatementNumber(n: number): string {
	if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Not a statement number: ${n}`);
	return `KT-${String(n).padStart(6, '0')}`;
}

function byVisit(a: { openedAt: number; windowId: string }, b: { openedAt: number; windowId: string }) {
	return a.openedAt - b.openedAt || (a.windowId < b.windowId ? -1 : a.windowId > b.windowId ? 1 : 0);
}
