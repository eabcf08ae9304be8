/**
 * Each device holds an ECDSA P-256 key made at enrollment (non-extractable in the browser).
 * It signs what it sends the server (sync protocol 2, sync-protocol.core.ts):
 *
 * - a push: the whole envelope, as the RFC 8785 (JCS) text of its protocol version, device id,
 *   device time and every record's hash in the order sent (`pushSigningText`). Each hash covers
 *   its record's content and the hash before it, so the one signature vouches for every byte of
 *   every record and for the envelope around them: a replay with another device time, or with a
 *   record added, removed, reordered or changed, does not verify.
 * - a pull: its protocol version, device id, device time and catalog version (`pullSigningText`);
 *   the server answers the device's own state only to a fresh, signed pull.
 *
 * A `purpose` inside each text keeps a pull signature from ever passing as a push signature, and
 * the reverse. Browser and server build the texts with these very functions; ECDSA hashes the
 * UTF-8 bytes of the text with SHA-256 and the signature is IEEE P1363 (r ‖ s), base64url.
 */
import { fromBase64Url, toBase64Url, utf8 } from './bytes';
import { canonicalJson } from './canonical-json';

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const PUSH_PURPOSE = 'klatiene/sync.push';
export const PULL_PURPOSE = 'klatiene/sync.pull';

/** What a push signature covers. `hashes`: each record's hash, in the order of the envelope. */
export interface PushSigned {
	protocol: number;
	deviceId: string;
	deviceTime: number;
	hashes: readonly string[];
}

/** What a pull signature covers. */
export interface PullSigned {
	protocol: number;
	deviceId: string;
	deviceTime: number;
	sinceVersion: number;
	/** Issue 19: the PC's practice-visit total, when it reports one; signed with the pull. */
	practiceVisits?: number;
}

/** The exact text a push signature is over. */
export function pushSigningText(p: PushSigned): string {
	return canonicalJson({
		purpose: PUSH_PURPOSE,
		protocol: p.protocol,
		deviceId: p.deviceId,
		deviceTime: p.deviceTime,
		records: [...p.hashes]
	});
}

/** The exact text a pull signature is over. */
export function pullSigningText(p: PullSigned): string {
	return canonicalJson({
		purpose: PULL_PURPOSE,
		protocol: p.protocol,
		deviceId: p.deviceId,
		deviceTime: p.deviceTime,
		sinceVersion: p.sinceVersion,
		// Only when reported, so a pull without it signs exactly the text it always did.
		...(p.practiceVisits === undefined ? {} : { practiceVisits: p.practiceVisits })
	});
}

export async function generateDeviceKeyPair(extractable = false): Promise<CryptoKeyPair> {
	return (await crypto.subtle.generateKey(ECDSA, extractable, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function exportDevicePublicKey(key: CryptoKey): Promise<JsonWebKey> {
	const jwk = await crypto.subtle.exportKey('jwk', key);
	return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

/** Signs a text made by pushSigningText or pullSigningText. */
export async function signText(privateKey: CryptoKey, text: string): Promise<string> {
	return toBase64Url(await crypto.subtle.sign(SIGN, privateKey, utf8(text)));
}

export async function verifyText(publicKey: JsonWebKey, text: string, signature: string): Promise<boolean> {
	try {
		const key = await crypto.subtle.importKey('jwk', publicKey, ECDSA, false, ['verify']);
		return await crypto.subtle.verify(SIGN, key, fromBase64Url(signature), utf8(text));
	} catch {
		return false;
	}
}

export function signPush(privateKey: CryptoKey, p: PushSigned): Promise<string> {
	return signText(privateKey, pushSigningText(p));
}

export function signPull(privateKey: CryptoKey, p: PullSigned): Promise<string> {
	return signText(privateKey, pullSigningText(p));
}

export function isDevicePublicKey(jwk: unknown): jwk is JsonWebKey {
	const k = jwk as JsonWebKey;
	return !!k && k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && typeof k.y === 'string' && !('d' in k);
}
