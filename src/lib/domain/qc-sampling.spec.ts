import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	decideSelection,
	monthlyMinimumPicks,
	sampleScore,
	samplingMessage,
	SCORE_SPACE,
	scoreFromDigest,
	selectedAt,
	toPpm,
	type FrameVisit
} from './qc-sampling';

/** A small deterministic PRNG (mulberry32), so the synthetic visits are the same on every run. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** UUIDv7-shaped window ids, as office PCs make them. */
function syntheticIds(n: number, seed = 1): string[] {
	const rnd = prng(seed);
	const hex = (k: number) => Array.from({ length: k }, () => Math.floor(rnd() * 16).toString(16)).join('');
	const t0 = Date.UTC(2026, 0, 1);
	return Array.from({ length: n }, (_, i) => {
		const ms = (t0 + i * 137_000).toString(16).padStart(12, '0');
		return `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex(3)}-${'89ab'[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
	});
}

const SECRET = 'a-sampling-secret-of-at-least-32-characters';
const score = (secret: string, id: string) => scoreFromDigest(createHmac('sha256', secret).update(samplingMessage(id)).digest());
const RATES = { base: 0.1, raised: 0.3, flagged: 0.5 };
const NONE = { raised: false, flagged: false, fullReview: false };

describe('QC sampling: keyed hash of the window id against a rate', () => {
	const ids = syntheticIds(10_000);

	it('node:crypto and WebCrypto give the same score (the server and any checker agree)', async () => {
		for (const id of ids.slice(0, 50)) expect(await sampleScore(SECRET, id)).toBe(score(SECRET, id));
	});

	it.each([0.05, 0.1, 0.2])('selects %s of 10,000 synthetic visits within 4 standard deviations', (rate) => {
		const n = ids.length;
		const selected = ids.filter((id) => decideSelection(score(SECRET, id), { ...RATES, base: rate }, NONE).selected).length;
		const sd = Math.sqrt(n * rate * (1 - rate));
		expect(Math.abs(selected - n * rate)).toBeLessThan(4 * sd);
	});

	it('scores are uniform: each tenth of the score range holds 10 % ± 4σ of the visits', () => {
		const bins = new Array(10).fill(0);
		for (const id of ids) bins[Math.floor((score(SECRET, id) / SCORE_SPACE) * 10)]++;
		const sd = Math.sqrt(10_000 * 0.1 * 0.9);
		for (const b of bins) expect(Math.abs(b - 1000)).toBeLessThan(4 * sd);
	});

	it('the same secret gives the same sample; another secret another sample', () => {
		const pick = (secret: string) => ids.filter((id) => decideSelection(score(secret, id), RATES, NONE).selected);
		expect(pick(SECRET)).toEqual(pick(SECRET));
		const other = new Set(pick('another-secret-of-at-least-32-characters!!'));
		const overlap = pick(SECRET).filter((id) => other.has(id)).length;
		// Independent 10 % samples share about 1 % of the frame: 100 ± 4σ, far from the 1,000 of the same sample.
		expect(overlap).toBeLessThan(100 + 4 * Math.sqrt(10_000 * 0.01 * 0.99));
	});

	it('visits without a phone are selected at the same rate as visits with one (selection ignores consent)', () => {
		const rnd = prng(7);
		let callable = 0;
		let callableSelected = 0;
		let other = 0;
		let otherSelected = 0;
		for (const id of ids) {
			const hasPhone = rnd() < 0.6;
			const sel = decideSelection(score(SECRET, id), RATES, NONE).selected;
			if (hasPhone) {
				callable++;
				if (sel) callableSelected++;
			} else {
				other++;
				if (sel) otherSelected++;
			}
		}
		for (const [k, n] of [
			[callableSelected, callable],
			[otherSelected, other]
		]) {
			expect(Math.abs(k - n * 0.1)).toBeLessThan(4 * Math.sqrt(n * 0.1 * 0.9));
		}
	});

	it('raised and flagged rates only add visits: the 10 % sample is inside the 30 % and 50 % ones', () => {
		let base = 0;
		let raised = 0;
		let flagged = 0;
		for (const id of ids) {
			const s = score(SECRET, id);
			const b = decideSelection(s, RATES, NONE);
			const r = decideSelection(s, RATES, { ...NONE, raised: true });
			const f = decideSelection(s, RATES, { ...NONE, flagged: true });
			if (b.selected) {
				base++;
				expect(r).toMatchObject({ selected: true, reason: 'rate' });
				expect(f).toMatchObject({ selected: true, reason: 'rate' });
			}
			if (r.selected) raised++;
			if (f.selected) flagged++;
			expect(r.ratePpm).toBe(300_000);
			expect(f.ratePpm).toBe(500_000);
		}
		expect(raised / ids.length).toBeGreaterThan(0.27);
		expect(raised / ids.length).toBeLessThan(0.33);
		expect(flagged / ids.length).toBeGreaterThan(0.47);
		expect(flagged / ids.length).toBeLessThan(0.53);
		expect(base).toBeLessThan(raised);
	});

	it('full review selects every visit; the reason names the weakest rule that selects', () => {
		const s = Math.floor(0.95 * SCORE_SPACE);
		expect(decideSelection(s, RATES, { raised: true, flagged: true, fullReview: true })).toEqual({
			selected: true,
			ratePpm: 1_000_000,
			reason: 'full_review'
		});
		expect(decideSelection(Math.floor(0.2 * SCORE_SPACE), RATES, { raised: true, flagged: true, fullReview: false }).reason).toBe('raised_rate');
		expect(decideSelection(Math.floor(0.4 * SCORE_SPACE), RATES, { raised: true, flagged: true, fullReview: false }).reason).toBe('flagged');
		expect(decideSelection(Math.floor(0.6 * SCORE_SPACE), RATES, { raised: true, flagged: true, fullReview: false })).toEqual({
			selected: false,
			ratePpm: 500_000,
			reason: null
		});
	});

	it('compares exactly at the edge of the rate', () => {
		const edge = (0.1 * SCORE_SPACE) | 0; // 429496729.6 → 429496729 is below, 429496730 is not
		expect(selectedAt(edge, toPpm(0.1))).toBe(true);
		expect(selectedAt(edge + 1, toPpm(0.1))).toBe(false);
		expect(selectedAt(0, 0)).toBe(false);
		expect(selectedAt(SCORE_SPACE - 1, 1_000_000)).toBe(true);
	});
});

describe('QC sampling: at least one call per clerk per month', () => {
	it('every ended clerk-month with a callable visit gets one (the lowest score), on 10,000 synthetic visits', () => {
		const rnd = prng(3);
		const ids = syntheticIds(10_000, 5);
		const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
		const visits: FrameVisit[] = ids.map((id) => {
			const s = score(SECRET, id);
			return {
				windowId: id,
				clerkId: `clerk-${Math.floor(rnd() * 600)}`,
				month: months[Math.floor(rnd() * months.length)],
				score: s,
				callable: rnd() < 0.7,
				selected: decideSelection(s, RATES, NONE).selected
			};
		});
		const current = '2026-06';
		const picks = new Set(monthlyMinimumPicks(visits, current));
		const after = visits.map((v) => ({ ...v, selected: v.selected || picks.has(v.windowId) }));
		const groups = new Map<string, FrameVisit[]>();
		for (const v of after) {
			const key = `${v.clerkId}/${v.month}`;
			groups.set(key, [...(groups.get(key) ?? []), v]);
		}
		let checked = 0;
		for (const group of groups.values()) {
			if (group[0].month >= current) {
				// The month still running is not decided yet.
				expect(group.some((v) => picks.has(v.windowId))).toBe(false);
				continue;
			}
			const callable = group.filter((v) => v.callable);
			if (!callable.length) {
				expect(group.some((v) => picks.has(v.windowId))).toBe(false);
				continue;
			}
			checked++;
			expect(callable.some((v) => v.selected)).toBe(true);
			const picked = group.filter((v) => picks.has(v.windowId));
			expect(picked.length).toBeLessThanOrEqual(1);
			if (picked.length) {
				expect(picked[0].score).toBe(Math.min(...callable.map((v) => v.score)));
				// Picked only where the rate had not already given the clerk a call.
				expect(visits.filter((v) => callable.includes(v) && v.selected)).toEqual([]);
			}
		}
		expect(checked).toBeGreaterThan(2000);
		// With 1-3 visits a month per clerk, the minimum adds many calls: far more than the rate alone.
		expect(picks.size).toBeGreaterThan(500);
	});

	it('the same frame gives the same picks, in any order', () => {
		const ids = syntheticIds(200, 9);
		const visits = ids.map((id, i) => ({ windowId: id, clerkId: `c${i % 7}`, month: '2026-02', score: score(SECRET, id), callable: i % 3 !== 0, selected: false }));
		expect(monthlyMinimumPicks(visits, '2026-03')).toEqual(monthlyMinimumPicks([...visits].reverse(), '2026-03'));
		expect(monthlyMinimumPicks(visits, '2026-03')).toHaveLength(7);
	});
});
