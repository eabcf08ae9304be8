/**
 * Who may sign an initiative (DESIGN §4). The facts come from the clerk's attestation at the
 * counter; the authority later checks them against the Population Register.
 */
import { MIN_SIGNING_AGE, birthdayAt } from './age';
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

interface SignerPlace {
	/** ISO 3166-1 alpha-2 code, 'LV' for Latvian citizens, 'LV-NC' for Latvian non-citizens. */
	citizenship: string;
	declaredMunicipality: string | null;
	/** Municipalities where the signer owns registered real estate. */
	propertyMunicipalities?: string[];
}

/** The facts the clerk attests at the counter. */
export interface SignerFacts extends SignerPlace {
	birthDate: IsoDate;
}

/**
 * What the server keeps of a visit's facts instead of the birth date (DESIGN §4): the first day
 * of the visit on which the person is old enough to sign (`keptFacts`). A stored birth date
 * would narrow an old-format personal code to about a thousand candidates and is personal data
 * in itself; this value is the visit's own day for everyone already 16.
 */
export interface KeptSignerFacts extends SignerPlace {
	oldEnoughFrom: IsoDate;
}

/** `oldEnoughFrom` of someone who does not turn 16 during their visit: no day is late enough. */
export const NEVER_OLD_ENOUGH: IsoDate = '9999-12-31';

/** The first day someone may sign (their 16th birthday), from either kind of facts. */
export function oldEnoughFrom(signer: SignerFacts | KeptSignerFacts): IsoDate {
	return 'oldEnoughFrom' in signer ? signer.oldEnoughFrom : birthdayAt(signer.birthDate, MIN_SIGNING_AGE);
}

/**
 * The facts to keep for a visit whose signatures can only fall on the days `firstDay` to
 * `lastDay` (a window lasts at most 30 minutes, so one day or two across midnight): the age
 * rule gives the same answer on each of those days as with the birth date, and the birth date
 * itself is not kept. Only someone who turns 16 at the midnight inside their own window keeps
 * that day, which their accepted signatures would tell anyway.
 */
export function keptFacts(facts: SignerFacts, firstDay: IsoDate, lastDay: IsoDate): KeptSignerFacts {
	const from = oldEnoughFrom(facts);
	const kept = from <= firstDay ? firstDay : from <= lastDay ? from : NEVER_OLD_ENOUGH;
	return {
		citizenship: facts.citizenship,
		declaredMunicipality: facts.declaredMunicipality,
		propertyMunicipalities: facts.propertyMunicipalities ?? [],
		oldEnoughFrom: kept
	};
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
export function checkEligibility(
	scope: InitiativeScope,
	signer: SignerFacts | KeptSignerFacts,
	on: IsoDate
): EligibilityResult {
	const problems: EligibilityProblem[] = [];
	if (signer.citizenship.trim().toUpperCase() !== LATVIAN_CITIZEN) problems.push('not_citizen');
	if (on < oldEnoughFrom(signer)) problems.push('too_young');
	if (scope.eligibility === 'municipal') {
		const place = scope.municipality;
		const lives = place !== null && signer.declaredMunicipality === place;
		const owns = place !== null && (signer.propertyMunicipalities ?? []).includes(place);
		if (!lives && !owns) problems.push('not_resident');
	}
	return problems.length === 0 ? { eligible: true } : { eligible: false, problems };
}
