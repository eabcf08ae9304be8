import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson (RFC 8785)', () => {
	it('sorts keys by UTF-16 code units and drops insignificant whitespace', () => {
		expect(canonicalJson({ b: 1, a: { d: true, c: null } })).toBe('{"a":{"c":null,"d":true},"b":1}');
	});
	it('writes numbers the ECMAScript way', () => {
		expect(canonicalJson([1.0, 1e21, 0.000001, -0])).toBe('[1,1e+21,0.000001,0]');
	});
	it('keeps non-ASCII text as UTF-8, escaping only what JSON requires', () => {
		expect(canonicalJson({ vārds: 'Ķekava "\n' })).toBe('{"vārds":"Ķekava \\"\\n"}');
	});
	it('is the same for objects built in a different key order', () => {
		expect(canonicalJson({ seq: 2, id: 'x', payload: { z: 1, a: 2 } })).toBe(
			canonicalJson({ payload: { a: 2, z: 1 }, id: 'x', seq: 2 })
		);
	});
});
