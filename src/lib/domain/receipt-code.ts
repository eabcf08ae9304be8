/**
 * Receipt codes: what a citizen takes home to check their signatures at /receipt. 15 random
 * Crockford base-32 characters (75 bits, unguessable under rate limiting) plus one check
 * character, shown in four groups of four to read aloud over the phone. Crockford's alphabet
 * has no I, L, O or U, and reading accepts the usual confusions (O→0, I/L→1).
 */
import { sha256Hex, utf8 } from './bytes';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 15;

function checkChar(data: string): string {
	let sum = 0;
	for (let i = 0; i < data.length; i++) sum = (sum * 7 + ALPHABET.indexOf(data[i]) * (i + 1)) % 32;
	return ALPHABET[sum];
}

export function generateReceiptCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
	const bytes = random(DATA_LENGTH);
	let data = '';
	for (const b of bytes) data += ALPHABET[b & 31];
	return formatReceiptCode(data + checkChar(data));
}

export function formatReceiptCode(normalized: string): string {
	return normalized.match(/.{1,4}/g)!.join('-');
}

export type ReceiptCodeProblem = 'empty' | 'length' | 'characters' | 'check';

/** Normalizes what a person typed; returns the 16 characters or why it cannot be a code. */
export function parseReceiptCode(input: string): { ok: true; code: string } | { ok: false; problem: ReceiptCodeProblem } {
	const cleaned = input
		.toUpperCase()
		.replace(/[\s\-–—.]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (!cleaned) return { ok: false, problem: 'empty' };
	if ([...cleaned].some((c) => !ALPHABET.includes(c))) return { ok: false, problem: 'characters' };
	if (cleaned.length !== DATA_LENGTH + 1) return { ok: false, problem: 'length' };
	if (checkChar(cleaned.slice(0, DATA_LENGTH)) !== cleaned[DATA_LENGTH]) return { ok: false, problem: 'check' };
	return { ok: true, code: cleaned };
}

/** What the server stores and looks codes up by: it never keeps the code itself. */
export function receiptCodeHash(normalizedCode: string): Promise<string> {
	return sha256Hex(utf8(`klatiene-receipt:${normalizedCode}`));
}
