import { describe, expect, it } from 'vitest';
import { classifyFailure, classifyFailureId } from '../../src/encodings/classify-failure.js';
import { FAILURE_CLASSES } from '../../src/encodings/failure-classes.js';
import { FAILURE_RULES } from '../../src/encodings/failure-rules.js';
import { CINEMATA_SIGNATURES, EXPECTED_CLASSES, cutLikeCinemata, listFfmpegFixtures, readFfmpegFixture } from './support/ffmpeg-fixtures.js';

describe('ffmpeg failure taxonomy', () => {
  it('has an expectation for every committed fixture and a fixture for every expectation', () => {
    expect(listFfmpegFixtures()).toEqual(Object.keys(EXPECTED_CLASSES).sort());
  });

  for (const name of Object.keys(EXPECTED_CLASSES)) {
    const expected = EXPECTED_CLASSES[name];
    it(`classifies ${name} as ${expected?.full} when given the whole stderr`, () => {
      expect(classifyFailureId(readFfmpegFixture(name).stderr)).toBe(expected?.full);
    });
    it(`classifies ${name} as ${expected?.tail} when given the tail CinemataCMS keeps`, () => {
      const fixture = readFfmpegFixture(name);
      expect(fixture.tail.length).toBeGreaterThanOrEqual(500);
      expect(fixture.tail.length).toBeLessThanOrEqual(510);
      expect(classifyFailureId(fixture.tail)).toBe(expected?.tail);
    });
  }

  for (const signature of CINEMATA_SIGNATURES) {
    it(`classifies CinemataCMS's own "${signature.logs}" as ${signature.expected} (${signature.what})`, () => {
      expect(classifyFailureId(signature.logs)).toBe(signature.expected);
    });
  }

  it('classifies as no-log when logs are null', () => {
    expect(classifyFailureId(null)).toBe('no-log');
  });

  it('falls back to unknown when nothing matches, so the raw tail is shown', () => {
    expect(classifyFailure('[h264 @ 0x1] something new happened').id).toBe('unknown');
  });

  it('finds the cause when decode warnings from a damaged source come before a full disk', () => {
    const tail = 'Error while decoding stream #0:1: Invalid data found when processing input\nav_interleaved_write_frame(): No space left on device\nConversion failed!';
    expect(classifyFailureId(tail)).toBe('disk-full');
  });

  it('gives every class a title, a one-line explanation and a fix, and every rule a known class', () => {
    for (const c of FAILURE_CLASSES.values()) {
      expect(c.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const text of [c.title, c.explanation, c.fix]) expect(text).toMatch(/^\S[^\n]+$/);
    }
    for (const rule of FAILURE_RULES) expect(FAILURE_CLASSES.has(rule.classId)).toBe(true);
  });

});

describe('cutting stderr like CinemataCMS', () => {
  it('keeps 500 characters plus the last 10-byte read when the output is longer', () => {
    const stderr = new TextEncoder().encode('x'.repeat(1003) + 'END');
    const tail = cutLikeCinemata(stderr);
    expect(tail.length).toBe(506);
    expect(tail.endsWith('xEND')).toBe(true);
  });

  it('drops a read that splits a multi-byte character, as the Python decode does', () => {
    const stderr = new TextEncoder().encode('123456789é and the rest');
    // '123456789\xc3' and '\xa9 and the ' both fail to decode and are dropped whole.
    expect(cutLikeCinemata(stderr)).toBe('rest');
  });

  it('keeps the whole output when it is shorter than 500 characters', () => {
    expect(cutLikeCinemata(new TextEncoder().encode('short'))).toBe('short');
  });
});
