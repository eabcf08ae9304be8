import { describe, expect, it } from 'vitest';
import {
	formatDayHours,
	parseClosures,
	parseDate,
	parseDayHours,
	parseWeeklyHours,
	upcomingClosures,
	weeklyHoursTexts
} from './hours-text';

describe('hours as typed', () => {
	it('reads one day in the ways people write it', () => {
		expect(parseDayHours('8:30-12:00, 12:30-17:00')).toEqual({
			ok: true,
			intervals: [
				{ from: '08:30', to: '12:00' },
				{ from: '12:30', to: '17:00' }
			]
		});
		expect(parseDayHours('08.30–17.00')).toEqual({ ok: true, intervals: [{ from: '08:30', to: '17:00' }] });
		expect(parseDayHours('13:00-17:00; 9:00-12:00')).toMatchObject({ ok: true, intervals: [{ from: '09:00' }, { from: '13:00' }] });
		expect(parseDayHours('')).toEqual({ ok: true, intervals: [] });
		expect(parseDayHours('Slēgts')).toEqual({ ok: true, intervals: [] });
	});

	it('says what is wrong', () => {
		expect(parseDayHours('8-17')).toEqual({ ok: false, problem: 'hours_format' });
		expect(parseDayHours('25:00-26:00')).toEqual({ ok: false, problem: 'hours_format' });
		expect(parseDayHours('17:00-08:00')).toEqual({ ok: false, problem: 'hours_order' });
		expect(parseDayHours('08:00-12:00, 11:00-15:00')).toEqual({ ok: false, problem: 'hours_overlap' });
	});

	it('formats and parses back a whole week', () => {
		const days = { mon: '8:30-17:00', tue: '08:30-12:00,12:30-17:00', wed: '', thu: '9:00-13:00', fri: '9:00-13:00', sat: '', sun: 'slēgts' };
		const r = parseWeeklyHours(days);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const texts = weeklyHoursTexts(r.hours);
		expect(texts.mon).toBe('08:30-17:00');
		expect(texts.tue).toBe('08:30-12:00, 12:30-17:00');
		expect(texts.sun).toBe('');
		expect(parseWeeklyHours(texts)).toEqual(r);
		expect(formatDayHours([])).toBe('');
	});

	it('names every bad day of a week', () => {
		const r = parseWeeklyHours({ mon: 'x', tue: '', wed: '10-11', thu: '', fri: '', sat: '', sun: '' });
		expect(r).toEqual({ ok: false, problems: { mon: 'hours_format', wed: 'hours_format' } });
	});
});

describe('closures as typed', () => {
	it('reads Latvian and ISO dates, sorted, once each', () => {
		expect(parseDate('24.12.2026.')).toBe('2026-12-24');
		expect(parseDate('1.5.2026')).toBe('2026-05-01');
		expect(parseDate('2026-02-30')).toBeNull();
		expect(parseClosures('25.12.2026, 2026-12-24\n24.12.2026')).toEqual({ ok: true, dates: ['2026-12-24', '2026-12-25'] });
		expect(parseClosures('  ')).toEqual({ ok: true, dates: [] });
		expect(parseClosures('24.12.2026, 31.02.2026')).toEqual({ ok: false, problem: 'closure_date_format', bad: '31.02.2026' });
	});

	it('keeps the closures still ahead', () => {
		expect(upcomingClosures(['2026-11-18', '2026-12-24'], '2026-11-28')).toEqual(['2026-12-24']);
		expect(upcomingClosures(['2026-11-28'], '2026-11-28')).toEqual(['2026-11-28']);
	});
});
