// Dashboard entry point: wires the run panel (scenario, policies,
// replications, parameters → an ExperimentPlan run on Web Workers), loading
// results directories (file picker, drag-and-drop, and the results `npm
// start` serves at ./results/), the compare view and the run explorer.

import * as Comlink from 'comlink';
import { policySummaries } from '../sim/policies/registry.js';
import { parseScenario } from '../sim/scenario/parse.js';
import { runCount, specAt, type ExperimentPlan } from '../sim/runner/plan.js';
import type { RunSpec } from '../sim/runner/runSpec.js';
import type { Scenario } from '../sim/scenario/schema.js';
import { defaultWorkerCount, startWorker } from './lib/browserPool.js';
import { closePool, runInBrowser, type RunningExperiment } from './lib/experimentRunner.js';
import { formatSeconds } from './lib/format.js';
import { policyColor } from './lib/palette.js';
import { experimentFromFiles, fetchServedResults, readResultFiles, ResultsError } from './lib/resultsLoader.js';
import { runHash } from './lib/runHash.js';
import { builtinScenarios, droppedScenario, type ScenarioSource } from './lib/scenarios.js';
import { crashFailures, parameterOverrides, type PanelParameters } from './lib/parameters.js';
import { installTooltip } from './lib/tooltip.js';
import type { ExploreOutput, Experiment } from './lib/types.js';
import type { DashboardWorkerApi } from './sim.worker.js';
import { DEFAULT_METRICS, renderCompare, type CompareSettings } from './views/compareView.js';
import { byId, el, notice } from './views/dom.js';
import { renderExplorer } from './views/explorerView.js';

/** The default in-page comparison: five policies that span the design space, 10 replications, on enterprise. */
export const DEFAULT_SCENARIO = 'enterprise';
export const DEFAULT_POLICIES = ['static-skill', 'random', 'cheapest', 'trust-aware', 'intelligent'];
/** Goals traced for the run explorer's cascade view and delegation table. */
const TRACE_GOALS = 200;

// ------------------------------------------------------------------ state

const scenarios = new Map<string, ScenarioSource>();
let selectedRef = DEFAULT_SCENARIO;
let baselinePolicy = '';
const chosenPolicies = new Set<string>();
let current: Experiment | undefined;
let running: RunningExperiment | undefined;
let runState = '';
let explored: { output: ExploreOutput; index: number } | undefined;
let settings: CompareSettings = { baseline: '', point: 0, metrics: [...DEFAULT_METRICS], differenceMetric: 'accuracy' };
const workers = defaultWorkerCount();

let renders = 0;

/** Marks the end of a run's or a load's final drawing (the browser test waits for it). */
function markRendered(): void {
  document.body.dataset.rendered = String(++renders);
}

function setState(state: string, status?: string): void {
  document.body.dataset.state = state;
  if (status !== undefined) byId('status').textContent = status;
}

// -------------------------------------------------------------- run panel

function scenarioSelect(): HTMLSelectElement {
  return byId<HTMLSelectElement>('scenario');
}

function fillScenarios(): void {
  const select = scenarioSelect();
  select.replaceChildren(
    ...[...scenarios.values()].map((s) => el('option', { value: s.ref, text: s.builtin ? s.ref : `${s.ref} (dropped)` })),
  );
  select.value = selectedRef;
}

function currentScenario(): ScenarioSource | undefined {
  return scenarios.get(selectedRef);
}

function describeScenario(s: Scenario): string {
  const agents = s.population.reduce((n, g) => n + g.count, 0);
  const horizon = s.horizon.goals !== undefined ? `${s.horizon.goals.toLocaleString('en-US')} goals` : `${s.horizon.minutes} min`;
  return `${s.description ?? s.name} — ${agents} agents in ${s.population.length} groups · ${horizon} · own policy ${s.policy}`;
}

