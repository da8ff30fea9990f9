/**
 * Runbook steps the reports give, in one place so every report says the same thing about the same action. Sources:
 * reference/cinemata.md §6.3 (what a Celery restart costs) and §6.4 (purge, inspect).
 */

const APP_DIR = '/home/cinemata/cinematacms';

/** The restart command for a unit and what it costs, as one hint. */
export function restartStep(unit: string): string {
  if (unit === 'celery_beat') return `sudo systemctl restart celery_beat (safe: beat only schedules, no running task is lost)`;
  return `sudo systemctl restart ${unit} — it costs: every ffmpeg on the host is killed (all running encodes, sprites and Whisper audio extraction, not only this worker's), and each interrupted encode spends its one retry`;
}

/** How to see what a worker is doing before restarting it. */
export function inspectStep(unit: string): string {
  const node = unit.replace(/^celery_/, '');
  return `sudo -u www-data /home/cinemata/bin/celery -A cms inspect active -d ${node}@$(hostname) --timeout 5 (run in ${APP_DIR})`;
}

/** Deleting every waiting message of a queue: last resort, after reading what is in it. */
export function purgeStep(queue: string): string {
  return `only if those messages are unwanted: sudo -u www-data /home/cinemata/bin/celery -A cms purge -Q ${queue} -f (run in ${APP_DIR}; deletes every waiting message of ${queue}, nothing else)`;
}
