// Progress of a long experiment on stderr: a cli-progress bar (runs done,
// runs/s, ETA) when stderr is a terminal, otherwise a quiet line every tenth
// of the runs, so logs of CI jobs and batch systems stay short.

import cliProgress from 'cli-progress';

/** Receives progress; the experiment calls it, the CLI chooses how it shows. */
export interface ProgressReporter {
  /** `done` runs of `total` were finished before this invocation (resume). */
  start(total: number, done: number): void;
  /** One more run finished (or failed). */
  tick(): void;
  stop(): void;
}

/** A reporter that shows nothing. */
export const silentProgress: ProgressReporter = { start() {}, tick() {}, stop() {} };

/** Formats seconds as `1h 02m`, `3m 20s` or `12s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Prefix of every line, e.g. the command name. */
  label?: string;
  /** Force the bar (true) or the lines (false); default: the stream's isTTY. */
  tty?: boolean;
}

/**
 * The progress reporter for a stream: a bar on a TTY, lines otherwise.
 *
 * @example
 * const progress = createProgress({ label: 'sweep' });
 * progress.start(600, 0); progress.tick(); progress.stop();
 */
export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  const { stream = process.stderr, label = 'runs', tty = stream.isTTY === true } = options;
  let total = 0;
  let done = 0;
  let startedWith = 0;
  let started = 0;
  let every = 1;
  let bar: cliProgress.SingleBar | undefined;
  const rate = (): number => (done - startedWith) / Math.max(1e-9, (performance.now() - started) / 1000);

  return {
    start(t: number, d: number): void {
      total = t;
      done = startedWith = d;
      started = performance.now();
      every = Math.max(1, Math.ceil(total / 10));
      if (tty) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {value}/{total} runs | {rate} runs/s | ETA {eta_formatted}`,
            hideCursor: true,
            etaBuffer: 50,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { rate: '0' });
      }
    },
    tick(): void {
      done++;
      const r = rate();
      if (bar !== undefined) {
        bar.update(done, { rate: r >= 10 ? r.toFixed(0) : r.toFixed(2) });
      } else if (done % every === 0 || done === total) {
        const eta = formatDuration((total - done) / r);
        stream.write(
          `${label}: ${done}/${total} runs (${Math.floor((100 * done) / Math.max(1, total))}%), ` +
            `${r >= 10 ? r.toFixed(0) : r.toFixed(2)} runs/s, ETA ${eta}\n`,
        );
      }
    },
    stop(): void {
      bar?.stop();
      bar = undefined;
    },
  };
}
