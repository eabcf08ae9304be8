/**
 * What the server keeps of a sealed identity once it is opened (DESIGN §4): the person key
 * (an HMAC of the personal code, the only thing deduplication needs), the facts eligibility
 * needs, and the QC phone sealed again apart. Nothing of it in plaintext at rest.
 */
import type { SignerFacts } from '../../src/lib/domain/eligibility';
import { identitySchema } from '../../src/lib/domain/identity';
import type { OutboxRecord } from '../../src/lib/domain/outbox-record';
import { birthDateMatches, parsePersonalCode } from '../../src/lib/domain/personal-code';
import type { App } from '../app-context';

export interface OpenedIdentity {
	personKey: string;
	facts: SignerFacts;
	qc: { phoneBox: string; phoneKey: string } | null;
}

export type WindowOpenRecord = Extract<OutboxRecord, { type: 'window.open' }>;

/** Derives what the server keeps from one opened identity; null when it cannot be used. */
export async function identityOf(app: App, opened: { ok: true; value: unknown } | { ok: false }): Promise<OpenedIdentity | null> {
	if (!opened.ok) return null;
	const parsed = identitySchema.safeParse(opened.value);
	if (!parsed.success) return null;
	const identity = parsed.data;
	// The personal code rule of DESIGN §4 holds on the server too: a code that fails its check
	// digit, or a birth date that contradicts it, is no usable identity.
	const code = parsePersonalCode(identity.personalCode);
	if (!code.ok || !birthDateMatches(code, identity.birthDate)) return null;
	let qc: OpenedIdentity['qc'] = null;
	if (identity.qcConsent && identity.qcPhone) {
		qc = {
			phoneBox: JSON.stringify(await app.secrets.sealToServer(identity.qcPhone)),
			phoneKey: app.secrets.phoneKey(identity.qcPhone)
		};
	}
	return {
		personKey: app.secrets.personKey(code.normalized),
		facts: {
			citizenship: identity.citizenship,
			birthDate: identity.birthDate,
			declaredMunicipality: identity.declaredMunicipality,
			propertyMunicipalities: identity.propertyMunicipalities
		},
		qc
	};
}
