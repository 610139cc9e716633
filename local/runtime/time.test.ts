import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { formatEpochMillis, parseFormattedToEpochMillis, timeUtil, zoneOffsetMinutes } from './time.js';

// 2018-02-06T19:01:35.749Z, a Tuesday.
const instant = Date.UTC(2018, 1, 6, 19, 1, 35, 749);

describe('util.time formatting (Java DateTimeFormatter patterns)', () => {
  test('numeric fields, text fields and quoted literals in UTC', () => {
    assert.equal(formatEpochMillis(instant, "yyyy-MM-dd'T'HH:mm:ss.SSSZ"), '2018-02-06T19:01:35.749+0000');
    assert.equal(formatEpochMillis(instant, 'EEE, d MMM yy h:mm a'), 'Tue, 6 Feb 18 7:01 PM');
    assert.equal(formatEpochMillis(instant, "EEEE MMMM D 'day''s' k K"), "Tuesday February 37 day's 19 7");
    assert.equal(formatEpochMillis(instant, 'XXX x z'), 'Z +00 UTC');
  });

  test('time zones move the fields and the offset', () => {
    assert.equal(formatEpochMillis(instant, 'yyyy-MM-dd HH:mm:ssXXX', 'Australia/Perth'), '2018-02-07 03:01:35+08:00');
    assert.equal(formatEpochMillis(instant, 'HH:mm ZZZZZ VV', 'America/New_York'), '14:01 -05:00 America/New_York');
    assert.equal(formatEpochMillis(Date.UTC(2018, 6, 1, 12), 'HH:mm Z', 'America/New_York'), '08:00 -0400');
    assert.equal(zoneOffsetMinutes(instant, 'Asia/Kolkata'), 330);
  });

  test('offsets with seconds (-07:00:30) as Java writes them: dropped by Z, X, XXX; kept by ZZZZZ, XXXXX, XXXX, ZZZZ', () => {
    const at = (pattern: string) => formatEpochMillis(instant, pattern, '-07:00:30');
    assert.equal(at("yyyy-MM-dd'T'HH:mm:ss"), '2018-02-06T12:01:05');
    assert.deepEqual(['Z', 'X', 'XXX', 'XXXX', 'XXXXX', 'ZZZZZ', 'ZZZZ'].map(at), ['-0700', '-07', '-07:00', '-070030', '-07:00:30', '-07:00:30', 'GMT-07:00:30']);
    assert.equal(formatEpochMillis(Date.UTC(1850, 0, 1), 'HH:mm:ss XXXXX', 'America/Los_Angeles'), '16:07:02 -07:52:58');
    assert.equal(parseFormattedToEpochMillis('2018-02-06 12:01:05.749 -07:00:30', 'yyyy-MM-dd HH:mm:ss.SSS XXXXX'), instant);
    assert.equal(parseFormattedToEpochMillis('2018-02-06 12:01:05.749', 'yyyy-MM-dd HH:mm:ss.SSS', '-07:00:30'), instant);
    assert.equal(timeUtil.parseISO8601ToEpochMilliSeconds('2018-02-06T12:01:05.749-07:00:30'), instant);
  });

  test('unknown letters and zones are clear errors', () => {
    assert.throws(() => formatEpochMillis(instant, 'yyyy-qq'), /Unsupported date format letter "q"/);
    assert.throws(() => formatEpochMillis(instant, 'yyyy', 'Mars/Base'), /Unknown time zone "Mars\/Base"/);
  });
});

describe('util.time parsing', () => {
  test('parses a formatted timestamp, with the zone from the argument or the text', () => {
    assert.equal(parseFormattedToEpochMillis('2018-02-06 19:01:35', 'yyyy-MM-dd HH:mm:ss'), Date.UTC(2018, 1, 6, 19, 1, 35));
    assert.equal(parseFormattedToEpochMillis('2018-02-07 03:01:35', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth'), Date.UTC(2018, 1, 6, 19, 1, 35));
    assert.equal(parseFormattedToEpochMillis('2018-02-06T14:01:35.749-05:00', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"), instant);
    assert.equal(parseFormattedToEpochMillis('6 Feb 2018 7:01 PM', 'd MMM yyyy h:mm a'), Date.UTC(2018, 1, 6, 19, 1));
  });

  test('text that does not fit the format is an error', () => {
    assert.throws(() => parseFormattedToEpochMillis('2018/02/06', 'yyyy-MM-dd'), /does not match the date format/);
    assert.throws(() => timeUtil.parseISO8601ToEpochMilliSeconds('yesterday'), /not an ISO 8601 timestamp/);
  });

  test('ISO 8601 and epoch conversions', () => {
    assert.equal(timeUtil.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35.749Z'), instant);
    assert.equal(timeUtil.epochMilliSecondsToISO8601(instant), '2018-02-06T19:01:35.749Z');
    assert.equal(timeUtil.epochMilliSecondsToSeconds(instant), 1517943695);
    assert.equal(timeUtil.epochMilliSecondsToFormatted(instant, 'dd/MM/yyyy', 'Australia/Perth'), '07/02/2018');
  });

  test('the now* functions agree with the clock', () => {
    const before = Date.now();
    const iso = Date.parse(timeUtil.nowISO8601());
    const millis = timeUtil.nowEpochMilliSeconds();
    const seconds = timeUtil.nowEpochSeconds();
    const after = Date.now();
    assert.ok(iso >= before && iso <= after);
    assert.ok(millis >= before && millis <= after);
    assert.ok(seconds >= Math.floor(before / 1000) && seconds <= Math.floor(after / 1000));
    assert.match(timeUtil.nowFormatted('yyyy-MM-dd'), /^\d{4}-\d{2}-\d{2}$/);
  });
});
