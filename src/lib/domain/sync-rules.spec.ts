import { describe, expect, it } from 'vitest';
import {
	ACCEPTED,
	clerkActiveAt,
	dayCloseOutcome,
	signatureOutcome,
	windowCloseOutcome,
	windowOpenOutcome,
	type ClerkFacts,
	type DeviceFacts,
	type SignatureFacts,
	type WindowFacts,
	type WindowOpenFacts
} from './sync-rules';

const MINUTE = 60_000;
const DAY = 86_400_000;
// 28.11.2026 12:00 in Riga (UTC+2 in winter).
const NOON = Date.UTC(2026, 10, 28, 10, 0);
const OFFICE = 'office-riga';
const device: DeviceFacts = { signing: true, officeId: OFFICE, enrolledAt: Date.UTC(2026, 9, 1) };
const library: DeviceFacts = { ...device, signing: false };
// Assigned from 1 October, until 1 December.
const clerk: ClerkFacts = {
	role: 'clerk',
	deactivatedAt: null,
	assignments: [{ activeFrom: Date.UTC(2026, 9, 1), activeUntil: Date.UTC(2026, 11, 1) }]
};

const rejected = (reason: string) => ({ state: 'rejected', reason });

describe('clerkActiveAt', () => {
	it('a clerk inside an assignment to the office, from inclusive, until exclusive', () => {
		expect(clerkActiveAt(clerk, NOON)).toBe(true);
		expect(clerkActiveAt(clerk, Date.UTC(2026, 9, 1))).toBe(true);
		expect(clerkActiveAt(clerk, Date.UTC(2026, 11, 1))).toBe(false);
		expect(clerkActiveAt(clerk, Date.UTC(2026, 9, 1) - 1)).toBe(false);
	});
	it('an open-ended assignment', () => {
		expect(clerkActiveAt({ ...clerk, assignments: [{ activeFrom: 0, activeUntil: null }] }, NOON + 1000 * DAY)).toBe(true);
	});
	it('nobody, another role, deactivated from that instant on, or no assignment here', () => {
		expect(clerkActiveAt(undefined, NOON)).toBe(false);
		expect(clerkActiveAt({ ...clerk, role: 'admin' }, NOON)).toBe(false);
		expect(clerkActiveAt({ ...clerk, deactivatedAt: NOON }, NOON)).toBe(false);
		expect(clerkActiveAt({ ...clerk, deactivatedAt: NOON + 1 }, NOON)).toBe(true);
		expect(clerkActiveAt({ ...clerk, assignments: [] }, NOON)).toBe(false);
	});
});

describe('windowOpenOutcome', () => {
	const record = { officeId: OFFICE, clerkId: 'c1', openedAt: NOON, lengthMs: 15 * MINUTE };
	const facts: WindowOpenFacts = { device, clerk, maxLengthMs: 15 * MINUTE, identityReadable: true, replayed: false };

	it('accepted: a clerk of this office, a window of the configured length, a readable identity', () => {
		expect(windowOpenOutcome(record, facts)).toEqual(ACCEPTED);
	});
	it('not_signing_device: a library PC', () => {
		expect(windowOpenOutcome(record, { ...facts, device: library })).toEqual(rejected('not_signing_device'));
	});
	it('wrong_office: the window names another office than the device is enrolled at', () => {
		expect(windowOpenOutcome({ ...record, officeId: 'office-cesis' }, facts)).toEqual(rejected('wrong_office'));
	});
	it('clerk_inactive: opened after the assignment ended', () => {
		expect(windowOpenOutcome({ ...record, openedAt: Date.UTC(2026, 11, 1) }, facts)).toEqual(rejected('clerk_inactive'));
	});
	it('window_too_long: one millisecond over the configured length; the length itself is fine', () => {
		expect(windowOpenOutcome({ ...record, lengthMs: 15 * MINUTE + 1 }, facts)).toEqual(rejected('window_too_long'));
	});
	it('identity_unreadable: the sealed identity did not open', () => {
		expect(windowOpenOutcome(record, { ...facts, identityReadable: false })).toEqual(rejected('identity_unreadable'));
	});
	it('tampered: a window id seen before, whatever else is wrong', () => {
		expect(windowOpenOutcome(record, { ...facts, replayed: true })).toEqual(rejected('tampered'));
		expect(windowOpenOutcome(record, { ...facts, replayed: true, device: library })).toEqual(rejected('tampered'));
	});
	it('the first problem wins, in the documented order', () => {
		expect(windowOpenOutcome({ ...record, officeId: 'x', lengthMs: 99 * MINUTE }, { ...facts, clerk: undefined })).toEqual(
			rejected('wrong_office')
		);
	});
});