function fillPolicies(): void {
  const list = byId('policy-list');
  list.replaceChildren(
    ...policySummaries().map(({ name, summary }) => {
      const box = el('input', { type: 'checkbox', value: name, 'data-policy': name });
      box.checked = chosenPolicies.has(name);
      box.addEventListener('change', () => {
        if (box.checked) chosenPolicies.add(name);
        else chosenPolicies.delete(name);
        if (!chosenPolicies.has(baselinePolicy)) baselinePolicy = orderedPolicies()[0] ?? '';
        fillPolicies();
        refreshPanel();
      });
      const star = el('button', {
        type: 'button',
        class: 'star',
        'aria-pressed': String(name === baselinePolicy),
        'aria-label': `make ${name} the baseline`,
        'data-tip': 'Baseline: paired differences are taken against it',
        text: name === baselinePolicy ? '★' : '☆',
      });
      star.addEventListener('click', () => {
        chosenPolicies.add(name);
        baselinePolicy = name;
        fillPolicies();
        refreshPanel();
      });
      return el(
        'label',
        { class: 'policy', 'data-tip': summary },
        box,
        el('span', { class: 'swatch', style: `background:${chosenPolicies.has(name) ? policyColor(name, orderedPolicies()) : '#fff'}` }),
        name,
        star,
      );
    }),
  );
}

/** Chosen policies, the baseline first, then registry order. */
function orderedPolicies(): string[] {
  const all = policySummaries().map((p) => p.name);
  const rest = all.filter((p) => chosenPolicies.has(p) && p !== baselinePolicy);
  return chosenPolicies.has(baselinePolicy) ? [baselinePolicy, ...rest] : rest;
}

