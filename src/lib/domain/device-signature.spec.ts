import { describe, it, expect } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import {
	exportDevicePublicKey,
	generateDeviceKeyPair,
	isDevicePublicKey,
	pullSigningText,
	pushSigningText,
	signPull,
	signPush,
	signText,
	verifyText
} from './device-signature';

const LAST_HASH = '3f'.repeat(32);
const TEXT = pushSigningText({ protocol: 2, deviceId: 'd1', deviceTime: 1_700_000_000_000, hashes: [LAST_HASH] });

async function device() {
	const pair = await generateDeviceKeyPair(true);
	return { pair, publicKey: await exportDevicePublicKey(pair.publicKey) };
}

describe('signText and verifyText', () => {
	it('verify a signature with the device public key', async () => {
		const { pair, publicKey } = await device();
		const signature = await signText(pair.privateKey, TEXT);
		expect(await verifyText(publicKey, TEXT, signature)).toBe(true);
	});

	it('give a 64-byte raw (r ‖ s) signature in base64url', async () => {
		const { pair } = await device();
		const signature = await signText(pair.privateKey, TEXT);
		expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(fromBase64Url(signature)).toHaveLength(64);
	});

	it('sign with fresh randomness, and every signature verifies', async () => {
		const { pair, publicKey } = await device();
		const a = await signText(pair.privateKey, TEXT);
		const b = await signText(pair.privateKey, TEXT);
		expect(a).not.toBe(b);
		expect(await verifyText(publicKey, TEXT, a)).toBe(true);
		expect(await verifyText(publicKey, TEXT, b)).toBe(true);
	});

	it('reject the signature under another device key', async () => {
		const signer = await device();
		const other = await device();
		const signature = await signText(signer.pair.privateKey, TEXT);
		expect(await verifyText(other.publicKey, TEXT, signature)).toBe(false);
	});

	it('reject the signature over a changed text', async () => {
		const { pair, publicKey } = await device();
		const signature = await signText(pair.privateKey, TEXT);
		expect(await verifyText(publicKey, TEXT.replace('3f', '3e'), signature)).toBe(false);
		expect(await verifyText(publicKey, TEXT.toUpperCase(), signature)).toBe(false);
		expect(await verifyText(publicKey, TEXT.slice(0, -1), signature)).toBe(false);
	});

	it('reject a signature with a changed byte', async () => {
		const { pair, publicKey } = await device();
		const bytes = fromBase64Url(await signText(pair.privateKey, TEXT));
		bytes[10] ^= 0x01;
		expect(await verifyText(publicKey, TEXT, toBase64Url(bytes))).toBe(false);
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
		expect(await verifyText(publicKey, TEXT, signature)).toBe(false);
	});

	it('return false, never throw, for a malformed public key', async () => {
		const { pair, publicKey } = await device();
		const signature = await signText(pair.privateKey, TEXT);
		expect(await verifyText({ ...publicKey, x: 'AAAA' }, TEXT, signature)).toBe(false);
		expect(await verifyText({ ...publicKey, crv: 'P-384' }, TEXT, signature)).toBe(false);
		expect(await verifyText({}, TEXT, signature)).toBe(false);
	});
});

describe('pushSigningText: what a push signature covers', () => {
	const H1 = 'a1'.repeat(32);
	const H2 = 'b2'.repeat(32);
	const base = { protocol: 2, deviceId: '0190a1b2-0000-7000-8000-000000000001', deviceTime: 1_764_324_000_000, hashes: [H1, H2] };

	it('is the JCS text of purpose, protocol, device id, device time and every record hash in order', () => {
		expect(pushSigningText(base)).toBe(
			`{"deviceId":"0190a1b2-0000-7000-8000-000000000001","deviceTime":1764324000000,"protocol":2,"purpose":"klatiene/sync.push","records":["${H1}","${H2}"]}`
		);
	});

	it.each([
		['another device time', { ...base, deviceTime: base.deviceTime + 1 }],
		['another device', { ...base, deviceId: '0190a1b2-0000-7000-8000-000000000002' }],
		['another protocol version', { ...base, protocol: 1 }],
		['a record appended', { ...base, hashes: [H1, H2, '0'.repeat(64)] }],
		['a record dropped', { ...base, hashes: [H1] }],
		['the records reordered', { ...base, hashes: [H2, H1] }]
	])('a signature over an envelope does not verify for %s', async (_label, changed) => {
		const { pair, publicKey } = await device();
		const signature = await signPush(pair.privateKey, base);
		expect(await verifyText(publicKey, pushSigningText(base), signature)).toBe(true);
		expect(await verifyText(publicKey, pushSigningText(changed), signature)).toBe(false);
	});
});

describe('pullSigningText: what a pull signature covers', () => {
	const pull = { protocol: 2, deviceId: 'd1', deviceTime: 1_764_324_000_000, sinceVersion: 7 };

	it('is the JCS text of purpose, protocol, device id, device time and catalog version', () => {
		expect(pullSigningText(pull)).toBe('{"deviceId":"d1","deviceTime":1764324000000,"protocol":2,"purpose":"klatiene/sync.pull","sinceVersion":7}');
	});

	it('a pull signature never verifies as a push signature, nor the reverse', async () => {
		const { pair, publicKey } = await device();
		const pullSignature = await signPull(pair.privateKey, pull);
		expect(await verifyText(publicKey, pullSigningText(pull), pullSignature)).toBe(true);
		const asPush = { protocol: 2, deviceId: 'd1', deviceTime: pull.deviceTime, hashes: [] };
		expect(await verifyText(publicKey, pushSigningText(asPush), pullSignature)).toBe(false);
		const pushSignature = await signPush(pair.privateKey, asPush);
		expect(await verifyText(publicKey, pullSigningText(pull), pushSignature)).toBe(false);
	});

	it('another device time or catalog version does not verify', async () => {
		const { pair, publicKey } = await device();
		const signature = await signPull(pair.privateKey, pull);
		expect(await verifyText(publicKey, pullSigningText({ ...pull, deviceTime: pull.deviceTime + 60_000 }), signature)).toBe(false);
		expect(await verifyText(publicKey, pullSigningText({ ...pull, sinceVersion: 0 }), signature)).toBe(false);
	});

	it('a practice-visit total (issue 19) is in the text only when reported, and is covered by the signature', async () => {
		expect(pullSigningText({ ...pull, practiceVisits: 3 })).toBe(
			'{"deviceId":"d1","deviceTime":1764324000000,"practiceVisits":3,"protocol":2,"purpose":"klatiene/sync.pull","sinceVersion":7}'
		);
		expect(pullSigningText({ ...pull, practiceVisits: undefined })).toBe(pullSigningText(pull));
		const { pair, publicKey } = await device();
		const signature = await signPull(pair.privateKey, { ...pull, practiceVisits: 3 });
		expect(await verifyText(publicKey, pullSigningText({ ...pull, practiceVisits: 4 }), signature)).toBe(false);
		expect(await verifyText(publicKey, pullSigningText(pull), signature)).toBe(false);
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
		const signature = await signText(pair.privateKey, TEXT);
		expect(await verifyText(publicKey, TEXT, signature)).toBe(true);
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
