import type { FailureClassId } from './failure-classes.js';

/** One rule of the FFmpeg failure taxonomy: the first rule whose pattern matches a row's `logs` names its class. */
export interface FailureRule {
  classId: FailureClassId;
  pattern: RegExp;
}

/**
 * Order matters. `logs` is the last ~500 characters of stderr (CinemataCMS keeps `output[-500:]` while reading 10
 * bytes at a time), so early lines are often gone and only the final error and what FFmpeg printed after it survive.
 * Rules go from the most specific signature to the most generic one:
 * 1. CinemataCMS's own fixed messages, which are the whole of `logs`.
 * 2. Host faults. Their errno text is decisive even when decode warnings from a damaged source precede it.
 * 3. Signals. A tail that ends on a progress line was cut mid-run: nothing else was printed.
 * 4. Command and encoder problems, specific before generic ("not divisible by 2" before "Error while opening encoder").
 * 5. Path problems: "No such file or directory" after the input was read (Stream #, Duration:) is the output side.
 * 6. Source problems: a low-score probe (not a video at all) before "moov atom not found" (truncated), both before
 *    the generic "Invalid data found".
 * 7. "Conversion failed!" alone: the cause scrolled out of the tail.
 * Matching is case-sensitive: FFmpeg and strerror() spell their messages one way.
 */
export const FAILURE_RULES: readonly FailureRule[] = [
  { classId: 'no-log', pattern: /^\s*$/ },
  { classId: 'spawn-failed', pattern: /^\s*Error while running ffmpeg/ },
  { classId: 'no-output', pattern: /^\s*No output from FFmpeg\.?\s*$/ },
  // The safety net's break leaves the last yielded progress value: "00:29:58.12", or "[]" when nothing parsed.
  { classId: 'stalled', pattern: /^\s*(\d+:\d{2}:\d{2}(\.\d+)?|\[\])\s*$/ },
  { classId: 'disk-full', pattern: /No space left on device|Disk quota exceeded/ },
  { classId: 'permission-denied', pattern: /Permission denied|Operation not permitted|Read-only file system/ },
  { classId: 'out-of-memory', pattern: /Cannot allocate memory|Out of memory/ },
  { classId: 'unknown-encoder', pattern: /Unknown encoder|Encoder not found|Encoder \(codec \S+\) not found|Requested encoder .* not found/ },
  { classId: 'killed', pattern: /received signal \d+|Immediate exit requested|speed=\s*\S+\s*$/ },
  { classId: 'odd-dimensions', pattern: /not divisible by 2/ },
  {
    classId: 'invalid-option',
    pattern:
      /Error setting option|Unable to parse option value|Error setting (preset|profile|tune|level)|Possible (presets|profiles|tunes):|Unrecognized option|Option not found|Invalid argument|Unable to find a suitable output format|is not supported (in|by) this muxer|Only VP8 or VP9/,
  },
  { classId: 'encoder-init', pattern: /Error while opening encoder|Error initializing output stream|Could not open encoder|incorrect codec parameters/ },
  { classId: 'no-video-stream', pattern: /does not contain any stream|matches no streams|no video stream/ },
  { classId: 'empty-output', pattern: /Output file is empty, nothing was encoded/ },
  // `s`: the input dump (Stream #…) and the error are on different lines.
  { classId: 'output-path-missing', pattern: /Error opening output|(Stream #|Duration:|Input #).*No such file or directory/s },
  { classId: 'missing-input', pattern: /No such file or directory|Error opening input/ },
  { classId: 'invalid-input', pattern: /detected only with low score|Decoder \(codec \S+\) not found|Unknown decoder|Could not find codec parameters/ },
  { classId: 'corrupt-container', pattern: /moov atom not found|Invalid NAL unit size|partial file|Truncating packet|EBML header parsing failed|invalid atom size|End of file/ },
  { classId: 'invalid-input', pattern: /Invalid data found when processing input/ },
  { classId: 'cut-off', pattern: /Conversion failed!/ },
];
