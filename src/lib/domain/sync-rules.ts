/**
 * The push's rules (DESIGN §4), one pure function per record type: the record and the facts it
 * needs in, an outcome with its reason code out. server/services/sync-apply.ts only gathers the
 * facts from the database, asks these and writes what they say; the online channel and the
 * partner API will ask the same functions instead of copying them.
 *
 * Each rule checks in a fixed order and answers with the first problem, so a record's reason
 * code is stable. Deduplication (one signature per person and initiative) is not here: it is the
 * database's unique index, decided when the accepted candidates are inserted.
 */
import { dayCloseProblem } from './day-close';
import type { InitiativeScope, KeptSignerFacts } from './eligibility';
import { signingProblem, type SigningPeriod } from './may-sign';
import { isWithinWindow } from './signing-window';
import type { Reason } from './sync-protocol';

export interface Outcome {
	state: 'accepted' | 'duplicate' | 'rejected';
	reason: Reason;
}

export const ACCEPTED: Outcome = Object.freeze({ state: 'accepted', reason: 'accepted' });
export const DUPLICATE: Outcome = Object.freeze({ state: 'duplicate', reason: 'duplicate' });
export const rejected = (reason: Reason): Outcome => ({ state: 'rejected', reason });

/** The device that sent the push. */
export interface DeviceFacts {
	/** Only KAC office PCs open windows and take signatures; a library PC shows information. */
	signing: boolean;
	officeId: string;
	/** Server time of enrolment. */
	enrolledAt: number;
}

/** A staff member as the rules see them: role, deactivation and assignments to this office. */
export interface ClerkFacts {
	role: string;
	deactivatedAt: number | null;
	/** Assignments to the sending device's office: [activeFrom, activeUntil). */
	assignments: readonly { activeFrom: number; activeUntil: number | null }[];
}

/** A clerk of the office, not deactivated, and assigned there at `at`. */
export function clerkActiveAt(clerk: ClerkFacts | undefined, at: number): boolean {
	if (!clerk || clerk.role !== 'clerk') return false;
	if (clerk.deactivatedAt !== null && at >= clerk.deactivatedAt) return false;
	return clerk.assignments.some((a) => a.activeFrom <= at && (a.activeUntil === null || at < a.activeUntil));
}

// --- window.open -------------------------------------------------------------------------

export interface WindowOpenRecord {
	officeId: string;
	clerkId: string;
	openedAt: number;
	lengthMs: number;
}

export interface WindowOpenFacts {
	device: DeviceFacts;
	clerk: ClerkFacts | undefined;
	/** The configured window length (WINDOW_MINUTES) in ms. */
	maxLengthMs: number;
	/** The sealed identity opened and its facts were well-formed. */
	identityReadable: boolean;
	/** The window id was seen before (in the database or earlier in this push). */
	replayed: boolean;
}

/**
 * not_signing_device → wrong_office → clerk_inactive → window_too_long → identity_unreadable.
 * A replayed window id is `tampered` whatever else holds: a window id is made once on a device.
 */
export function windowOpenOutcome(r: WindowOpenRecord, f: WindowOpenFacts): Outcome {
	if (f.replayed) return rejected('tampered');
	if (!f.device.signing) return rejected('not_signing_device');
	if (r.officeId !== f.device.officeId) return rejected('wrong_office');
	if (!clerkActiveAt(f.clerk, r.openedAt)) return rejected('clerk_inactive');
	if (r.lengthMs > f.maxLengthMs) return rejected('window_too_long');
	if (!f.identityReadable) return rejected('identity_unreadable');
	return ACCEPTED;
}

// --- signature ---------------------------------------------------------------------------

/** The window a signature names, as stored or as opened earlier in the same push. */
export interface WindowFacts {
	state: 'accepted' | 'rejected';
	reason: Reason;
	openedAt: number;
	lengthMs: number;
	closedAt: number | null;
	/** Null once retention purged the identity (or the window was refused). */
	personKey: string | null;
	facts: KeptSignerFacts | null;
}

export interface SignatureRecord {
	signedAt: number;
}

export interface SignatureFacts {
	device: Pick<DeviceFacts, 'signing'>;
	window: WindowFacts | undefined;
	initiative: (SigningPeriod & InitiativeScope) | undefined;
	/** Server time the push is received. */
	now: number;
	graceDays: number;
}

/**
 * not_signing_device → unknown_window → the window's own refusal → late (identity purged) →
 * window_expired (closed, or outside its time) → unknown_initiative → initiative_closed →
 * late (after the grace period) → not_eligible. `accepted` here means "a candidate": the
 * database still decides duplicates.
 */
export function signatureOutcome(r: SignatureRecord, f: SignatureFacts): Outcome {
	const w = f.window;
	if (!f.device.signing) return rejected('not_signing_device');
	if (!w) return rejected('unknown_window');
	if (w.state !== 'accepted') return rejected(w.reason);
	// An accepted window without its identity was purged by retention: whatever arrives for it
	// now comes long after its visit.
	if (!w.personKey || !w.facts) return rejected('late');
	// Closing ends a window for good; and the citizen signs only inside its time.
	if (w.closedAt !== null || !isWithinWindow(r.signedAt, w.openedAt, w.lengthMs)) return rejected('window_expired');
	if (!f.initiative) return rejected('unknown_initiative');
	const problem = signingProblem(f.initiative, {
		channel: 'in_person',
		signedAt: r.signedAt,
		receivedAt: f.now,
		graceDays: f.graceDays,
		signer: w.facts
	});
	if (problem === 'late' || problem === 'not_eligible') return rejected(problem);
	if (problem) return rejected('initiative_closed');
	return ACCEPTED;
}

// --- window.close ------------------------------------------------------------------------

/**
 * not_signing_device → unknown_window. Closing twice is accepted (the first close counts), so
 * a resent close is harmless.
 */
export function windowCloseOutcome(f: { device: Pick<DeviceFacts, 'signing'>; windowKnown: boolean }): Outcome {
	if (!f.device.signing) return rejected('not_signing_device');
	if (!f.windowKnown) return rejected('unknown_window');
	return ACCEPTED;
}

// --- day.close ---------------------------------------------------------------------------

export interface DayCloseRecord {
	officeId: string;
	clerkId: string;
	day: string;
	/** The record's device time: when the clerk closed the day. */
	at: number;
}

export interface DayCloseFacts {
	device: DeviceFacts;
	clerk: ClerkFacts | undefined;
	now: number;
	toleranceMs: number;
}

/**
 * Checked like a window: not_signing_device → wrong_office → clerk_inactive (at the record's
 * device time), then the day itself (day-close.ts: day_not_a_date, day_in_future, day_too_old).
 */
export function dayCloseOutcome(r: DayCloseRecord, f: DayCloseFacts): Outcome {
	if (!f.device.signing) return rejected('not_signing_device');
	if (r.officeId !== f.device.officeId) return rejected('wrong_office');
	if (!clerkActiveAt(f.clerk, r.at)) return rejected('clerk_inactive');
	const problem = dayCloseProblem(r.day, { now: f.now, enrolledAt: f.device.enrolledAt, toleranceMs: f.toleranceMs });
	return problem ? rejected(problem) : ACCEPTED;
}