function numberInput(id: string): number | undefined {
  const text = byId<HTMLInputElement>(id).value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

function panelParameters(): PanelParameters {
  const goals = numberInput('p-goals');
  const params: PanelParameters = {
    populationScale: numberInput('p-population') ?? 1,
    failureRate: numberInput('p-failures') ?? 1,
    verificationRate: numberInput('p-verification') ?? 0,
    extra: byId<HTMLTextAreaElement>('p-extra').value.split('\n'),
  };
  if (goals !== undefined) params.goals = goals;
  return params;
}

/** The plan the panel describes, or the one-line reason it cannot run. */
function panelPlan(): { plan: ExperimentPlan; source: ScenarioSource } | { error: string } {
  const source = currentScenario();
  if (source === undefined) return { error: 'Pick a scenario, or drop a scenario JSON file.' };
  const params = panelParameters();
  if (!(params.populationScale > 0)) return { error: 'Population size ×: enter a number above 0 (1 keeps the scenario’s).' };
  if (!(params.failureRate > 0)) return { error: 'Crash failure rate ×: enter a number above 0 (1 keeps the scenario’s).' };
  if (!(params.verificationRate >= 0 && params.verificationRate <= 1)) return { error: 'Verification budget: enter a share from 0 to 1.' };
  if (params.goals !== undefined && !(Number.isInteger(params.goals) && params.goals >= 1)) return { error: 'Goals per run: enter a whole number of goals, or leave it empty.' };
  const replications = numberInput('replications');
  if (replications === undefined || !Number.isInteger(replications) || replications < 1 || replications > 1000) {
    return { error: 'Replications: enter a whole number from 1 to 1000 (2 or more give confidence intervals).' };
  }
  const seed = numberInput('seed');
  if (seed === undefined || !Number.isSafeInteger(seed) || seed < 0) return { error: 'First seed: enter a whole number ≥ 0.' };
  const policies = orderedPolicies();
  if (policies.length === 0) return { error: 'Policies: tick at least one policy.' };
  const overrides = parameterOverrides(source.scenario, params);
  try {
    parseScenario(source.text, { overrides, source: source.ref });
  } catch (error) {
    return { error: `${error instanceof Error ? error.message : String(error)} — fix the parameter or override.` };
  }
  const plan: ExperimentPlan = {
    kind: 'compare',
    name: `compare-${source.scenario.name}`,
    scenario: source.ref,
    set: overrides,
    points: [{ params: [] }],
    policies,
    replications,
    seed,
  };
  return { plan, source };
}

function refreshPanel(): void {
  const source = currentScenario();
  byId('scenario-info').textContent = source === undefined ? '' : describeScenario(source.scenario);
  byId('scenario-info').title = byId('scenario-info').textContent ?? '';
  const noCrash = source !== undefined && crashFailures(source.scenario).length === 0;
  byId<HTMLInputElement>('p-failures').disabled = noCrash;
  byId<HTMLInputElement>('p-failures').title = noCrash ? 'This scenario has no crash failures to scale.' : '';
  const planned = panelPlan();
  const error = byId('scenario-error');
  const runButton = byId<HTMLButtonElement>('run');
  if ('error' in planned) {
    error.textContent = planned.error;
    error.hidden = false;
    byId('overrides-preview').textContent = '–';
    runButton.disabled = true;
    return;
  }
  error.hidden = true;
  byId('overrides-preview').textContent = planned.plan.set.length === 0 ? 'none' : planned.plan.set.join(' ');
  runButton.disabled = running !== undefined;
  runButton.textContent = `Run ${runCount(planned.plan)} runs`;
}

// ------------------------------------------------------------------ running

let redrawTimer: ReturnType<typeof setTimeout> | undefined;
let lastRedraw = 0;
/** Redraw at most this often while results stream in: drawing takes main-thread time the workers' results also need. */
const REDRAW_MS = 1500;

function scheduleRedraw(): void {
  if (redrawTimer !== undefined) return;
  const wait = Math.max(0, REDRAW_MS - (performance.now() - lastRedraw));
  redrawTimer = setTimeout(() => {
    redrawTimer = undefined;
    lastRedraw = performance.now();
    void redraw();
  }, wait);
}

async function redraw(): Promise<void> {
  if (current !== undefined && settings.baseline === '') settings.baseline = current.fileSummary?.baseline ?? current.plan.policies[0] ?? '';
  await renderCompare(current, settings, { onPickRun: (index) => void exploreRun(index), onSettings: changeSettings }, runState);
  fillRunPicker();
}

function changeSettings(change: Partial<CompareSettings>): void {
  settings = { ...settings, ...change };
  void redraw();
}

function progressText(experiment: Experiment, done: number): string {
  const seconds = experiment.seconds ?? 0;
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? (experiment.total - done) / rate : NaN;
  return (
    `${done} / ${experiment.total} runs · ${formatSeconds(seconds)} · ${experiment.workers} worker${experiment.workers === 1 ? '' : 's'}` +
    (Number.isFinite(eta) && done < experiment.total ? ` · about ${Math.ceil(eta)} s left` : '') +
    (experiment.failures.length > 0 ? ` · ${experiment.failures.length} failed` : '')
  );
}

async function startRun(): Promise<void> {
  if (running !== undefined) return;
  const planned = panelPlan();
  if ('error' in planned) {
    refreshPanel();
    return;
  }
  const { plan, source } = planned;
  settings = { ...settings, baseline: plan.policies[0]!, point: 0 };
  const progress = byId('progress');
  const bar = byId<HTMLProgressElement>('progress-bar');
  const text = byId('progress-text');
  progress.hidden = false;
  bar.max = runCount(plan);
  bar.value = 0;
  text.textContent = `starting ${Math.min(workers, runCount(plan))} workers…`;
  byId<HTMLButtonElement>('cancel').disabled = false;
  runState = 'running';
  setState('running', `Running ${runCount(plan)} runs of ${source.ref} on ${Math.min(workers, runCount(plan))} workers…`);
  running = runInBrowser(plan, { [source.ref]: source.text }, workers, {
    onProgress(experiment, done) {
      bar.value = done;
      text.textContent = progressText(experiment, done);
      scheduleRedraw();
    },
  });
  current = running.experiment;
  explored = undefined;
  refreshPanel();
  void redraw();
  const outcome = await running.done;
  const experiment = running.experiment;
  running = undefined;
  byId<HTMLButtonElement>('cancel').disabled = true;
  const took = formatSeconds(experiment.seconds ?? 0);
  if (outcome.error !== undefined) {
    runState = 'workers failed';
    setState('error', `The workers could not start: ${outcome.error}`);
    text.textContent = `Workers could not start: ${outcome.error}. Reload the page; if it persists, run the comparison with the CLI (npx delegsim compare).`;
  } else if (outcome.cancelled) {
    runState = `cancelled after ${experiment.rows.length} of ${experiment.total} runs`;
    setState('cancelled', `Cancelled after ${experiment.rows.length} of ${experiment.total} runs (${took}); the charts show the finished runs.`);
    text.textContent = `cancelled · ${progressText(experiment, experiment.rows.length + experiment.failures.length)}`;
  } else {
    runState = '';
    const failed = experiment.failures.length;
    setState(
      'done',
      `Finished ${experiment.rows.length} runs in ${took} on ${experiment.workers} worker${experiment.workers === 1 ? '' : 's'}` +
        (failed > 0 ? ` · ${failed} failed (seeds and errors listed above the charts)` : ''),
    );
    text.textContent = progressText(experiment, experiment.rows.length + failed);
  }
  refreshPanel();
  if (redrawTimer !== undefined) clearTimeout(redrawTimer);
  redrawTimer = undefined;
  await redraw();
  markRendered();
}

function cancelRun(): void {
  running?.cancel();
}

// ----------------------------------------------------------------- loading

function showExperiment(experiment: Experiment, message: string): void {
  if (running !== undefined) running.cancel();
  current = experiment;
  explored = undefined;
  runState = '';
  settings = { ...settings, baseline: experiment.fileSummary?.baseline ?? experiment.plan.policies[0] ?? '', point: 0 };
  byId('load-message').textContent = message;
  setState('done', message);
  selectTab('compare');
  void redraw().then(markRendered);
}

async function loadFiles(list: File[], label: string): Promise<void> {
  const message = byId('load-message');
  try {
    const { files, ignored, used } = await readResultFiles(list);
    const experiment = experimentFromFiles(files, label);
    showExperiment(
      experiment,
      `Loaded ${used.join(', ')} from ${label}` + (ignored.length > 0 ? ` (ignored ${ignored.length} other file${ignored.length === 1 ? '' : 's'})` : '') + '.',
    );
  } catch (error) {
    const text = error instanceof ResultsError ? error.message : `Could not read the files: ${error instanceof Error ? error.message : String(error)}`;
    message.textContent = '';
    message.append(notice('error', 'Not loaded.', text));
  }
}

/** Files of a drop, descending one level into dropped folders. */
async function droppedFiles(transfer: DataTransfer): Promise<File[]> {
  const out: File[] = [];
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => e !== null && e !== undefined);
  if (entries.length === 0) return [...transfer.files];
  const fileOf = (entry: FileSystemFileEntry): Promise<File> => new Promise((resolve, reject) => entry.file(resolve, reject));
  for (const entry of entries) {
    if (entry.isFile) out.push(await fileOf(entry as FileSystemFileEntry));
    else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      const children = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      for (const child of children) if (child.isFile) out.push(await fileOf(child as FileSystemFileEntry));
    }
  }
  return out;
}

