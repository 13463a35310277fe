// The run explorer: one run re-simulated in a worker with its world kept —
// time series of throughput, backlog, busy slots by family, failures, agents
// down and trust calibration error; the cascade view of one traced goal; and
// the delegation table of every traced goal, filterable by agent and task.

import type { Scenario } from '../../sim/scenario/schema.js';
import { busyByFamily } from '../charts/busyByFamily.js';
import { cascadeDag, STATUS_LABELS, type TaskStatus } from '../charts/cascadeDag.js';
import { timeSeries } from '../charts/timeSeries.js';
import { seriesColor } from '../lib/palette.js';
import type { ExploreOutput } from '../lib/types.js';
import { auditRows, auditTable, filterAudit, type AuditRow } from './auditTable.js';
import { byId, el, nextTask } from './dom.js';

/** Minutes over which rates (throughput, failures) are averaged. */
const RATE_WINDOW = 10;

/** Per-minute rate of a cumulative count over a trailing window of `window` minutes. */
export function rateOf(time: ArrayLike<number>, cumulative: ArrayLike<number>, window = RATE_WINDOW): Float64Array {
  const out = new Float64Array(time.length).fill(NaN);
  let j = 0;
  for (let i = 0; i < time.length; i++) {
    const t = time[i] as number;
    while (j < i && (time[j] as number) < t - window) j++;
    const dt = t - (time[j] as number);
    if (dt > 0) out[i] = ((cumulative[i] as number) - (cumulative[j] as number)) / dt;
  }
  return out;
}

/** One-shot failure windows of the scenario (family shocks, outages, capacity shocks), to shade on the time axis. */
export function failureSpans(scenario: Scenario | undefined): { from: number; to: number; label: string }[] {
  const spans: { from: number; to: number; label: string }[] = [];
  for (const f of scenario?.failures ?? []) {
    const at = (f as { at?: unknown }).at;
    const lasts = (f as { lasts?: unknown }).lasts;
    if (typeof at !== 'number' || typeof lasts !== 'number') continue;
    const what = f.type === 'family-shock' ? `family shock (${(f as { family?: string }).family ?? ''})` : f.type;
    spans.push({ from: at, to: at + lasts, label: what });
  }
  return spans;
}

/** The goal a reader most likely wants first: the traced goal with the most defective tasks (then the largest). */
export function mostInterestingGoal(explored: ExploreOutput): number | undefined {
  let best: { seq: number; score: number } | undefined;
  for (const t of explored.traces) {
    const defects = t.tasks.filter((k) => k.defective).length;
    const score = defects * 1000 + t.tasks.length;
    if (best === undefined || score > best.score) best = { seq: t.seq, score };
  }
  return best?.seq;
}

let rows: AuditRow[] = [];

/** Renders an explored run. */
export async function renderExplorer(explored: ExploreOutput, scenario: Scenario | undefined): Promise<void> {
  const { series, families } = explored;
  const time = series.time;
  const spans = failureSpans(scenario);
  const charts: SVGSVGElement[] = [
    timeSeries({
      id: 'throughput',
      heading: 'Throughput',
      tip: `Goals ended per minute, averaged over the trailing ${RATE_WINDOW} minutes`,
      time,
      lines: [{ name: 'goals ended', color: seriesColor(0), y: rateOf(time, series.completed) }],
      yLabel: 'goals/min',
      spans,
      yMin: 0,
    }),
    timeSeries({
      id: 'backlog',
      heading: 'Backlog',
      tip: 'Ready tasks waiting for an agent',
      time,
      lines: [{ name: 'ready tasks', color: seriesColor(1), y: series.backlog }],
      yLabel: 'tasks',
      spans,
      yMin: 0,
    }),
    busyByFamily({ time, families, busy: explored.busyByFamily, capacity: explored.familyCapacity }),
    timeSeries({
      id: 'failures',
      heading: 'Failures',
      tip: `Visible failures (crash, refusal, timeout, interruption, outage) per minute over the trailing ${RATE_WINDOW} minutes`,
      time,
      lines: [{ name: 'failures', color: seriesColor(3), y: rateOf(time, series.failures) }],
      yLabel: 'failures/min',
      spans,
      yMin: 0,
    }),
    timeSeries({
      id: 'agents-down',
      heading: 'Agents down',
      tip: 'Agents crashed or shocked at each sample',
      time,
      lines: [{ name: 'agents down', color: seriesColor(6), y: series.agentsDown }],
      yLabel: 'agents',
      spans,
      yMin: 0,
    }),
    timeSeries({
      id: 'trust-error',
      heading: 'Trust calibration error',
      tip: 'Mean |trust − hidden reliability| over the (agent, skill) pairs delegator 0 has observed',
      time,
      lines: [{ name: 'calibration error', color: seriesColor(4), y: series.trustError }],
      yLabel: 'prob.',
      spans,
      yMin: 0,
    }),
  ];
  byId('series').replaceChildren(...charts);
  await nextTask();

  const goalSelect = byId<HTMLSelectElement>('goal-select');
  goalSelect.replaceChildren(
    ...explored.traces.map((t) => {
      const defects = t.tasks.filter((k) => k.defective).length;
      return el('option', { value: t.seq, text: `#${t.seq} · ${t.template} · ${t.state} · ${t.tasks.length} tasks${defects > 0 ? ` · ${defects} defective` : ''}` });
    }),
  );
  const first = mostInterestingGoal(explored);
  if (first !== undefined) goalSelect.value = String(first);
  goalSelect.onchange = () => showGoal(explored, Number(goalSelect.value));
  showGoal(explored, first);
  await nextTask();

  rows = auditRows(explored.traces);
  const statusSelect = byId<HTMLSelectElement>('audit-status');
  if (statusSelect.options.length === 0) {
    statusSelect.append(el('option', { value: '', text: 'any outcome' }), ...(Object.keys(STATUS_LABELS) as TaskStatus[]).map((s) => el('option', { value: s, text: STATUS_LABELS[s] })));
  }
  const agentFamilies = [...new Set(rows.map((r) => r.family).filter((f) => f !== ''))].sort();
  byId('audit-agents').replaceChildren(...agentFamilies.map((f) => el('option', { value: f })));
  const refresh = (): void => renderAudit(explored);
  for (const id of ['audit-agent', 'audit-task']) byId<HTMLInputElement>(id).oninput = refresh;
  statusSelect.onchange = refresh;
  refresh();
}

function showGoal(explored: ExploreOutput, seq: number | undefined): void {
  const trace = explored.traces.find((t) => t.seq === seq) ?? explored.traces[0];
  byId('cascade').replaceChildren(cascadeDag({ trace }));
  if (trace !== undefined) byId<HTMLSelectElement>('goal-select').value = String(trace.seq);
}

function renderAudit(explored: ExploreOutput): void {
  const filter = {
    agent: byId<HTMLInputElement>('audit-agent').value,
    task: byId<HTMLInputElement>('audit-task').value,
    status: byId<HTMLSelectElement>('audit-status').value as TaskStatus | '',
  };
  const shown = filterAudit(rows, filter);
  byId('audit-table').replaceChildren(
    auditTable(shown, rows.length, (goal) => {
      showGoal(explored, goal);
      byId('cascade').scrollIntoView({ behavior: 'smooth', block: 'center' });
    }),
  );
}
