/** How far an initiative has come and where it stands in its signing period. */
import { daysBetween, rigaDateOf } from './dates';
import { signingPeriodProblem } from './may-sign';

export interface Progress {
	count: number;
	goal: number;
	/** count / goal clamped to 0..1, for progress bars. */
	ratio: number;
	/** The true percentage, floored and not capped: 12,345 of 10,000 is 123. */
	percent: number;
	reached: boolean;
}

/**
 * Floor, not round: a page must never say 100 % while a signature is still missing.
 * A goal of 0 or less counts as reached, so a misconfigured initiative shows a full bar, not NaN.
 */
export function progressOf(count: number, goal: number): Progress {
	const n = Math.max(0, count);
	if (!(goal > 0)) return { count, goal, ratio: 1, percent: 100, reached: true };
	// n * 100 is exact for integers, so the floor cannot land one short through rounding.
	const percent = Math.floor((n * 100) / goal);
	return { count, goal, ratio: Math.min(1, n / goal), percent, reached: n >= goal };
}

export const INITIATIVE_STATUSES = ['draft', 'open', 'closed', 'submitted'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export type InitiativePhase = 'upcoming' | 'open' | 'closing_soon' | 'closed';

export interface InitiativeTiming {
	status: InitiativeStatus;
	/** epoch ms, inclusive */
	opensAt: number;
	/** epoch ms, exclusive: the first instant at which signing is over */
	closesAt: number;
}

/**
 * Whole Riga calendar days from now to the last day of signing: 0 on the last day, never negative.
 * The last day is the date of the final millisecond before closesAt, so an initiative closing at
 * midnight has the day before as its last day.
 */
export function daysLeft(closesAt: number, now: number): number {
	if (now >= closesAt) return 0;
	return Math.max(0, daysBetween(rigaDateOf(now), rigaDateOf(closesAt - 1)));
}

/**
 * The phase shown to the public. Dates decide over a stale status: an 'open' initiative past its
 * close is 'closed' even before an administrator flips it. 'closing_soon' covers the last
 * closingSoonDays calendar days (with 14: from 13 days left to the last day). A draft is not yet
 * public, so it reads as 'upcoming'.
 */
export function initiativePhase(timing: InitiativeTiming, now: number, closingSoonDays = 14): InitiativePhase {
	if (timing.status === 'closed' || timing.status === 'submitted') return 'closed';
	// Where the dates stand is the signing rule's answer (may-sign.ts), never a copy of it. A
	// draft is not public yet: upcoming until its dates have passed.
	const period = signingPeriodProblem({ ...timing, status: 'open' }, now);
	if (period === 'closed') return 'closed';
	if (period || timing.status === 'draft') return 'upcoming';
	return daysLeft(timing.closesAt, now) < closingSoonDays ? 'closing_soon' : 'open';
}
