import { E164 } from '../schemas/no-calls';
import { isUnset } from './edit';
import { usablePeriods, periodsOf, timeZoneOf } from './periods';

// The schedule in one or two plain sentences, e.g. "Alert when no call arrives for 30 minutes
// between 09:00 and 17:00, America/New_York time."

const minutes = (n: number | undefined) => (n === undefined ? '(minutes not set)' : `${n} minute${n === 1 ? '' : 's'}`);

function joinList(items: string[], limit = 3): string {
  const shown = items.length > limit ? [...items.slice(0, limit), `${items.length - limit} more`] : items;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function describeWindows(config: unknown): string {
  const periods = [...usablePeriods(config)].sort((a, b) => a.start - b.start);
  const zone = timeZoneOf(config) || 'the schedule';
  const skipped = periodsOf(config).length - periods.length;
  const skippedNote = skipped > 0 ? ` (${skipped} window${skipped === 1 ? '' : 's'} with errors not included)` : '';
  if (periods.length === 0) {
    return `No monitoring windows${skippedNote}: add a window to say when silence raises an alert.`;
  }
  const parts = periods.map(
    (p, i) => `${i === 0 ? '' : 'or '}for ${minutes(p.timeFrame)} between ${p.startTime} and ${p.endTime}`,
  );
  return `Alert when no call arrives ${parts.join(', ')}, ${zone} time${skippedNote}.`;
}

export function describeExclusions(
  config: unknown,
  agentLabel: (id: unknown) => string = (id) => `#${String(id)}`,
): string {
  const object = (config ?? {}) as { exception_numbers?: unknown; agents?: unknown };
  const entries = Array.isArray(object.exception_numbers) ? object.exception_numbers : [];
  const numbers = entries.filter((n): n is string => typeof n === 'string' && E164.test(n));
  const left = entries.length - numbers.length;
  const leftNote = left > 0 ? ` (${left} malformed entr${left === 1 ? 'y' : 'ies'} not included)` : '';
  const agents = Array.isArray(object.agents) ? object.agents : [];
  const numbersText = numbers.length
    ? `Calls from ${joinList(numbers)} are ignored${leftNote}.`
    : `Calls from every number count${leftNote}.`;
  const agentsText = agents.length
    ? `${joinList(agents.map(agentLabel))} ${agents.length === 1 ? 'is' : 'are'} not monitored; every other agent is.`
    : 'Every agent is monitored.';
  return `${numbersText} ${agentsText}`;
}

/** The summary shown under the editor: windows, exclusions, and whether the alert is on at all. */
export function describeSchedule(config: unknown, notifyOn: boolean, agentLabel?: (id: unknown) => string): string {
  if (isUnset(config)) {
    return notifyOn ? 'The alert is on but no schedule is stored.' : 'No schedule is stored and the alert is off.';
  }
  const text = `${describeWindows(config)} ${describeExclusions(config, agentLabel)}`;
  return notifyOn ? text : `The alert is off, so this schedule has no effect. ${text}`;
}
