import { describe, expect, it } from 'vitest';
import type { CatalogInitiative } from '$lib/domain/catalog-protocol';
import { isFinished, isOpenForSigning, isUpcoming } from './catalog';

const OPENS = Date.UTC(2026, 10, 1, 10);
const CLOSES = Date.UTC(2026, 11, 1, 10);
const i = { status: 'open', opensAt: OPENS, closesAt: CLOSES } as CatalogInitiative;

describe('the catalog sections follow the signing rule (domain/may-sign.ts)', () => {
	it.each([
		[OPENS - 1, 'upcoming'],
		[OPENS, 'open'],
		[CLOSES - 1, 'open'],
		[CLOSES, 'finished']
	])('at %d it is %s, and in exactly one section', (t, section) => {
		const sections = { upcoming: isUpcoming(i, t), open: isOpenForSigning(i, t), finished: isFinished(i, t) };
		expect(Object.entries(sections).filter(([, v]) => v).map(([k]) => k)).toEqual([section]);
	});
});