describe('signatureOutcome', () => {
	const window: WindowFacts = {
		state: 'accepted',
		reason: 'accepted',
		openedAt: NOON,
		lengthMs: 15 * MINUTE,
		closedAt: null,
		personKey: 'pk',
		facts: { citizenship: 'LV', oldEnoughFrom: '2026-11-28', declaredMunicipality: 'riga', propertyMunicipalities: [] }
	};
	const initiative = {
		status: 'open' as const,
		opensAt: Date.UTC(2026, 10, 1),
		closesAt: Date.UTC(2026, 11, 1),
		eligibility: 'saeima' as const,
		municipality: null
	};
	const facts: SignatureFacts = { device, window, initiative, now: NOON + 20 * MINUTE, graceDays: 7 };
	const at = { signedAt: NOON + 5 * MINUTE };

	it('accepted (a candidate: the database still decides duplicates)', () => {
		expect(signatureOutcome(at, facts)).toEqual(ACCEPTED);
	});
	it('not_signing_device', () => {
		expect(signatureOutcome(at, { ...facts, device: library })).toEqual(rejected('not_signing_device'));
	});
	it('unknown_window: a window this device never sent', () => {
		expect(signatureOutcome(at, { ...facts, window: undefined })).toEqual(rejected('unknown_window'));
	});
	it("a refused window passes its own reason on to its signatures", () => {
		const refused = { ...window, state: 'rejected' as const, reason: 'clerk_inactive' as const, personKey: null, facts: null };
		expect(signatureOutcome(at, { ...facts, window: refused })).toEqual(rejected('clerk_inactive'));
	});
	it('late: the window was accepted but its identity is purged by retention', () => {
		expect(signatureOutcome(at, { ...facts, window: { ...window, personKey: null, facts: null } })).toEqual(rejected('late'));
	});
	it('window_expired: after a close, or outside [openedAt, openedAt + length] (both ends inclusive)', () => {
		expect(signatureOutcome(at, { ...facts, window: { ...window, closedAt: NOON + MINUTE } })).toEqual(rejected('window_expired'));
		expect(signatureOutcome({ signedAt: NOON - 1 }, facts)).toEqual(rejected('window_expired'));
		expect(signatureOutcome({ signedAt: NOON + 15 * MINUTE + 1 }, facts)).toEqual(rejected('window_expired'));
		expect(signatureOutcome({ signedAt: NOON }, facts)).toEqual(ACCEPTED);
		expect(signatureOutcome({ signedAt: NOON + 15 * MINUTE }, facts)).toEqual(ACCEPTED);
	});
	it('unknown_initiative', () => {
		expect(signatureOutcome(at, { ...facts, initiative: undefined })).toEqual(rejected('unknown_initiative'));
	});
	it('initiative_closed: a draft, not yet open, or signed at or after closesAt', () => {
		expect(signatureOutcome(at, { ...facts, initiative: { ...initiative, status: 'draft' } })).toEqual(rejected('initiative_closed'));
		expect(signatureOutcome(at, { ...facts, initiative: { ...initiative, opensAt: at.signedAt + 1 } })).toEqual(
			rejected('initiative_closed')
		);
		expect(signatureOutcome(at, { ...facts, initiative: { ...initiative, opensAt: at.signedAt } })).toEqual(ACCEPTED);
		expect(signatureOutcome(at, { ...facts, initiative: { ...initiative, closesAt: at.signedAt } })).toEqual(
			rejected('initiative_closed')
		);
	});
	it('an early close: a signature made before it still counts, though the status says closed', () => {
		const closedEarly = { ...initiative, status: 'closed' as const, closesAt: at.signedAt + 1 };
		expect(signatureOutcome(at, { ...facts, initiative: closedEarly, now: NOON + DAY })).toEqual(ACCEPTED);
	});
	it('late: made in time, received after closesAt + grace days; at the very end it still counts', () => {
		const closes = at.signedAt + 1;
		const i = { ...initiative, closesAt: closes };
		expect(signatureOutcome(at, { ...facts, initiative: i, now: closes + 7 * DAY })).toEqual(ACCEPTED);
		expect(signatureOutcome(at, { ...facts, initiative: i, now: closes + 7 * DAY + 1 })).toEqual(rejected('late'));
	});
	it('not_eligible: not a citizen, not yet 16 on the day signed, or not of the municipality', () => {
		const w = (f: Partial<NonNullable<WindowFacts['facts']>>) => ({ ...window, facts: { ...window.facts!, ...f } });
		expect(signatureOutcome(at, { ...facts, window: w({ citizenship: 'LV-NC' }) })).toEqual(rejected('not_eligible'));
		expect(signatureOutcome(at, { ...facts, window: w({ oldEnoughFrom: '2026-11-29' }) })).toEqual(rejected('not_eligible'));
		const municipal = { ...initiative, eligibility: 'municipal' as const, municipality: 'cesis' };
		expect(signatureOutcome(at, { ...facts, initiative: municipal })).toEqual(rejected('not_eligible'));
		expect(signatureOutcome(at, { ...facts, initiative: municipal, window: w({ propertyMunicipalities: ['cesis'] }) })).toEqual(
			ACCEPTED
		);
	});
});