async function loadScenarioFile(file: File): Promise<void> {
  const error = byId('scenario-error');
  try {
    const source = droppedScenario(file.name, await file.text());
    scenarios.set(source.ref, source);
    selectedRef = source.ref;
    fillScenarios();
    refreshPanel();
    setState(document.body.dataset.state ?? 'idle', `Scenario ${file.name} is valid and selected.`);
  } catch (e) {
    error.textContent = `${e instanceof Error ? e.message : String(e)} — fix the file and drop it again.`;
    error.hidden = false;
  }
}

const isResultsFile = (name: string): boolean => name.endsWith('.arrow') || name === 'summary.json' || name === 'manifest.json';

function installDrops(): void {
  const zones: [HTMLElement, (files: File[]) => void][] = [
    [byId('scenario-drop'), (files) => files[0] && void loadScenarioFile(files[0])],
    [byId('results-drop'), (files) => void loadFiles(files, 'dropped files')],
  ];
  for (const [zone, handle] of zones) {
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      zone.classList.remove('over');
      document.body.classList.remove('dragging');
      if (e.dataTransfer) void droppedFiles(e.dataTransfer).then(handle);
    });
  }
  // A drop anywhere else goes by the file names: results files load, another JSON is taken as a scenario.
  window.addEventListener('dragover', (e) => {
    e.preventDefault();
    document.body.classList.add('dragging');
  });
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) document.body.classList.remove('dragging');
  });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dragging');
    if (!e.dataTransfer) return;
    void droppedFiles(e.dataTransfer).then((files) => {
      if (files.some((f) => isResultsFile(f.name))) void loadFiles(files, 'dropped files');
      else if (files[0] !== undefined && files[0].name.endsWith('.json')) void loadScenarioFile(files[0]);
    });
  });
  byId<HTMLInputElement>('scenario-file').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void loadScenarioFile(file);
  });
  for (const id of ['results-files', 'results-dir']) {
    byId<HTMLInputElement>(id).addEventListener('change', (e) => {
      const files = [...((e.target as HTMLInputElement).files ?? [])];
      const folder = files[0]?.webkitRelativePath.split('/')[0];
      if (files.length > 0) void loadFiles(files, folder ? `${folder}/` : 'chosen files');
    });
  }
}

