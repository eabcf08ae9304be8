import { describe, it, expect } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import {
	exportDevicePublicKey,
	generateDeviceKeyPair,
	isDevicePublicKey,
	signLastHash,
	verifyLastHash
} from './device-signature';

const LAST_HASH = '3f'.repeat(32);

async function device() {
	const pair = await generateDeviceKeyPair(true);
	return { pair, publicKey: await exportDevicePublicKey(pair.publicKey) };
}

describe('signLastHash and verifyLastHash', () => {
	it('verify a signature with the device public key', async () => {
		const { pair, publicKey } = await device();
		const signature = await signLastHash(pair.privateKey, LAST_HASH);
		expect(await verifyLastHash(publicKey, LAST_HASH, signature)).toBe(true);
	});

	it('give a 64-byte raw (r ‖ s) signature in base64url', async () => {
		const { pair } = await device();
		const signature = await signLastHash(pair.privateKey, LAST_HASH);
		expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(fromBase64Url(signature)).toHaveLength(64);
	});

	it('sign with fresh randomness, and every signature verifies', async () => {
		const { pair, publicKey } = await device();
		const a = await signLastHash(pair.privateKey, LAST_HASH);
		const b = await signLastHash(pair.privateKey, LAST_HASH);
		expect(a).not.toBe(b);
		expect(await verifyLastHash(publicKey, LAST_HASH, a)).toBe(true);
		expect(await verifyLastHash(publicKey, LAST_HASH, b)).toBe(true);
	});

	it('reject the signature under another device key', async () => {
		const signer = await device();
		const other = await device();
		const signature = await signLastHash(signer.pair.privateKey, LAST_HASH);
		expect(await verifyLastHash(other.publicKey, LAST_HASH, signature)).toBe(false);
	});

	it('reject the signature over a changed hash', async () => {
		const { pair, publicKey } = await device();
		const signature = await signLastHash(pair.privateKey, LAST_HASH);
		expect(await verifyLastHash(publicKey, '3e' + LAST_HASH.slice(2), signature)).toBe(false);
		expect(await verifyLastHash(publicKey, LAST_HASH.toUpperCase(), signature)).toBe(false);
		expect(await verifyLastHash(publicKey, LAST_HASH.slice(0, -1), signature)).toBe(false);
	});

	it('reject a signature with a changed byte', async () => {
		const { pair, publicKey } = await device();
		const bytes = fromBase64Url(await signLastHash(pair.privateKey, LAST_HASH));
		bytes[10] ^= 0x01;
		expect(await verifyLastHash(publicKey, LAST_HASH, toBase64Url(bytes))).toBe(false);
	});

	it.each([
		['an empty string', ''],
		['text that is not base64url', 'not a signature!'],
		['standard base64 with padding', 'AAAA+/=='],
		['the wrong length', toBase64Url(new Uint8Array(63).fill(7))],
		['64 zero bytes', toBase64Url(new Uint8Array(64))],
		['64 random bytes', toBase64Url(crypto.getRandomValues(new Uint8Array(64)))],
		['a DER-looking blob', toBase64Url(new Uint8Array([0x30, 0x44, 0x02, 0x20, ...new Uint8Array(66)]))]
	])('return false, never throw, for garbage: %s', async (_label, signature) => {
		const { publicKey } = await device();
		expect(await verifyLastHash(publicKey, LAST_HASH, signature)).toBe(false);
	});

	it('return false, never throw, for a malformed public key', async () => {
		const { pair, publicKey } = await device();
		const signature = await signLastHash(pair.privateKey, LAST_HASH);
		expect(await verifyLastHash({ ...publicKey, x: 'AAAA' }, LAST_HASH, signature)).toBe(false);
		expect(await verifyLastHash({ ...publicKey, crv: 'P-384' }, LAST_HASH, signature)).toBe(false);
		expect(await verifyLastHash({}, LAST_HASH, signature)).toBe(false);
	});
});

describe('device keys', () => {
	it('export only kty, crv, x and y of the public key', async () => {
		const { publicKey } = await device();
		expect(Object.keys(publicKey).sort()).toEqual(['crv', 'kty', 'x', 'y']);
		expect(publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(isDevicePublicKey(publicKey)).toBe(true);
	});

	it('keep the private key non-extractable by default, the public key still exportable', async () => {
		const pair = await generateDeviceKeyPair();
		expect(pair.privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
		const publicKey = await exportDevicePublicKey(pair.publicKey);
		const signature = await signLastHash(pair.privateKey, LAST_HASH);
		expect(await verifyLastHash(publicKey, LAST_HASH, signature)).toBe(true);
	});
});

describe('isDevicePublicKey', () => {
	it('rejects a JWK that carries the private part d', async () => {
		const pair = await generateDeviceKeyPair(true);
		const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
		expect(typeof privateJwk.d).toBe('string');
		expect(isDevicePublicKey(privateJwk)).toBe(false);
		const { publicKey } = await device();
		expect(isDevicePublicKey({ ...publicKey, d: privateJwk.d })).toBe(false);
	});

	it('rejects other curves, key types and incomplete keys', async () => {
		const { publicKey } = await device();
		expect(isDevicePublicKey({ ...publicKey, crv: 'P-384' })).toBe(false);
		expect(isDevicePublicKey({ ...publicKey, kty: 'RSA' })).toBe(false);
		expect(isDevicePublicKey({ kty: 'EC', crv: 'P-256', x: publicKey.x })).toBe(false);
		expect(isDevicePublicKey({ kty: 'EC', crv: 'P-256', x: publicKey.x, y: 42 })).toBe(false);
	});

	it('rejects values that are not objects', () => {
		for (const value of [null, undefined, '', 'EC', 0, true]) {
			expect(isDevicePublicKey(value), String(value)).toBe(false);
		}
	});
});
