import type { ServicesDetail, UnitStatus } from '../../probes/services.js';
import type { Section, Severity } from '../report.js';
import { formatAge } from './format.js';

function unitSeverity(u: UnitStatus): Severity {
  switch (u.state) {
    case 'active':
    case 'reloading':
      return 'ok';
    case 'failed':
    case 'inactive':
    case 'deactivating':
      return 'critical';
    case 'activating':
      return u.subState === 'auto-restart' ? 'critical' : 'warning';
    case 'not-found':
      return 'warning';
    case 'unknown':
      return 'info';
  }
}

export function servicesSection(detail: ServicesDetail, now: number): Section {
  const section: Section = {
    title: 'Services',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'unit' }, { label: 'state' }, { label: 'since', align: 'right' }, { label: 'restarts', align: 'right' }, { label: 'pid', align: 'right' }],
        rows: detail.units.map((u) => ({
          cells: [
            u.unit.replace(/\.service$/, ''),
            u.subState ? `${u.state} (${u.subState})` : u.state,
            u.since === null ? '' : `${formatAge((now - u.since) / 1000)} ago`,
            u.restarts === null ? '' : String(u.restarts),
            u.mainPid ? String(u.mainPid) : '',
          ],
          severity: unitSeverity(u),
        })),
      },
    ],
  };
  if (detail.unavailableReason) section.blocks.push({ kind: 'text', text: `States are unknown: ${detail.unavailableReason}.` });
  return section;
}
