import { isIsoDate, parseIsoDate, type IsoDate } from './dates';

/** Citizens may sign initiatives from their 16th birthday (DESIGN §4). */
export const MIN_SIGNING_AGE = 16;

/**
 * Full years of age on a date. A birthday counts from its own day; someone born on 29 February
 * becomes a year older on 1 March in non-leap years, as the age is not yet complete on 28 February.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
	const born = parseIsoDate(birthDate);
	const day = parseIsoDate(on);
	const hadBirthday = day.month > born.month || (day.month === born.month && day.day >= born.day);
	return day.year - born.year - (hadBirthday ? 0 : 1);
}

/**
 * The day someone born on `birthDate` turns `age`: that birthday, or 1 March when it falls on
 * a 29 February the year does not have (as `ageOn` counts). `ageOn(b, d) >= age` exactly when
 * `d >= birthdayAt(b, age)`, so a date string comparison decides the age rule.
 */
export function birthdayAt(birthDate: IsoDate, age: number): IsoDate {
	const { year } = parseIsoDate(birthDate);
	const y = String(year + age).padStart(4, '0');
	const candidate = `${y}-${birthDate.slice(5)}`;
	return isIsoDate(candidate) ? candidate : `${y}-03-01`;
}
