/**
 * May this initiative be signed now, by whom, through which channel (DESIGN §4, §7). The one
 * rule the public pages, the office PC (open-visit), the progress phase and the push
 * (sync-rules) all ask, so a screen and the server cannot disagree.
 *
 * - when: the signing period is [opensAt, closesAt) — inclusive open, exclusive close. The
 *   status only matters for a draft (never signable). Closing early moves closesAt to the moment
 *   of closing (initiative-status.ts `transitionEffects`), so a signature made before an early
 *   close still counts when an offline office sends it later.
 * - arrival: a signature made in time but received after closesAt + the grace period is `late`.
 *   Only the in-person channel has a grace period: an office PC may be offline for days. Online
 *   signatures are made on the server's clock, and a partner delivers at once (its API, when it
 *   is built, will say otherwise here and nowhere else).
 * - by whom: the eligibility rule (eligibility.ts) on the Riga day the signature was made.
 * - Holidays and office hours are irrelevant: they decide when an office is open, not whether an
 *   initiative may be signed.
 */
import { rigaDateOfCached } from './dates';
import { checkEligibility, type InitiativeScope, type KeptSignerFacts, type SignerFacts } from './eligibility';

export const CHANNELS = ['in_person', 'online', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that deliver signatures after the fact and so get the grace period. */
const HAS_GRACE: Record<Channel, boolean> = { in_person: true, online: false, partner: false };

export const DAY_MS = 86_400_000;

/** The facts of an initiative the rule reads: from a catalog copy or a database row alike. */
export interface SigningPeriod {
	status: 'draft' | 'open' | 'closed' | 'submitted';
	/** epoch ms, inclusive */
	opensAt: number;
	/** epoch ms, exclusive */
	closesAt: number;
}

/** Why an initiative cannot be signed at an instant. */
export type PeriodProblem = 'not_public' | 'not_yet_open' | 'closed';

/** Null when a signature made at `at` falls inside the signing period. */
export function signingPeriodProblem(i: SigningPeriod, at: number): PeriodProblem | null {
	if (i.status === 'draft') return 'not_public';
	if (at < i.opensAt) return 'not_yet_open';
	if (at >= i.closesAt) return 'closed';
	return null;
}

/** Open for signing at `at` (a page's "now"): the same answer the server gives. */
export function isSignableAt(i: SigningPeriod, at: number): boolean {
	return signingPeriodProblem(i, at) === null;
}

/** The last instant at which a signature made in time may still arrive through `channel`. */
export function lastArrival(i: SigningPeriod, channel: Channel, graceDays: number): number {
	return HAS_GRACE[channel] ? i.closesAt + graceDays * DAY_MS : i.closesAt;
}

export type SigningProblem = PeriodProblem | 'late' | 'not_eligible';

export interface SigningAttempt {
	channel: Channel;
	/** When the person signed (the device's clock for in-person). */
	signedAt: number;
	/** When the server received it; for a page's live question, the same as signedAt. */
	receivedAt: number;
	graceDays: number;
	/** Who signs: left out when only the period is asked (a public page). */
	signer?: SignerFacts | KeptSignerFacts;
}

/**
 * The whole answer, problems in a fixed order (period, then arrival, then eligibility), so the
 * reason code a record gets is stable.
 */
export function signingProblem(i: SigningPeriod & InitiativeScope, a: SigningAttempt): SigningProblem | null {
	const period = signingPeriodProblem(i, a.signedAt);
	if (period) return period;
	if (a.receivedAt > lastArrival(i, a.channel, a.graceDays)) return 'late';
	if (a.signer && !checkEligibility(i, a.signer, rigaDateOfCached(a.signedAt)).eligible) return 'not_eligible';
	return null;
}

/**
 * The initiatives `signer` may sign at `now` through `channel`: what the office PC offers when
 * it opens a visit, the same question the push asks of each signature.
 */
export function signableBy<I extends SigningPeriod & InitiativeScope>(
	initiatives: readonly I[],
	signer: SignerFacts | KeptSignerFacts,
	now: number,
	channel: Channel
): I[] {
	return initiatives.filter(
		(i) => signingProblem(i, { channel, signedAt: now, receivedAt: now, graceDays: 0, signer }) === null
	);
}
