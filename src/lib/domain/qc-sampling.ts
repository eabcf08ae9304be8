/**
 * Quality-control sampling (DESIGN §6): which accepted in-person visits get a verification call.
 *
 * Every accepted visit (a signing window with at least one accepted signature) enters the
 * sampling frame once, as it is reconciled. Its **score** is a keyed hash of its window id:
 *
 *     score = first 32 bits of HMAC-SHA-256(sampling secret, "klatiene-qc-sample:" + windowId)
 *
 * and it is selected when `score < rate × 2³²`. So:
 *
 * - **reproducible**: the server, holding the secret, can recompute every decision from the
 *   window id and the rate stored with the frame row;
 * - **unpredictable to a clerk**: without the secret a window id (made on the office PC) tells
 *   nothing about its score, and the clerk cannot steer a visit in or out of the sample;
 * - **one score, several rates**: a raised rate (after a denial), a flagged visit or a full
 *   review only ever raises the rate a visit is compared with, so a visit selected at a lower
 *   rate stays selected at a higher one, and the sample at 10 % is a subset of the one at 30 %.
 *
 * **Visits without a consented phone number** are decided exactly like the others: the score
 * does not look at the phone, and a selected visit without a phone is recorded as "selected,
 * not callable" and is **not replaced** by another visit. Why this keeps the sample fair:
 *
 * - consent is asked by the clerk, so it could be steered: if phone-less visits were skipped
 *   before drawing, or replaced by the clerk's next callable visit, a clerk's callable visits
 *   would be called more often the fewer phones the clerk records, and the per-clerk numbers
 *   would no longer be comparable;
 * - with selection independent of consent, each callable visit of every clerk has the same
 *   chance (the rate) of a call, so denied/completed calls estimate the error rate of each
 *   clerk's callable visits without bias, and clerks can be compared;
 * - what cannot be verified by phone is shown, not hidden: the dashboard counts "selected, not
 *   callable" visits per office and clerk, so a low consent share is itself visible;
 * - the per-clerk monthly minimum picks among callable visits only (a call needs a number).
 */

/** Scores are 32-bit unsigned integers: 0 … 2³² − 1. */
export const SCORE_SPACE = 2 ** 32;

/** Selection reasons, weakest first: the reason stored is the lowest rate that selects. */
export type SelectionReason = 'rate' | 'raised_rate' | 'flagged' | 'full_review' | 'clerk_minimum';

/** What the frame needs to decide one visit. */
export interface SamplingRates {
	/** The base rate, QC_SAMPLE_RATE (0.05 … 0.20, default 0.10). */
	base: number;
	/** The rate for a clerk or office after a denial (QC_RAISED_RATE). */
	raised: number;
	/** The rate for a visit with an anomaly flag (QC_FLAGGED_RATE). */
	flagged: number;
}

export interface VisitCircumstances {
	/** The clerk or the office has a raised rate now. */
	raised: boolean;
	/** The visit has an anomaly flag (outside hours, short window, shared phone, …). */
	flagged: boolean;
	/** The clerk or the office is under full review: every visit is selected. */
	fullReview: boolean;
}

export interface Selection {
	selected: boolean;
	/** The rate the score was compared with, in parts per million (stored with the row). */
	ratePpm: number;
	reason: SelectionReason | null;
}

export function samplingMessage(windowId: string): string {
	return `klatiene-qc-sample:${windowId}`;
}

/** The score from an HMAC-SHA-256 digest: its first four bytes, big-endian. */
export function scoreFromDigest(digest: Uint8Array): number {
	if (digest.length < 4) throw new RangeError('digest too short');
	return ((digest[0] << 24) >>> 0) + (digest[1] << 16) + (digest[2] << 8) + digest[3];
}

/** The score of a window id with WebCrypto (browser or Node); the server uses node:crypto. */
export async function sampleScore(secret: string, windowId: string): Promise<number> {
	const enc = new TextEncoder();
	const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
	const mac = await crypto.subtle.sign('HMAC', key, enc.encode(samplingMessage(windowId)));
	return scoreFromDigest(new Uint8Array(mac));
}

export function toPpm(rate: number): number {
	return Math.round(Math.min(1, Math.max(0, rate)) * 1_000_000);
}

/** True when a score is selected at a rate given in parts per million. */
export function selectedAt(score: number, ratePpm: number): boolean {
	// score / 2³² < ppm / 10⁶, in integers (both sides stay below 2⁵³).
	return score * 1_000_000 < ratePpm * SCORE_SPACE;
}

/** Decides one visit: the highest applicable rate, and the weakest reason that selects it. */
export function decideSelection(score: number, rates: SamplingRates, c: VisitCircumstances): Selection {
	const steps: [SelectionReason, number, boolean][] = [
		['rate', toPpm(rates.base), true],
		['raised_rate', toPpm(Math.max(rates.base, rates.raised)), c.raised],
		['flagged', toPpm(Math.max(rates.base, rates.flagged)), c.flagged],
		['full_review', 1_000_000, c.fullReview]
	];
	let ratePpm = 0;
	let reason: SelectionReason | null = null;
	for (const [name, ppm, applies] of steps) {
		if (!applies) continue;
		ratePpm = Math.max(ratePpm, ppm);
		if (reason === null && selectedAt(score, ppm)) reason = name;
	}
	return { selected: reason !== null, ratePpm, reason };
}

/** A frame row as the monthly minimum sees it. */
export interface FrameVisit {
	windowId: string;
	clerkId: string;
	/** 'YYYY-MM' in Riga. */
	month: string;
	score: number;
	callable: boolean;
	selected: boolean;
}

/**
 * At least one call per clerk per month: for each clerk and each **ended** month (the month is
 * decided only once it is over, so a clerk cannot know that "the first visit of the month is
 * always called") that has callable visits but no selected callable one, the callable visit
 * with the lowest score is picked. Returns the window ids to select.
 */
export function monthlyMinimumPicks(visits: readonly FrameVisit[], currentMonth: string): string[] {
	const groups = new Map<string, { covered: boolean; best: FrameVisit | null }>();
	for (const v of visits) {
		if (v.month >= currentMonth || !v.callable) continue;
		const key = `${v.clerkId}\u0000${v.month}`;
		const g = groups.get(key) ?? { covered: false, best: null };
		if (v.selected) g.covered = true;
		if (!g.best || v.score < g.best.score || (v.score === g.best.score && v.windowId < g.best.windowId)) g.best = v;
		groups.set(key, g);
	}
	const picks: string[] = [];
	for (const g of groups.values()) if (!g.covered && g.best) picks.push(g.best.windowId);
	return picks.sort();
}

/** 'YYYY-MM' of a Riga calendar date 'YYYY-MM-DD'. */
export function monthOf(isoDate: string): string {
	return isoDate.slice(0, 7);
}
