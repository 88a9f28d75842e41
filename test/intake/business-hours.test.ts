import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, firstResponseDue, isOpen, wallTimeToInstant, zoneOffsetMinutes } from '../../content/business-hours.ts';
import type { BusinessHoursConfig } from '../../content/schema/index.ts';
import { sampleConfig } from './fixtures.ts';

const weekdays = (from: string, to: string): BusinessHoursConfig['weekly'] => ({
  mon: [[from, to]],
  tue: [[from, to]],
  wed: [[from, to]],
  thu: [[from, to]],
  fri: [[from, to]],
});

const tokyo: BusinessHoursConfig = {
  timeZone: 'Asia/Tokyo',
  weekly: weekdays('09:00', '18:00'),
  holidays: [
    { date: '2026-11-23', name: 'Labor Thanksgiving Day' },
    ...['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, name: 'Year end' })),
  ],
};
const newYork: BusinessHoursConfig = {
  timeZone: 'America/New_York',
  weekly: weekdays('09:00', '17:00'),
  holidays: [
    { date: '2026-11-26', name: 'Thanksgiving' },
    { date: '2026-11-27', name: 'Day after Thanksgiving' },
  ],
};
const berlin: BusinessHoursConfig = {
  timeZone: 'Europe/Berlin',
  weekly: { ...weekdays('08:00', '16:00'), sun: [['00:00', '24:00']] },
  holidays: [{ date: '2026-12-25', name: 'Weihnachten' }],
};

const at = (iso: string) => new Date(iso);
const due = (hours: BusinessHoursConfig, from: string, minutes: number) => addBusinessMinutes(hours, at(from), minutes).toISOString();

describe('business hours in Asia/Tokyo', () => {
  it('carries what is left on Friday evening over the weekend to Monday', () => {
    // Fri 2026-11-27 17:00 JST: one hour left on Friday, seven more from Monday 09:00.
    expect(due(tokyo, '2026-11-27T17:00:00+09:00', 480)).toBe('2026-11-30T07:00:00.000Z'); // Mon 16:00 JST
  });

  it('skips a Monday holiday after the weekend', () => {
    // Fri 2026-11-20 17:00 JST; Mon 11-23 is Labor Thanksgiving Day, so the clock resumes on Tuesday.
    expect(due(tokyo, '2026-11-20T17:00:00+09:00', 480)).toBe('2026-11-24T07:00:00.000Z'); // Tue 16:00 JST
  });

  it('skips the year-end closure across the new year', () => {
    expect(due(tokyo, '2026-12-28T17:00:00+09:00', 480)).toBe('2027-01-04T07:00:00.000Z'); // Mon 01-04 16:00 JST
  });

  it('starts counting at opening time for an inquiry sent at night', () => {
    expect(due(tokyo, '2026-11-24T23:30:00+09:00', 60)).toBe('2026-11-25T01:00:00.000Z'); // Wed 10:00 JST
  });

  it('ends exactly at closing time when the target fits the rest of the day', () => {
    expect(due(tokyo, '2026-11-24T10:00:00+09:00', 480)).toBe('2026-11-24T09:00:00.000Z'); // 18:00 JST
  });

  it('is open on a working afternoon and closed on holidays and weekends', () => {
    expect(isOpen(tokyo, at('2026-11-24T14:00:00+09:00'))).toBe(true);
    expect(isOpen(tokyo, at('2026-11-23T14:00:00+09:00'))).toBe(false);
    expect(isOpen(tokyo, at('2026-11-28T14:00:00+09:00'))).toBe(false);
    expect(isOpen(tokyo, at('2026-11-24T18:00:00+09:00'))).toBe(false);
  });
});

describe('business hours in America/New_York across DST changes', () => {
  it('counts Monday in EDT after a Friday in EST (spring forward, 2026-03-08)', () => {
    // Fri 16:00 EST = 21:00Z; one hour Friday, one hour Monday from 09:00 EDT (13:00Z).
    expect(due(newYork, '2026-03-06T16:00:00-05:00', 120)).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts Monday in EST after a Friday in EDT (fall back, 2026-11-01)', () => {
    expect(due(newYork, '2026-10-30T16:00:00-04:00', 120)).toBe('2026-11-02T15:00:00.000Z');
  });

  it('skips Thanksgiving and the day after, then the weekend', () => {
    expect(due(newYork, '2026-11-25T16:00:00-05:00', 120)).toBe('2026-11-30T15:00:00.000Z'); // Mon 10:00 EST
  });

  it('runs a 24x7 target on elapsed time through the skipped hour', () => {
    const config = {
      severities: [{ id: 'a', name: 'A', definition: 'A', firstResponse: [{ plan: 'p', minutes: 60, clock: '24x7' as const }] }],
      businessHours: newYork,
    };
    // 01:30 EST + 60 minutes = 03:30 EDT, one real hour later.
    expect(firstResponseDue(config, 'a', 'p', at('2026-03-08T01:30:00-05:00'))!.due.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads a wall time in the skipped hour with the offset before the change, and a repeated one as the first', () => {
    const skipped = wallTimeToInstant({ year: 2026, month: 3, day: 8 }, 2 * 60 + 30, 'America/New_York');
    expect(new Date(skipped).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    const repeated = wallTimeToInstant({ year: 2026, month: 11, day: 1 }, 60 + 30, 'America/New_York');
    expect(new Date(repeated).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
    expect(zoneOffsetMinutes(repeated, 'America/New_York')).toBe(-240);
  });
});

describe('business hours in Europe/Berlin across DST changes', () => {
  it('gives a 00:00–24:00 Sunday only 23 hours when clocks go forward (2026-03-29)', () => {
    // Sun 00:00 CET; 24 h of business time: 23 on Sunday, the last hour on Monday from 08:00 CEST.
    expect(due(berlin, '2026-03-29T00:00:00+01:00', 24 * 60)).toBe('2026-03-30T07:00:00.000Z');
  });

  it('gives a 00:00–24:00 Sunday 25 hours when clocks go back (2026-10-25)', () => {
    expect(due(berlin, '2026-10-25T00:00:00+02:00', 25 * 60)).toBe('2026-10-25T23:00:00.000Z');
  });

  it('counts a weekday target across a weekday holiday', () => {
    // Thu 2026-12-24 15:00 CET, one hour left; Fri 12-25 closed; Sun open all day (holiday-free).
    expect(due(berlin, '2026-12-24T15:00:00+01:00', 120)).toBe('2026-12-27T00:00:00.000Z'); // Sun 12-27 01:00 CET
  });
});

describe('schedules', () => {
  it('supports an interval that runs past midnight', () => {
    const night: BusinessHoursConfig = { timeZone: 'Asia/Tokyo', weekly: { fri: [['22:00', '06:00']] }, holidays: [] };
    expect(due(night, '2026-11-28T01:00:00+09:00', 60)).toBe('2026-11-27T17:00:00.000Z'); // Sat 02:00 JST
    expect(isOpen(night, at('2026-11-28T05:00:00+09:00'))).toBe(true);
    expect(isOpen(night, at('2026-11-28T07:00:00+09:00'))).toBe(false);
  });

  it('refuses a schedule that never opens', () => {
    const closed: BusinessHoursConfig = { timeZone: 'Asia/Tokyo', weekly: {}, holidays: [] };
    expect(() => addBusinessMinutes(closed, at('2026-11-24T00:00:00Z'), 60)).toThrow(/no open time/);
  });
});

describe('first-response promise from the sample config', () => {
  it('uses the business-hours clock for severity C and 24x7 for severity A', async () => {
    const config = await sampleConfig();
    const sent = at('2026-11-27T17:00:00+09:00'); // Friday evening in Tokyo
    const c = firstResponseDue(config, 'c', 'standard', sent)!;
    expect(c.clock).toBe('business-hours');
    expect(c.due.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    const a = firstResponseDue(config, 'a', 'professional-direct', sent)!;
    expect(a.clock).toBe('24x7');
    expect(a.due.toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('has no promise for a severity the plan does not cover', async () => {
    expect(firstResponseDue(await sampleConfig(), 'a', 'developer', at('2026-11-24T00:00:00Z'))).toBeUndefined();
  });
});
