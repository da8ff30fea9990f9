/**
 * What a failed encoding's `files_encoding.logs` can mean, in words an operator can act on. The patterns that
 * recognise each class live in failure-rules.ts; this file is only the vocabulary.
 */

/**
 * Where the fault lies, which decides who acts: `source` (the upload itself; ask for a new one), `host` (disk,
 * memory, permissions, paths on the encoding box), `config` (the command CinemataCMS built from profiles and
 * settings), `interrupted` (the run was stopped; usually fine to re-encode), `unknown`.
 */
export type FailureOrigin = 'source' | 'host' | 'config' | 'interrupted' | 'unknown';

export interface FailureClass {
  /** Stable, kebab-case; used as a metric label. */
  id: string;
  title: string;
  /** One line: what happened. */
  explanation: string;
  /** The first thing an operator should try. */
  fix: string;
  origin: FailureOrigin;
}

const classes = [
  {
    id: 'no-log',
    title: 'Failed without FFmpeg output',
    explanation: 'The row failed before or outside FFmpeg: media duration 0, no command for this profile (source smaller than the target, unknown codec), or the task died (2 h soft time limit, worker lost).',
    fix: 'Check files_media.duration and the source height against the profile, then grep the task_id in logs/celery_long.log for "Soft time limit" or a traceback.',
    origin: 'unknown',
  },
  {
    id: 'spawn-failed',
    title: 'FFmpeg could not be started',
    explanation: 'CinemataCMS wrote "Error while running ffmpeg": starting the ffmpeg binary failed.',
    fix: 'Check that ffmpeg is on the Celery worker\'s PATH and executable for www-data (sudo -u www-data which ffmpeg; settings.FFMPEG_COMMAND), then restart celery_long.',
    origin: 'host',
  },
  {
    id: 'no-output',
    title: 'FFmpeg printed nothing',
    explanation: 'CinemataCMS wrote "No output from FFmpeg.": ffmpeg exited 0 without a single line on stderr.',
    fix: 'Run the command from the row\'s commands column by hand as www-data; check FFMPEG_COMMAND is the real ffmpeg and not a wrapper that swallows output.',
    origin: 'host',
  },
  {
    id: 'stalled',
    title: 'Stopped by the no-progress safety net',
    explanation: 'logs hold only a progress timestamp: encode_media stopped FFmpeg ("No progress for 1800 seconds" or the 50,000-iteration limit). Progress is never parsed, so any pass longer than 30 min ends this way.',
    fix: 'Long unchunked passes trigger it (high resolution or slow codec on a source of 300 s or less): lower or deactivate that profile; check a sibling "success" is not truncated (ffprobe duration vs files_media.duration).',
    origin: 'config',
  },
  {
    id: 'disk-full',
    title: 'Disk full',
    explanation: 'FFmpeg could not write its output: no space left on the filesystem holding the temp file (TEMP_DIRECTORY, /tmp).',
    fix: 'df -h /tmp /home/cinemata/cinematacms/media_files; remove stale /tmp/tmp* task directories and leftover chunk .mkv files in media_files/original, then re-encode.',
    origin: 'host',
  },
  {
    id: 'permission-denied',
    title: 'Permission denied',
    explanation: 'FFmpeg, running as www-data, may not read the source or write the temp output (or the filesystem is read-only).',
    fix: 'As www-data, test the source (sudo -u www-data test -r <file>) and the temp dir (test -w /tmp); restore ownership with chown -R www-data. media_files; check mounts for ro (dmesg).',
    origin: 'host',
  },
  {
    id: 'out-of-memory',
    title: 'Out of memory',
    explanation: 'FFmpeg could not allocate memory.',
    fix: 'free -m and dmesg | grep -i oom; lower celery_long concurrency or FFMPEG_ENCODER_THREADS, or add memory, then re-encode.',
    origin: 'host',
  },
  {
    id: 'unknown-encoder',
    title: 'Encoder missing from this FFmpeg',
    explanation: 'The FFmpeg build on the worker does not include an encoder the command asks for.',
    fix: 'ffmpeg -hide_banner -encoders | grep <name>; install a build that has it (install.sh copies a static build to /usr/local/bin) or deactivate the profile that needs it.',
    origin: 'host',
  },
  {
    id: 'killed',
    title: 'Killed or interrupted',
    explanation: 'FFmpeg was stopped by a signal: SIGKILL (OOM killer, kill -9) leaves the tail on a progress line; SIGTERM (any Celery worker restart kills every ffmpeg on the host) prints "received signal 15".',
    fix: 'dmesg | grep -i "killed process" for the OOM killer; journalctl -u celery_long around the row\'s update_date for restarts; re-encode (the one automatic retry is probably spent).',
    origin: 'interrupted',
  },
  {
    id: 'odd-dimensions',
    title: 'Odd picture size',
    explanation: 'libx264 with yuv420p needs an even width and height; the scaled size came out odd.',
    fix: 'Give the profile an even resolution (CinemataCMS scales with scale=-2:<resolution>, so the resolution itself must be even) and re-encode.',
    origin: 'config',
  },
  {
    id: 'invalid-option',
    title: 'Invalid option or value',
    explanation: 'FFmpeg refused an option of the command CinemataCMS built (a bad preset, profile, CRF, bitrate or output format).',
    fix: 'Read the row\'s commands column; check local_settings.py overrides (X26x_PRESET, VIDEO_CRFS, VIDEO_BITRATES) and the profile\'s codec and extension.',
    origin: 'config',
  },
  {
    id: 'encoder-init',
    title: 'Encoder would not start',
    explanation: 'FFmpeg could not open the encoder with these parameters (bitrate, level, frame rate or size out of range for it).',
    fix: 'The line above "Error initializing output stream" names the parameter; compare the source (ffprobe: size, frame rate) with the profile and the x264 level.',
    origin: 'config',
  },
  {
    id: 'no-video-stream',
    title: 'No video stream',
    explanation: 'The source has no stream the command can use (audio only, or a stream map matched nothing).',
    fix: 'ffprobe the source; an audio-only upload cannot get video profiles: fix its media_type or ask for a video file.',
    origin: 'source',
  },
  {
    id: 'empty-output',
    title: 'Nothing was encoded',
    explanation: 'FFmpeg ran but produced no frames: a seek past the end, wrong duration metadata, or a chunk without video frames.',
    fix: 'Compare files_media.duration with ffprobe of the source; re-upload if the source is broken.',
    origin: 'source',
  },
  {
    id: 'output-path-missing',
    title: 'Output directory missing',
    explanation: 'FFmpeg read the source but could not create its output: the per-task temp directory under TEMP_DIRECTORY was gone (cleaned while the task ran) or TEMP_DIRECTORY does not exist.',
    fix: 'Check TEMP_DIRECTORY (/tmp) exists and is writable by www-data; look for a tmp cleaner (systemd-tmpfiles-clean.timer, PrivateTmp= in the Celery unit); re-encode.',
    origin: 'host',
  },
  {
    id: 'missing-input',
    title: 'Source file missing',
    explanation: 'The file FFmpeg was told to read does not exist: the original (or a chunk .mkv) was moved, deleted or never fully written.',
    fix: 'ls -l the media\'s file under media_files/original (for chunks, the row\'s chunk_file_path); restore it from backup or ask for a new upload.',
    origin: 'source',
  },
  {
    id: 'invalid-input',
    title: 'Source is not a readable video',
    explanation: 'FFmpeg could not recognise the source: an empty file, a file that is not a video, or a codec this FFmpeg cannot decode.',
    fix: 'ffprobe the original; if it is empty or not a video, ask the uploader for a new file (CinemataCMS does not retry this).',
    origin: 'source',
  },
  {
    id: 'corrupt-container',
    title: 'Corrupt or truncated file',
    explanation: 'The source is damaged: a truncated MP4 (no moov atom, typically an interrupted upload) or broken packets.',
    fix: 'Compare the original\'s size with the upload; ask for a new upload (ffmpeg -i in.mp4 -c copy out.mp4 can rescue a partly damaged file).',
    origin: 'source',
  },
  {
    id: 'cut-off',
    title: 'Cause cut off',
    explanation: 'FFmpeg failed, but the line saying why scrolled out of the ~500 characters CinemataCMS keeps; libx264 statistics before "Conversion failed!" mean it failed while finishing the file, usually a full disk.',
    fix: 'Check df -h /tmp first; then re-run the row\'s command by hand as www-data to see the whole error.',
    origin: 'unknown',
  },
  {
    id: 'unknown',
    title: 'Unrecognised failure',
    explanation: 'No known FFmpeg failure matches this tail: read it below.',
    fix: 'Re-run the row\'s command by hand as www-data to see the whole error; if it is a new pattern, add a rule to src/encodings/failure-rules.ts.',
    origin: 'unknown',
  },
] as const satisfies readonly FailureClass[];

export type FailureClassId = (typeof classes)[number]['id'];

export const FAILURE_CLASSES: ReadonlyMap<FailureClassId, FailureClass> = new Map(classes.map((c) => [c.id, c]));

export function failureClass(id: FailureClassId): FailureClass {
  return FAILURE_CLASSES.get(id) as FailureClass;
}
