import { describe, expect, it } from 'vitest';
import { batchVerdict, type ChainLink } from './push-batch';

// A chain a → b → c → d: seq n has hash h<n> and points at h<n-1>.
const link = (seq: number, hash = `h${seq}`): ChainLink => ({ seq, hash, prevHash: `h${seq - 1}` });
const stored = (upTo: number) => (seq: number) => (seq <= upTo ? `h${seq}` : undefined);
const head = (lastSeq: number) => ({ lastSeq, lastHash: `h${lastSeq}` });
const verdict = (records: ChainLink[], lastSeq: number, held = stored(lastSeq)) => batchVerdict(records, head(lastSeq), held).verdict;

describe('batchVerdict', () => {
	it('apply: the first push of a device, and a push that continues the stored head', () => {
		expect(verdict([link(1), link(2)], 0)).toBe('apply');
		expect(verdict([link(3), link(4)], 2)).toBe('apply');
	});
	it('apply with old records resent first: they are split off and answered from storage', () => {
		const r = batchVerdict([link(2), link(3), link(4)], head(3), stored(3));
		expect(r.verdict).toBe('apply');
		expect(r.old.map((x) => x.seq)).toEqual([2, 3]);
		expect(r.fresh.map((x) => x.seq)).toEqual([4]);
	});
	it('replay: nothing after lastSeq, everything held with the same hash', () => {
		expect(verdict([link(1), link(2)], 2)).toBe('replay');
	});
	it('gap: the new records start after lastSeq + 1', () => {
		expect(verdict([link(4), link(5)], 2)).toBe('gap');
	});
	it('tampered: an old seq held with another hash, or not held at all', () => {
		expect(verdict([link(2, 'other')], 2)).toBe('tampered');
		expect(verdict([link(2)], 2, () => undefined)).toBe('tampered');
	});
	it('tampered: the first new record does not chain onto the stored head (a fork)', () => {
		expect(verdict([{ seq: 3, hash: 'h3', prevHash: 'not-h2' }], 2)).toBe('tampered');
	});
	it('tampered wins over gap and replay', () => {
		expect(verdict([link(1, 'other'), link(5)], 2)).toBe('tampered');
	});
});
