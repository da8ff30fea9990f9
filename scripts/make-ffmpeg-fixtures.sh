#!/usr/bin/env bash
# Regenerates test/fixtures/ffmpeg/: the real stderr and exit code of FFmpeg running CinemataCMS-shaped encodes
# (files/helpers.py: libx264 240p, CRF, `-threads 1 -i <src> -threads 2 ...`) on broken inputs and in broken
# conditions. Tests read the committed outputs and never run ffmpeg; rerun this after an FFmpeg upgrade.
#   scripts/make-ffmpeg-fixtures.sh [output dir]
# Needs ffmpeg and openssl. Run as root for every case: `permission_denied` drops to nobody with setpriv and
# `disk_full_midway` mounts a tiny tmpfs; without root those two are kept as committed and a notice is printed.
set -uo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/${1:-test/fixtures/ffmpeg}"
# A fixed work path, so the paths FFmpeg prints (and so what survives in the 500-character tail) are stable and
# as long as production's /home/cinemata/cinematacms/media_files/... paths.
WORK=/tmp/cinemata-ffmpeg-fixtures
SRC="$WORK/media_files/original/user/demo"
TMP="$WORK/tmp/tmpk3v9x2q1"

cleanup() {
  mountpoint -q "$TMP/small" 2>/dev/null && umount "$TMP/small"
  rm -rf "$WORK"
}
trap cleanup EXIT
cleanup
mkdir -p "$OUT" "$SRC" "$TMP"
chmod 755 "$WORK" "$WORK/media_files" "$WORK/media_files/original" "$WORK/media_files/original/user" "$SRC" "$WORK/tmp" "$TMP"

quiet() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# Inputs: a good 6 s upload (moov at the end, as most cameras and phones write it), a 60 s one for the cases that
# need a running encode, and broken files made from them.
quiet -f lavfi -i testsrc=duration=6:size=1280x720:rate=25 -f lavfi -i sine=frequency=440:duration=6 \
  -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$SRC/good.mp4"
quiet -f lavfi -i testsrc=duration=60:size=1280x720:rate=25 -f lavfi -i sine=frequency=220:duration=60 \
  -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest "$SRC/long.mp4"
quiet -f lavfi -i sine=frequency=440:duration=5 -c:a aac "$SRC/audio-only.m4a"
head -c 120000 "$SRC/good.mp4" >"$SRC/truncated.mp4"
# Deterministic "random" bytes: an upload that is not a video at all.
head -c 65536 /dev/zero | openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 0 2>/dev/null >"$SRC/garbage.mp4"
: >"$SRC/empty.mp4"

# The single-pass command encode_media runs for the h264-240 profile (reference/cinemata.md §7.2), as an argv in
# ENC: `encode <src> <out> [options placed before -strict]`. Options given twice take their last value, as in ffmpeg.
encode() {
  local src=$1 out=$2
  shift 2
  ENC=(ffmpeg -y -threads 1 -i "$src" -threads 2 -c:v libx264 -filter:v "scale=-2:240,fps=fps=25" -pix_fmt yuv420p
    -crf 23 -c:a aac -b:a 128k -ac 2 -maxrate 300k -bufsize 600k -force_key_frames 'expr:gte(t,n_forced*4)'
    -x264-params keyint=200:keyint_min=100 -preset medium -profile:v main -level 4.2 "$@" -strict -2 "$out")
}
# Pass 1 of the two-pass command CinemataCMS uses for clips of 2 s or less.
encode_pass1() {
  local src=$1
  shift
  ENC=(ffmpeg -y -threads 1 -i "$src" -threads 2 -c:v libx264 -filter:v "scale=-2:240,fps=fps=25" -pix_fmt yuv420p
    -b:v 300k -maxrate 450k -bufsize 900k -force_key_frames 'expr:gte(t,n_forced*4)' -x264-params keyint=200:keyint_min=100
    -preset medium -profile:v main -level 4.2 -passlogfile "$TMP/pass" -pass 1 "$@" -strict -2 -an -f null /dev/null)
}

# record <case> [wrapper argv...]: runs the wrapper (timeout, setpriv) around ENC, keeps stderr and the exit code.
record() {
  local name=$1
  shift
  "$@" "${ENC[@]}" 2>"$OUT/$name.stderr" </dev/null
  echo $? >"$OUT/$name.exitcode"
  echo "$name: exit $(cat "$OUT/$name.exitcode"), $(wc -c <"$OUT/$name.stderr") bytes of stderr"
}

encode "$SRC/truncated.mp4" "$TMP/a1.mp4" && record corrupt_container
encode "$SRC/garbage.mp4" "$TMP/a2.mp4" && record garbage_input
encode "$SRC/empty.mp4" "$TMP/a3.mp4" && record empty_input
encode "$SRC/deleted-before-encode.mp4" "$TMP/a4.mp4" && record missing_input
# /dev/full has no extension to guess the muxer from, so name it, as the .mp4 temp file does in production.
encode "$SRC/good.mp4" /dev/full -f mp4 && record disk_full
encode "$SRC/good.mp4" "$WORK/tmp/tmp-removed-by-cleanup/a5.mp4" && record output_dir_missing
# libfdk_aac is the encoder most often missing from distribution builds (it is non-free).
encode "$SRC/good.mp4" "$TMP/a6.mp4" -c:a libfdk_aac && record unknown_encoder
# A custom profile with an odd resolution: libx264 needs even dimensions with yuv420p.
encode "$SRC/good.mp4" "$TMP/a7.mp4" -filter:v "scale=-2:241,fps=fps=25" && record odd_dimensions
encode "$SRC/good.mp4" "$TMP/a8.mp4" -crf 23abc && record bad_option_value
encode "$SRC/good.mp4" "$TMP/a9.mp4" -preset mediumm && record bad_preset
encode_pass1 "$SRC/audio-only.m4a" && record no_video_stream
# Seeking past the end: FFmpeg exits 0 and says nothing was encoded.
encode_pass1 "$SRC/good.mp4" -ss 100 && record empty_output
# SIGKILL (the OOM killer, `kill -9`) leaves the tail on a progress line; SIGTERM (a worker restart) lets FFmpeg
# print its statistics and "Exiting normally, received signal 15.".
encode "$SRC/long.mp4" "$TMP/b1.mp4" && record killed timeout --preserve-status -s KILL 2
encode "$SRC/long.mp4" "$TMP/b2.mp4" && record terminated timeout --preserve-status -s TERM 2

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  # ffmpeg runs as www-data in production; here nobody writes into a directory only root may write to.
  mkdir -p "$TMP/root-owned" && chmod 755 "$TMP/root-owned"
  encode "$SRC/good.mp4" "$TMP/root-owned/a10.mp4" && record permission_denied setpriv --reuid=65534 --regid=65534 --clear-groups
else
  echo "notice: permission_denied kept as committed (needs root and setpriv)" >&2
fi

mkdir -p "$TMP/small"
if mount -t tmpfs -o size=12k tmpfs "$TMP/small" 2>/dev/null; then
  # The disk fills mid-encode: libx264's closing statistics push "No space left on device" out of the tail.
  encode "$SRC/long.mp4" "$TMP/small/a11.mp4" && record disk_full_midway
  umount "$TMP/small"
else
  echo "notice: disk_full_midway kept as committed (needs permission to mount a tmpfs)" >&2
fi
