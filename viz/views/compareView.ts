// The compare view: per-metric dot plots with 95% CIs, the paired difference
// against a chosen baseline, cost vs accuracy with Pareto frontiers, makespan
// CDFs and the runs table. Rendering yields to the event loop between charts,
// so redrawing while workers report results never blocks the page for long.

import type { Experiment } from '../lib/types.js';
import { cdfData, differenceRows, dotPlotRows, scatterData, summaryInSlices } from '../lib/analysis.js';
import { dotPlot } from '../charts/dotPlot.js';
import { pairedDifference } from '../charts/pairedDifference.js';
import { costAccuracyScatter } from '../charts/costAccuracyScatter.js';
import { makespanCdf } from '../charts/makespanCdf.js';
import { formatSeconds, metricDescription } from '../lib/format.js';
import { runsTable } from './runsTable.js';
import { byId, el, nextTask, notice } from './dom.js';

export const DEFAULT_METRICS = ['accuracy', 'costPerGoal', 'meanMakespan', 'p95Makespan', 'meanCascadeSize', 'failures'];
const QUANTILE_LEVELS = ['p50Makespan', 'p95Makespan', 'p99Makespan'];

export interface CompareSettings {
  baseline: string;
  point: number;
  metrics: string[];
  differenceMetric: string;
}

export interface CompareHandlers {
  onPickRun(index: number): void;
  onSettings(settings: Partial<CompareSettings>): void;
}

let generation = 0;

/** Options of a select, keeping the current value when it is still offered. */
function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[], value: string): void {
  const same = select.options.length === options.length && options.every((o, i) => select.options[i]?.value === o.value);
  if (!same) select.replaceChildren(...options.map((o) => el('option', { value: o.value, text: o.label })));
  select.value = options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');
}

function experimentTitle(experiment: Experiment): string {
  const { plan } = experiment;
  const where = experiment.source.kind === 'browser' ? 'run in this page' : `loaded from ${experiment.source.label}`;
  return `${plan.name} · ${plan.policies.length} policies × ${plan.replications} replications · ${where}`;
}

function experimentMeta(experiment: Experiment, state: string): string {
  const { plan } = experiment;
  const parts = [
    `scenario ${plan.scenario}`,
    `seeds ${plan.seed}–${plan.seed + plan.replications - 1} (common random numbers)`,
    `${experiment.rows.length} of ${experiment.total} runs finished`,
  ];
  if (experiment.failures.length > 0) parts.push(`${experiment.failures.length} failed`);
  if (experiment.seconds !== undefined) parts.push(`${formatSeconds(experiment.seconds)} on ${experiment.workers ?? '?'} worker${experiment.workers === 1 ? '' : 's'}`);
  if (plan.set.length > 0) parts.push(`overrides: ${plan.set.join(' ')}`);
  if (state !== '') parts.push(state);
  return parts.join(' · ');
}

/**
 * Renders `experiment` into the compare view. Returns when every chart is
 * drawn (or a newer render superseded this one).
 */