describe('windowCloseOutcome', () => {
	it('accepted for a known window, however often', () => {
		expect(windowCloseOutcome({ device, windowKnown: true })).toEqual(ACCEPTED);
	});
	it('not_signing_device, unknown_window', () => {
		expect(windowCloseOutcome({ device: library, windowKnown: true })).toEqual(rejected('not_signing_device'));
		expect(windowCloseOutcome({ device, windowKnown: false })).toEqual(rejected('unknown_window'));
	});
});

describe('dayCloseOutcome', () => {
	const record = { officeId: OFFICE, clerkId: 'c1', day: '2026-11-28', at: NOON };
	const facts = { device, clerk, now: NOON + MINUTE, toleranceMs: 5 * MINUTE };

	it('accepted: a clerk of this office closes today', () => {
		expect(dayCloseOutcome(record, facts)).toEqual(ACCEPTED);
	});
	it('not_signing_device, wrong_office, clerk_inactive (at the record time)', () => {
		expect(dayCloseOutcome(record, { ...facts, device: library })).toEqual(rejected('not_signing_device'));
		expect(dayCloseOutcome({ ...record, officeId: 'x' }, facts)).toEqual(rejected('wrong_office'));
		expect(dayCloseOutcome({ ...record, at: Date.UTC(2026, 11, 1) }, facts)).toEqual(rejected('clerk_inactive'));
	});
	it('the day itself: day_not_a_date, day_in_future, day_too_old (before enrolment)', () => {
		expect(dayCloseOutcome({ ...record, day: '2026-02-30' }, facts)).toEqual(rejected('day_not_a_date'));
		expect(dayCloseOutcome({ ...record, day: '2026-11-29' }, facts)).toEqual(rejected('day_in_future'));
		expect(dayCloseOutcome({ ...record, day: '2026-09-30' }, facts)).toEqual(rejected('day_too_old'));
	});
});
