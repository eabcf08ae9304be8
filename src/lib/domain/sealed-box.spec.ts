import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import {
	SEALED_BOX_ALG,
	generateSealingKeyPair,
	importOpeningKey,
	open,
	seal,
	type SealedBox,
	type SealingKey
} from './sealed-box';
import { sealedBox } from './sealed-box.schema';

const identity = {
	givenName: 'Jānis',
	surname: 'Bērziņš',
	personalCode: '16117519997',
	birthDate: '1975-11-16',
	documentType: 'passport',
	documentNumber: 'LV1234567',
	citizenship: 'LV',
	declaredMunicipality: 'riga',
	propertyMunicipalities: ['cesu-novads'],
	qcPhone: '+37126123456',
	qcConsent: true
};

async function serverKeys(kid = 'server-2026-01') {
	const pair = await generateSealingKeyPair();
	const sealingKey: SealingKey = { kid, publicKey: pair.publicKey };
	return { sealingKey, openingKey: await importOpeningKey(pair.privateKey), pair };
}

/** Flips the low bit of byte `index` (negative counts from the end) of a base64url field. */
function flipByte(text: string, index: number): string {
	const bytes = fromBase64Url(text);
	const i = index < 0 ? bytes.length + index : index;
	bytes[i] ^= 0x01;
	return toBase64Url(bytes);
}

describe('seal and open', () => {
	it('round-trips a value, non-ASCII text included', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = await seal(identity, sealingKey);
		expect(await open(box, openingKey)).toEqual(identity);
	});

	it('produces a box the schema accepts, naming the algorithm and the server key', async () => {
		const { sealingKey } = await serverKeys('server-2026-01');
		const box = await seal(identity, sealingKey);
		expect(sealedBox.parse(box)).toEqual(box);
		expect(box.alg).toBe(SEALED_BOX_ALG);
		expect(box.kid).toBe('server-2026-01');
		expect(box.epk.kty).toBe('EC');
		expect(box.epk.crv).toBe('P-256');
		expect(fromBase64Url(box.iv)).toHaveLength(12);
		expect(box.epk).not.toHaveProperty('d');
	});

	it('keeps nothing of the plaintext readable in the box', async () => {
		const { sealingKey } = await serverKeys();
		const text = JSON.stringify(await seal(identity, sealingKey));
		for (const secret of ['Jānis', 'Bērziņš', '16117519997', 'LV1234567', '+37126123456']) {
			expect(text).not.toContain(secret);
		}
	});

	it('uses a fresh ephemeral key and IV every time', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const a = await seal(identity, sealingKey);
		const b = await seal(identity, sealingKey);
		expect(a.epk.x).not.toBe(b.epk.x);
		expect(a.iv).not.toBe(b.iv);
		expect(a.ct).not.toBe(b.ct);
		expect(await open(a, openingKey)).toEqual(await open(b, openingKey));
	});

	it('seals the ciphertext of canonical JSON plus a 16-byte tag', async () => {
		const { sealingKey } = await serverKeys();
		const value = { b: 1, a: 'ā' };
		const box = await seal(value, sealingKey);
		// '{"a":"ā","b":1}' is 16 bytes in UTF-8 (ā takes two); AES-GCM adds a 16-byte tag.
		expect(fromBase64Url(box.ct)).toHaveLength(16 + 16);
	});

	it('follows the documented scheme: ECDH P-256, HKDF-SHA-256 (salt kid), AES-256-GCM over canonical JSON', async () => {
		// An independent opener written with node:crypto, so the wire format is pinned, not just the round trip.
		const { pair, sealingKey } = await serverKeys('server-2026-01');
		const box = await seal({ b: 1, a: 'ā' }, sealingKey);
		const secret = diffieHellman({
			privateKey: createPrivateKey({ key: pair.privateKey as never, format: 'jwk' }),
			publicKey: createPublicKey({ key: box.epk as never, format: 'jwk' })
		});
		const key = Buffer.from(hkdfSync('sha256', secret, 'server-2026-01', 'klatiene identity v1', 32));
		const sealed = fromBase64Url(box.ct);
		const decipher = createDecipheriv('aes-256-gcm', key, fromBase64Url(box.iv));
		decipher.setAuthTag(sealed.subarray(sealed.length - 16));
		const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
		expect(plain.toString('utf8')).toBe('{"a":"ā","b":1}');
	});

	it('survives a JSON round trip of the box', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = sealedBox.parse(JSON.parse(JSON.stringify(await seal(identity, sealingKey))));
		expect(await open(box, openingKey)).toEqual(identity);
	});
});

describe('open refuses', () => {
	it('a ciphertext with any changed byte', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = await seal(identity, sealingKey);
		const length = fromBase64Url(box.ct).length;
		for (const index of [0, Math.floor(length / 2), length - 17, length - 1]) {
			const altered: SealedBox = { ...box, ct: flipByte(box.ct, index) };
			await expect(open(altered, openingKey), `byte ${index}`).rejects.toThrow();
		}
		expect(await open(box, openingKey)).toEqual(identity);
	});

	it('a truncated ciphertext', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = await seal(identity, sealingKey);
		const bytes = fromBase64Url(box.ct);
		await expect(open({ ...box, ct: toBase64Url(bytes.slice(0, -1)) }, openingKey)).rejects.toThrow();
	});

	it('a changed IV', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = await seal(identity, sealingKey);
		await expect(open({ ...box, iv: flipByte(box.iv, 0) }, openingKey)).rejects.toThrow();
	});

	it('a box sealed to a different server key', async () => {
		const mine = await serverKeys('server-2026-01');
		const theirs = await serverKeys('server-2026-01');
		const box = await seal(identity, theirs.sealingKey);
		await expect(open(box, mine.openingKey)).rejects.toThrow();
		expect(await open(box, theirs.openingKey)).toEqual(identity);
	});

	it('a box whose kid was changed', async () => {
		const { sealingKey, openingKey } = await serverKeys('server-2026-01');
		const box = await seal(identity, sealingKey);
		await expect(open({ ...box, kid: 'server-2026-02' }, openingKey)).rejects.toThrow();
	});

	it('a box whose ephemeral key was swapped for another box’s', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const a = await seal(identity, sealingKey);
		const b = await seal(identity, sealingKey);
		await expect(open({ ...a, epk: b.epk }, openingKey)).rejects.toThrow();
	});

	it('a box whose ephemeral key is not a point on the curve', async () => {
		const { sealingKey, openingKey } = await serverKeys();
		const box = await seal(identity, sealingKey);
		await expect(open({ ...box, epk: { ...box.epk, x: flipByte(box.epk.x, -1) } }, openingKey)).rejects.toThrow();
	});
});

describe('server keys', () => {
	it('are P-256 ECDH keys exported as JWK, the public one without the private part', async () => {
		const { publicKey, privateKey } = await generateSealingKeyPair();
		expect(publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(publicKey).not.toHaveProperty('d');
		expect(privateKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(typeof privateKey.d).toBe('string');
	});

	it('import the opening key as non-extractable, for key agreement only', async () => {
		const { privateKey } = await generateSealingKeyPair();
		const key = await importOpeningKey(privateKey);
		expect(key.type).toBe('private');
		expect(key.extractable).toBe(false);
		expect(key.usages).toEqual(['deriveBits']);
	});

	it('refuse a public key as the opening key', async () => {
		const { publicKey } = await generateSealingKeyPair();
		await expect(importOpeningKey(publicKey)).rejects.toThrow();
	});
});
