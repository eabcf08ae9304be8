import { describe, expect, it } from 'vitest';
import {
	INITIATIVE_STATUSES,
	canExport,
	checkTransition,
	editableFields,
	nextStatus,
	transitionEffects,
	type InitiativeStatus
} from './initiative-status';

const NOW = Date.UTC(2026, 10, 28, 10, 0);
const later = { now: NOW, closesAt: NOW + 86_400_000 };

describe('initiative status', () => {
	it('moves one step forward only: draft → open → closed → submitted', () => {
		expect(nextStatus('draft')).toBe('open');
		expect(nextStatus('open')).toBe('closed');
		expect(nextStatus('closed')).toBe('submitted');
		expect(nextStatus('submitted')).toBeNull();
		for (const from of INITIATIVE_STATUSES) {
			for (const to of INITIATIVE_STATUSES) {
				const allowed = nextStatus(from) === to;
				expect(checkTransition(from, to, later).ok, `${from} → ${to}`).toBe(allowed);
			}
		}
	});

	it('says why a transition is refused', () => {
		const problem = (from: InitiativeStatus, to: unknown) => {
			const r = checkTransition(from, to, later);
			return r.ok ? 'ok' : r.problem;
		};
		expect(problem('open', 'open')).toBe('same_status');
		expect(problem('closed', 'open')).toBe('backwards');
		expect(problem('open', 'draft')).toBe('backwards');
		expect(problem('draft', 'closed')).toBe('skips_step');
		expect(problem('draft', 'submitted')).toBe('skips_step');
		expect(problem('submitted', 'closed')).toBe('final');
		expect(problem('submitted', 'draft')).toBe('final');
		expect(problem('draft', 'archived')).toBe('unknown_status');
		expect(problem('draft', undefined)).toBe('unknown_status');
	});

	it('refuses to open an initiative whose collection period is over', () => {
		expect(checkTransition('draft', 'open', { now: NOW, closesAt: NOW })).toEqual({ ok: false, problem: 'ends_in_past' });
		expect(checkTransition('draft', 'open', { now: NOW, closesAt: NOW + 1 })).toEqual({ ok: true });
		// Without a clock only the order is checked.
		expect(checkTransition('draft', 'open')).toEqual({ ok: true });
	});

	it('closing early moves the close to now; submitting records when', () => {
		expect(transitionEffects('closed', later)).toEqual({ closesAt: NOW });
		expect(transitionEffects('closed', { now: NOW, closesAt: NOW - 5 })).toEqual({});
		expect(transitionEffects('submitted', later)).toEqual({ submittedAt: NOW });
		expect(transitionEffects('open', later)).toEqual({});
	});

	it('locks what decides who may sign once signing may have begun', () => {
		expect(editableFields('draft')).toMatchObject({ slug: true, scope: true, opensAt: true, closesAt: true, texts: true });
		expect(editableFields('open')).toMatchObject({ slug: false, scope: false, opensAt: false, closesAt: true, texts: true });
		expect(editableFields('closed')).toMatchObject({ scope: false, closesAt: false, goal: false, texts: true });
		expect(Object.values(editableFields('submitted')).every((v) => v === false)).toBe(true);
	});

	it('exports are made once collection has ended', () => {
		expect(INITIATIVE_STATUSES.filter(canExport)).toEqual(['closed', 'submitted']);
	});
});
