import { describe, expect, it } from 'vitest';
import { formatReceiptCode, generateReceiptCode, parseReceiptCode, receiptCodeHash } from './receipt-code';

describe('receipt codes', () => {
	it('are four groups of four Crockford characters that parse back', () => {
		for (let i = 0; i < 200; i++) {
			const code = generateReceiptCode();
			expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
			const parsed = parseReceiptCode(code);
			expect(parsed).toEqual({ ok: true, code: code.replace(/-/g, '') });
		}
	});
	it('a fixed random source gives a fixed code (worked example)', () => {
		const code = generateReceiptCode((n) => new Uint8Array(n).map((_, i) => i));
		expect(code).toBe('0123-4567-89AB-CDE' + code.slice(-1));
		expect(parseReceiptCode(code).ok).toBe(true);
	});
	it('accepts lower case, spaces and the usual confusions', () => {
		const code = generateReceiptCode((n) => new Uint8Array(n).fill(0));
		const spoken = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
		expect(parseReceiptCode(spoken)).toEqual({ ok: true, code: code.replace(/-/g, '') });
	});
	it('catches a mistyped character with the check character', () => {
		const code = generateReceiptCode((n) => new Uint8Array(n).fill(5)).replace(/-/g, '');
		const typo = (code[0] === '5' ? '6' : '5') + code.slice(1);
		expect(parseReceiptCode(typo)).toEqual({ ok: false, problem: 'check' });
	});
	it('says why other input is not a code', () => {
		expect(parseReceiptCode('')).toEqual({ ok: false, problem: 'empty' });
		expect(parseReceiptCode('ABCD-EFGH')).toEqual({ ok: false, problem: 'length' });
		expect(parseReceiptCode('ABCD-EFGH-JKMN-PQR!')).toEqual({ ok: false, problem: 'characters' });
		expect(parseReceiptCode('UUUU-UUUU-UUUU-UUUU')).toEqual({ ok: false, problem: 'characters' });
	});
	it('hashes the same code the same way and different codes differently', async () => {
		expect(await receiptCodeHash('A')).toBe(await receiptCodeHash('A'));
		expect(await receiptCodeHash('A')).not.toBe(await receiptCodeHash('B'));
		expect(formatReceiptCode('ABCDEFGH')).toBe('ABCD-EFGH');
	});
});
