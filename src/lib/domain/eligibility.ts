/**
 * Who may sign an initiative (DESIGN §4). The facts come from the clerk's attestation at the
 * counter; the authority later checks them against the Population Register.
 */
import { MIN_SIGNING_AGE, ageOn } from './age';
import type { IsoDate } from './dates';
import { isMunicipalityCode } from './municipalities';

export const ELIGIBILITY_PROFILES = ['saeima', 'municipal'] as const;
export type EligibilityProfile = (typeof ELIGIBILITY_PROFILES)[number];

export const LATVIAN_CITIZEN = 'LV';
/** Latvian non-citizens (nepilsoņi) hold a passport of their own but may not sign. */
export const LATVIAN_NON_CITIZEN = 'LV-NC';

export interface InitiativeScope {
	eligibility: EligibilityProfile;
	/** The municipality of a municipal initiative; null for the Saeima. */
	municipality: string | null;
}

export interface SignerFacts {
	/** ISO 3166-1 alpha-2 code, 'LV' for Latvian citizens, 'LV-NC' for Latvian non-citizens. */
	citizenship: string;
	birthDate: IsoDate;
	declaredMunicipality: string | null;
	/** Municipalities where the signer owns registered real estate. */
	propertyMunicipalities?: string[];
}

export type EligibilityProblem = 'not_citizen' | 'too_young' | 'not_resident';

export type EligibilityResult = { eligible: true } | { eligible: false; problems: EligibilityProblem[] };

export function isEligibilityProfile(x: unknown): x is EligibilityProfile {
	return typeof x === 'string' && (ELIGIBILITY_PROFILES as readonly string[]).includes(x);
}

/** A municipal initiative needs a known municipality; a Saeima one must not name any. */
export function isValidScope(scope: InitiativeScope): boolean {
	if (scope.eligibility === 'saeima') return scope.municipality === null;
	return scope.eligibility === 'municipal' && isMunicipalityCode(scope.municipality);
}

/**
 * Every problem is listed, not only the first, so the clerk can tell the citizen all of it at once.
 * A municipal scope without a municipality admits nobody, since no one can live in it.
 */
export function checkEligibility(scope: InitiativeScope, signer: SignerFacts, on: IsoDate): EligibilityResult {
	const problems: EligibilityProblem[] = [];
	if (signer.citizenship.trim().toUpperCase() !== LATVIAN_CITIZEN) problems.push('not_citizen');
	if (ageOn(signer.birthDate, on) < MIN_SIGNING_AGE) problems.push('too_young');
	if (scope.eligibility === 'municipal') {
		const place = scope.municipality;
		const lives = place !== null && signer.declaredMunicipality === place;
		const owns = place !== null && (signer.propertyMunicipalities ?? []).includes(place);
		if (!lives && !owns) problems.push('not_resident');
	}
	return problems.length === 0 ? { eligible: true } : { eligible: false, problems };
}
