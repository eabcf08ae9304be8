import { describe, expect, it } from 'vitest';
import { checkTransition, transitionEffects } from './initiative-status';
import type { InitiativeScope } from './eligibility';
import {
	CHANNELS,
	DAY_MS,
	isSignableAt,
	lastArrival,
	signableBy,
	signingPeriodProblem,
	signingProblem,
	type SigningPeriod
} from './may-sign';
import { initiativePhase } from './progress';

// Opens 01.11.2026 00:00 Riga (UTC+2), closes 01.12.2026 00:00 Riga: the last day is 30 November.
const OPENS = Date.UTC(2026, 9, 31, 22, 0);
const CLOSES = Date.UTC(2026, 10, 30, 22, 0);
const initiative: SigningPeriod & InitiativeScope = {
	status: 'open',
	opensAt: OPENS,
	closesAt: CLOSES,
	eligibility: 'saeima',
	municipality: null
};
const adult = { citizenship: 'LV', birthDate: '1975-11-16', declaredMunicipality: 'riga', propertyMunicipalities: [] };

describe('signingPeriodProblem: [opensAt, closesAt)', () => {
	it('not_yet_open one millisecond before it opens; open at the opening instant itself', () => {
		expect(signingPeriodProblem(initiative, OPENS - 1)).toBe('not_yet_open');
		expect(signingPeriodProblem(initiative, OPENS)).toBeNull();
	});
	it('open at the last millisecond; closed at the closing instant', () => {
		expect(signingPeriodProblem(initiative, CLOSES - 1)).toBeNull();
		expect(signingPeriodProblem(initiative, CLOSES)).toBe('closed');
	});
	it('not_public: a draft, even inside its dates', () => {
		expect(signingPeriodProblem({ ...initiative, status: 'draft' }, OPENS + DAY_MS)).toBe('not_public');
	});
	it('closing early moves the close to that moment: before it, signable; from it, closed', () => {
		const at = OPENS + 10 * DAY_MS;
		expect(checkTransition('open', 'closed', { now: at, closesAt: CLOSES })).toEqual({ ok: true });
		const closed = { ...initiative, status: 'closed' as const, ...transitionEffects('closed', { now: at, closesAt: CLOSES }) };
		expect(signingPeriodProblem(closed, at - 1)).toBeNull();
		expect(signingPeriodProblem(closed, at)).toBe('closed');
	});
});

describe('signingProblem: when, on arrival, and by whom', () => {
	const attempt = { channel: 'in_person' as const, signedAt: CLOSES - 1, receivedAt: CLOSES - 1, graceDays: 14, signer: adult };

	it('an in-person signature made in time may arrive until the end of the grace period, inclusive', () => {
		expect(lastArrival(initiative, 'in_person', 14)).toBe(CLOSES + 14 * DAY_MS);
		expect(signingProblem(initiative, { ...attempt, receivedAt: CLOSES + 14 * DAY_MS })).toBeNull();
		expect(signingProblem(initiative, { ...attempt, receivedAt: CLOSES + 14 * DAY_MS + 1 })).toBe('late');
	});
	it('online and partner have no grace: they arrive when they are made', () => {
		expect(lastArrival(initiative, 'online', 14)).toBe(CLOSES);
		expect(lastArrival(initiative, 'partner', 14)).toBe(CLOSES);
		expect(signingProblem(initiative, { ...attempt, channel: 'online', receivedAt: CLOSES + 1 })).toBe('late');
	});
	it('the period is checked before arrival: signed after the close is closed, not late', () => {
		expect(signingProblem(initiative, { ...attempt, signedAt: CLOSES, receivedAt: CLOSES + 100 * DAY_MS })).toBe('closed');
	});
	it('not_eligible: a non-citizen, someone not yet 16 on the day, someone outside the municipality', () => {
		expect(signingProblem(initiative, { ...attempt, signer: { ...adult, citizenship: 'LV-NC' } })).toBe('not_eligible');
		// Turns 16 on 30.11.2026, the last day: signs that day, not the day before.
		const teen = { ...adult, birthDate: '2010-11-30' };
		expect(signingProblem(initiative, { ...attempt, signer: teen })).toBeNull();
		expect(signingProblem(initiative, { ...attempt, signedAt: CLOSES - 1 - DAY_MS, receivedAt: CLOSES, signer: teen })).toBe(
			'not_eligible'
		);
		const municipal = { ...initiative, eligibility: 'municipal' as const, municipality: 'cesu-novads' };
		expect(signingProblem(municipal, attempt)).toBe('not_eligible');
	});
	it('without a signer, only when and arrival are asked (a public page)', () => {
		expect(signingProblem(initiative, { ...attempt, signer: undefined })).toBeNull();
	});
	it('the same rule for every channel', () => {
		for (const channel of CHANNELS) expect(signingProblem(initiative, { ...attempt, channel })).toBeNull();
	});
});

describe('the pages and the server agree at the boundaries', () => {
	// Each page helper answers "open now?"; the server answers for a signature made and received then.
	const instants = [OPENS - 1, OPENS, OPENS + 1, CLOSES - 1, CLOSES, CLOSES + 1];
	const server = (i: typeof initiative, t: number) =>
		signingProblem(i, { channel: 'in_person', signedAt: t, receivedAt: t, graceDays: 14, signer: adult }) === null;
	const phaseOpen = (i: typeof initiative, t: number) => ['open', 'closing_soon'].includes(initiativePhase(i, t));

	it.each(instants)('at %d: catalog, progress phase, office PC and push give one answer', (t) => {
		expect(isSignableAt(initiative, t)).toBe(server(initiative, t));
		expect(phaseOpen(initiative, t)).toBe(server(initiative, t));
		expect(signableBy([initiative], adult, t, 'in_person').length === 1).toBe(server(initiative, t));
	});
	it('after an early close, all of them say closed from that moment on', () => {
		const at = OPENS + 3 * DAY_MS;
		const closed = { ...initiative, status: 'closed' as const, ...transitionEffects('closed', { now: at, closesAt: CLOSES }) };
		for (const t of [at, at + 1, CLOSES]) {
			expect(server(closed, t)).toBe(false);
			expect(isSignableAt(closed, t)).toBe(false);
			expect(phaseOpen(closed, t)).toBe(false);
			expect(signableBy([closed], adult, t, 'in_person')).toEqual([]);
		}
		// A signature made the moment before, sent later by an offline office, still counts.
		expect(signingProblem(closed, { channel: 'in_person', signedAt: at - 1, receivedAt: at + DAY_MS, graceDays: 14, signer: adult })).toBeNull();
	});
});
