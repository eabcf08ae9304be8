/**
 * Each device holds an ECDSA P-256 key made at enrollment (non-extractable in the browser).
 * A push is signed over the hash of its last record: since every record's hash covers the one
 * before it, that one signature vouches for the whole chain up to there.
 */
import { fromBase64Url, toBase64Url, utf8 } from './bytes';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function generateDeviceKeyPair(extractable = false): Promise<CryptoKeyPair> {
	return (await crypto.subtle.generateKey(ECDSA, extractable, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function exportDevicePublicKey(key: CryptoKey): Promise<JsonWebKey> {
	const jwk = await crypto.subtle.exportKey('jwk', key);
	return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

export async function signLastHash(privateKey: CryptoKey, lastHash: string): Promise<string> {
	return toBase64Url(await crypto.subtle.sign(SIGN, privateKey, utf8(lastHash)));
}

export async function verifyLastHash(publicKey: JsonWebKey, lastHash: string, signature: string): Promise<boolean> {
	try {
		const key = await crypto.subtle.importKey('jwk', publicKey, ECDSA, false, ['verify']);
		return await crypto.subtle.verify(SIGN, key, fromBase64Url(signature), utf8(lastHash));
	} catch {
		return false;
	}
}

export function isDevicePublicKey(jwk: unknown): jwk is JsonWebKey {
	const k = jwk as JsonWebKey;
	return !!k && k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && typeof k.y === 'string' && !('d' in k);
}