// ---------------------------------------------------------------- explorer

let explorer: { api: Comlink.Remote<DashboardWorkerApi>; worker: Worker; death: Promise<string> } | undefined;

function explorerWorker(): NonNullable<typeof explorer> {
  if (explorer !== undefined) return explorer;
  const worker = startWorker();
  const death = new Promise<string>((resolve) =>
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      resolve(e.message || 'the worker failed');
    }),
  );
  explorer = { api: Comlink.wrap<DashboardWorkerApi>(worker as unknown as Comlink.Endpoint), worker, death };
  return explorer;
}

function fillRunPicker(): void {
  const select = byId<HTMLSelectElement>('explore-run');
  const rows = current?.rows ?? [];
  const key = `${rows.length}:${current?.plan.name ?? ''}:${current?.source.kind ?? ''}`;
  if (select.dataset.key === key) return;
  select.dataset.key = key;
  const keep = select.value;
  select.replaceChildren(...rows.map((r) => el('option', { value: r.index, text: `#${r.index} · ${r.policy} · seed ${r.seed}` })));
  if (rows.some((r) => String(r.index) === keep)) select.value = keep;
}

async function exploreRun(index: number): Promise<void> {
  selectTab('explorer');
  const experiment = current;
  const status = byId('explore-status');
  const errorBox = byId('explorer-error');
  errorBox.replaceChildren();
  if (experiment === undefined) return;
  fillRunPicker();
  byId<HTMLSelectElement>('explore-run').value = String(index);
  const spec: RunSpec = specAt(experiment.plan, index);
  const row = experiment.rows.find((r) => r.index === index);
  if (experiment.sources === undefined || experiment.sources[spec.scenario] === undefined) {
    errorBox.append(
      notice(
        'error',
        'This run cannot be re-simulated here.',
        'The loaded results do not carry the scenario text: load manifest.json from the same results directory too (it holds the scenario), or run the comparison in the page.',
      ),
    );
    return;
  }
  status.textContent = `Simulating run #${index} (${spec.policy}, seed ${spec.seed}) in a worker…`;
  document.body.dataset.explorer = 'running';
  const started = performance.now();
  const { api, death, worker } = explorerWorker();
  try {
    await api.configure({ sources: experiment.sources });
    const output = await Promise.race([api.explore(spec, TRACE_GOALS), death.then((reason) => Promise.reject(new Error(`worker died: ${reason}`)))]);
    explored = { output, index };
    const hash = await runHash(spec, output.run);
    const agreement = row === undefined ? 'none' : compareRun(experiment.names, row.values, output.run.names, output.run.values, row.hash, hash);
    const scenario = parseScenario(experiment.sources[spec.scenario]!, { overrides: spec.overrides, source: spec.scenario });
    byId('explorer-empty').hidden = true;
    byId('explorer-body').hidden = false;
    await renderExplorer(output, scenario);
    const verdict = {
      none: '',
      exact: ` · reproduces the comparison’s run exactly (hash ${hash ?? '–'}) ✓`,
      close: ' · matches the loaded run to 12 significant digits, but not bit for bit (results made by another delegsim version?)',
      different: ' · differs from the comparison’s run ✗',
    }[agreement];
    status.textContent =
      `Run #${index} · ${spec.policy} · seed ${spec.seed} · ${output.traces.length} goals traced · simulated in ${formatSeconds((performance.now() - started) / 1000)}` + verdict;
    document.body.dataset.explorer = 'done';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('worker died')) {
      worker.terminate();
      explorer = undefined;
    }
    status.textContent = '';
    errorBox.append(
      notice(
        'error',
        `Run #${index} (${spec.policy}, seed ${spec.seed}) failed:`,
        el('span', {}, message, '. Reproduce it with ', el('code', { text: `npx delegsim run ${spec.scenario} --policy ${spec.policy} --seed ${spec.seed}${spec.overrides.map((o) => ` --set '${o}'`).join('')}` }), '.'),
      ),
    );
    byId('explorer-body').hidden = true;
    document.body.dataset.explorer = 'error';
  }
}

// -------------------------------------------------------------------- tabs

/**
 * How a re-simulated run compares with the run it re-does: the same hash (or
 * bit-identical values), equal counts and reals within 1e-12 relative (a run
 * the CLI made, re-done by a browser whose Math rounds differently), or not.
 */