export async function renderCompare(experiment: Experiment | undefined, settings: CompareSettings, handlers: CompareHandlers, state = ''): Promise<void> {
  const mine = ++generation;
  const empty = byId('compare-empty');
  const body = byId('compare-body');
  if (experiment === undefined) {
    empty.hidden = false;
    body.hidden = true;
    return;
  }
  empty.hidden = true;
  body.hidden = false;
  const { plan } = experiment;
  byId('experiment-title').textContent = experimentTitle(experiment);
  byId('experiment-meta').textContent = experimentMeta(experiment, state);

  const canRebase = experiment.rows.length > 0;
  const baseline = canRebase && plan.policies.includes(settings.baseline) ? settings.baseline : (experiment.fileSummary?.baseline ?? plan.policies[0]!);
  const baselineSelect = byId<HTMLSelectElement>('baseline');
  fillSelect(baselineSelect, plan.policies.map((p) => ({ value: p, label: p })), baseline);
  baselineSelect.disabled = !canRebase;
  baselineSelect.title = canRebase ? '' : 'Only summary.json is loaded: its baseline is fixed. Load runs.arrow to choose another.';
  baselineSelect.onchange = () => handlers.onSettings({ baseline: baselineSelect.value });

  const pointSelect = byId<HTMLSelectElement>('point');
  const pointLabel = (p: number): string => {
    const params = plan.points[p]?.params ?? [];
    return params.length === 0 ? '(as written)' : params.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
  };
  fillSelect(pointSelect, plan.points.map((_, p) => ({ value: String(p), label: pointLabel(p) })), String(settings.point));
  byId('point-field').hidden = plan.points.length < 2;
  pointSelect.onchange = () => handlers.onSettings({ point: Number(pointSelect.value) });
  const point = Math.min(settings.point, plan.points.length - 1);

  const names = experiment.names;
  const metrics = settings.metrics.filter((m) => names.includes(m));
  const differenceMetric = names.includes(settings.differenceMetric) ? settings.differenceMetric : (metrics[0] ?? names[0] ?? 'accuracy');
  const diffSelect = byId<HTMLSelectElement>('diff-metric');
  fillSelect(diffSelect, names.map((n) => ({ value: n, label: n })), differenceMetric);
  diffSelect.onchange = () => handlers.onSettings({ differenceMetric: diffSelect.value });
  renderMetricPicker(names, metrics, handlers);

  const failures = byId('compare-failures');
  failures.replaceChildren();
  if (experiment.failures.length > 0) {
    const list = el('ul', { class: 'failure-list' });
    for (const f of experiment.failures.slice(0, 20)) list.append(el('li', { text: `run ${f.index} · ${f.policy} · seed ${f.seed}: ${f.error}` }));
    if (experiment.failures.length > 20) list.append(el('li', { text: `… and ${experiment.failures.length - 20} more` }));
    failures.append(
      notice(
        'error',
        `${experiment.failures.length} run${experiment.failures.length === 1 ? '' : 's'} failed.`,
        el('span', {}, 'The charts use the runs that finished. Re-run a failed seed with the CLI to see the full error: ', el('code', { text: `npx delegsim run ${plan.scenario} --policy P --seed S` }), list),
      ),
    );
  }

  // Quantile levels feed the CDF only when the runs carry no quantile functions (loaded results).
  const withCurves = experiment.rows.some((r) => r.makespanQuantiles !== undefined);
  const needed = [...new Set([...metrics, differenceMetric, 'accuracy', 'costPerGoal', ...(withCurves ? [] : QUANTILE_LEVELS)])];
  const stale = (): boolean => mine !== generation;
  const summary = await summaryInSlices(experiment, baseline, needed, nextTask);
  if (stale()) return;
  const dotplots = byId('dotplots');
  if (summary === undefined || (experiment.rows.length === 0 && experiment.fileSummary === undefined)) {
    const message =
      experiment.failures.length > 0
        ? `Every run so far failed (first: seed ${experiment.failures[0]!.seed}: ${experiment.failures[0]!.error}). Check the scenario and overrides, then run again.`
        : 'No run has finished yet.';
    dotplots.replaceChildren(notice(experiment.failures.length > 0 ? 'error' : 'empty', 'Nothing to plot.', message));
    for (const id of ['difference', 'scatter', 'cdf']) byId(id).replaceChildren(notice('empty', 'No finished runs to plot.', experiment.failures.length > 0 ? 'See the failed runs above and below.' : 'Waiting for the first run.'));
    // Failed runs still get their rows: seed and error, so each can be re-run with the CLI.
    byId('runs-table').replaceChildren(experiment.failures.length > 0 ? runsTable(experiment, handlers.onPickRun) : '');
    return;
  }
  // One slot per metric, each chart replaced in its own task.
  const slots = metrics.map((metric) => {
    let slot = dotplots.querySelector<HTMLElement>(`:scope > .slot[data-metric="${metric}"]`);
    if (slot === null) slot = el('div', { class: 'slot', 'data-metric': metric });
    return slot;
  });
  dotplots.replaceChildren(...slots);
  for (const [k, metric] of metrics.entries()) {
    slots[k]!.replaceChildren(dotPlot({ metric, rows: dotPlotRows(summary, experiment, metric, point), policies: plan.policies, baseline }));
    await nextTask();
    if (stale()) return;
  }
  byId('difference').replaceChildren(
    pairedDifference({ metric: differenceMetric, baseline, rows: differenceRows(summary, differenceMetric, point), policies: plan.policies }),
  );
  byId('difference-note').textContent = metricDescription(differenceMetric);
  await nextTask();
  if (stale()) return;
  const scatter = scatterData(summary, experiment, 'costPerGoal', 'accuracy', point);
  const scatterNode = costAccuracyScatter({ ...scatter, policies: plan.policies });
  scatterNode.addEventListener('click', (event) => {
    const index = (event.target as Element).getAttribute('data-index');
    if (index !== null) handlers.onPickRun(Number(index));
  });
  byId('scatter').replaceChildren(scatterNode);
  await nextTask();
  if (stale()) return;
  const cdf = cdfData(summary, experiment, plan.policies, point);
  byId('cdf').replaceChildren(makespanCdf({ ...cdf, policies: plan.policies }));
  byId('cdf-note').textContent =
    cdf.curves.length > 0
      ? 'Each run’s exact makespan quantiles come from its worker (every completed goal’s arrival → delivery); a policy’s curve averages them over its replications.'
      : 'These results carry per-run p50/p95/p99 only: the points are their means over replications. Run the comparison in the page for full CDFs.';
  await nextTask();
  if (stale()) return;
  byId('runs-table').replaceChildren(
    experiment.rows.length === 0 && experiment.failures.length === 0
      ? notice('info', 'No per-run rows.', 'Only summary.json is loaded: add runs.arrow from the same directory to see every run.')
      : runsTable(experiment, handlers.onPickRun, plan.points.length > 1 ? point : undefined),
  );
}

function renderMetricPicker(names: string[], chosen: string[], handlers: CompareHandlers): void {
  const box = byId('metric-list');
  const key = names.join(',');
  if (box.dataset.names !== key) {
    box.dataset.names = key;
    box.replaceChildren(
      ...names.map((n) =>
        el('label', { class: 'metric-option', 'data-tip': metricDescription(n) }, el('input', { type: 'checkbox', value: n }), ` ${n}`),
      ),
    );
    box.onchange = () => {
      const picked = [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
      handlers.onSettings({ metrics: picked });
    };
  }
  for (const input of box.querySelectorAll<HTMLInputElement>('input')) input.checked = chosen.includes(input.value);
}
