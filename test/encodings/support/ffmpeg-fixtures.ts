import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FailureClassId } from '../../../src/encodings/failure-classes.js';

export const FFMPEG_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'ffmpeg');

/**
 * What CinemataCMS keeps of a stderr stream in files_encoding.logs (files/backends.py, reference §7.3): it reads
 * 10 bytes at a time, drops a chunk that does not decode (a multi-byte character split across reads), keeps the
 * last 500 characters before appending each chunk, and stores the result, so logs hold 500 to 510 characters.
 */
export function cutLikeCinemata(stderr: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let output: string[] = [];
  for (let i = 0; i < stderr.length; i += 10) {
    let text: string;
    try {
      text = decoder.decode(stderr.subarray(i, i + 10));
    } catch {
      text = '';
    }
    // Python slices by code point; spreading the string does the same for characters outside the BMP.
    output = [...output.slice(-500), ...text];
  }
  return output.slice(-1000).join('');
}

export interface FfmpegFixture {
  name: string;
  stderr: string;
  /** logs as CinemataCMS would store them. */
  tail: string;
  exitCode: number;
}

export function readFfmpegFixture(name: string): FfmpegFixture {
  const bytes = readFileSync(join(FFMPEG_FIXTURES, `${name}.stderr`));
  return {
    name,
    stderr: bytes.toString('utf8'),
    tail: cutLikeCinemata(bytes),
    exitCode: Number(readFileSync(join(FFMPEG_FIXTURES, `${name}.exitcode`), 'utf8').trim()),
  };
}

export function listFfmpegFixtures(): string[] {
  return readdirSync(FFMPEG_FIXTURES)
    .filter((f) => f.endsWith('.stderr'))
    .map((f) => f.replace(/\.stderr$/, ''))
    .sort();
}

/**
 * The class each fixture must get, for the whole stderr and for the tail CinemataCMS keeps. They differ only where
 * the cause scrolls out of the tail, which is the point of that fixture.
 */
export const EXPECTED_CLASSES: Readonly<Record<string, { full: FailureClassId; tail: FailureClassId }>> = {
  bad_option_value: { full: 'invalid-option', tail: 'invalid-option' },
  bad_preset: { full: 'invalid-option', tail: 'invalid-option' },
  corrupt_container: { full: 'corrupt-container', tail: 'corrupt-container' },
  disk_full: { full: 'disk-full', tail: 'disk-full' },
  disk_full_midway: { full: 'disk-full', tail: 'cut-off' },
  empty_input: { full: 'invalid-input', tail: 'invalid-input' },
  empty_output: { full: 'empty-output', tail: 'empty-output' },
  garbage_input: { full: 'invalid-input', tail: 'invalid-input' },
  killed: { full: 'killed', tail: 'killed' },
  missing_input: { full: 'missing-input', tail: 'missing-input' },
  no_video_stream: { full: 'no-video-stream', tail: 'no-video-stream' },
  odd_dimensions: { full: 'odd-dimensions', tail: 'odd-dimensions' },
  output_dir_missing: { full: 'output-path-missing', tail: 'output-path-missing' },
  permission_denied: { full: 'permission-denied', tail: 'permission-denied' },
  terminated: { full: 'killed', tail: 'killed' },
  unknown_encoder: { full: 'unknown-encoder', tail: 'unknown-encoder' },
};

/** What CinemataCMS itself writes into logs instead of FFmpeg's stderr (reference §7.3). */
export const CINEMATA_SIGNATURES: ReadonlyArray<{ logs: string; expected: FailureClassId; what: string }> = [
  { logs: '', expected: 'no-log', what: 'an exception outside FFmpeg (soft time limit) or a failure before it ran' },
  { logs: 'Error while running ffmpeg', expected: 'spawn-failed', what: 'Popen raised' },
  { logs: 'No output from FFmpeg.', expected: 'no-output', what: 'exit 0 with empty stderr' },
  { logs: '00:29:58.12', expected: 'stalled', what: 'the no-progress safety net broke the loop' },
  { logs: '[]', expected: 'stalled', what: 'the safety net broke the loop before any progress value' },
];