function compareRun(
  names: readonly string[],
  values: ArrayLike<number>,
  ownNames: readonly string[],
  own: ArrayLike<number>,
  hash: string | undefined,
  ownHash: string | undefined,
): 'exact' | 'close' | 'different' {
  if (hash !== undefined && hash === ownHash) return 'exact';
  let exact = true;
  for (const [j, name] of names.entries()) {
    const k = ownNames.indexOf(name);
    const a = values[j] as number;
    const b = k < 0 ? NaN : (own[k] as number);
    if (Object.is(a, b)) continue;
    exact = false;
    if (Number.isInteger(a) || !(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)))) return 'different';
  }
  return exact && hash === undefined ? 'exact' : 'close';
}

function selectTab(tab: 'compare' | 'explorer'): void {
  byId('tab-compare').setAttribute('aria-selected', String(tab === 'compare'));
  byId('tab-explorer').setAttribute('aria-selected', String(tab === 'explorer'));
  byId('compare-view').hidden = tab !== 'compare';
  byId('explorer-view').hidden = tab !== 'explorer';
}

// -------------------------------------------------------------------- start

/** What the browser test reads: exact numbers, not formatted text. */
function installTestHooks(): void {
  (window as unknown as { __delegsim: unknown }).__delegsim = {
    experiment: () =>
      current === undefined
        ? undefined
        : {
            plan: current.plan,
            names: current.names,
            total: current.total,
            seconds: current.seconds,
            workers: current.workers,
            rows: current.rows.map((r) => ({ index: r.index, policy: r.policy, seed: r.seed, stopCause: r.stopCause, hash: r.hash, values: Array.from(r.values) })),
            failures: current.failures,
          },
    explored: () =>
      explored === undefined
        ? undefined
        : { index: explored.index, traces: explored.output.traces.length, names: explored.output.run.names, values: Array.from(explored.output.run.values) },
  };
}

async function main(): Promise<void> {
  installTooltip();
  installTestHooks();
  try {
    for (const s of builtinScenarios()) scenarios.set(s.ref, s);
  } catch (error) {
    byId('scenario-error').textContent = `A built-in scenario is invalid: ${error instanceof Error ? error.message : String(error)}`;
    byId('scenario-error').hidden = false;
  }
  if (!scenarios.has(selectedRef)) selectedRef = scenarios.keys().next().value ?? '';
  const own = currentScenario()?.scenario.policy;
  for (const p of DEFAULT_POLICIES) chosenPolicies.add(p);
  baselinePolicy = own !== undefined && chosenPolicies.has(own) ? own : DEFAULT_POLICIES[0]!;
  fillScenarios();
  fillPolicies();
  refreshPanel();
  scenarioSelect().addEventListener('change', () => {
    selectedRef = scenarioSelect().value;
    const policy = currentScenario()?.scenario.policy;
    if (policy !== undefined && chosenPolicies.has(policy)) baselinePolicy = policy;
    fillPolicies();
    refreshPanel();
  });
  byId('run-form').addEventListener('input', () => refreshPanel());
  byId('run-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void startRun();
  });
  byId('cancel').addEventListener('click', cancelRun);
  byId('tab-compare').addEventListener('click', () => selectTab('compare'));
  byId('tab-explorer').addEventListener('click', () => selectTab('explorer'));
  byId('explore-go').addEventListener('click', () => {
    const value = byId<HTMLSelectElement>('explore-run').value;
    if (value !== '') void exploreRun(Number(value));
  });
  installDrops();
  window.addEventListener('pagehide', () => void closePool());

  setState('loading', `Looking for results next to the page… · ${workers} worker${workers === 1 ? '' : 's'} available`);
  const served = await fetchServedResults();
  if (served !== undefined) {
    try {
      showExperiment(experimentFromFiles(served, 'the results npm start wrote (./results/)'), 'Showing the results `npm start` produced. Run a comparison or drop another results directory to replace them.');
      return;
    } catch (error) {
      byId('load-message').append(notice('error', 'The served results could not be read.', error instanceof Error ? error.message : String(error)));
    }
  }
  setState('idle', `Ready · ${workers} worker${workers === 1 ? '' : 's'} available · run a comparison or load results`);
  await redraw();
}

void main();
