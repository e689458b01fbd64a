import cliProgress from 'cli-progress';

export type StageName = 'read' | 'validate' | 'taxonomy' | 'listings' | 'search index' | 'meilisearch';

export interface StageProgress {
  /** `total` may be learnt late (the taxonomy stage only knows it once the rows are built). */
  update(done: number, total?: number): void;
  end(note?: string): void;
}

/** How the indexer shows its progress; tests pass their own to watch (or break) a run. */
export interface ProgressReporter {
  stage(name: StageName, total?: number): StageProgress;
  close(): void;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/**
 * Plain lines for logs and CI (`listings: 146/146 (0.05 s)`), one per stage, plus quarter marks for
 * stages long enough to be worth watching.
 */
export function createLineReporter(write: (line: string) => void): ProgressReporter {
  return {
    stage(name, initialTotal = 0) {
      const started = performance.now();
      let total = initialTotal;
      let done = 0;
      let quarter = 0;
      return {
        update(value, newTotal) {
          done = value;
          if (newTotal !== undefined) total = newTotal;
          if (total >= 10_000) {
            const reached = Math.floor((4 * done) / total);
            if (reached > quarter && reached < 4) {
              quarter = reached;
              write(`${name}: ${done}/${total}`);
            }
          }
        },
        end(note) {
          write(`${name}: ${done}/${total}${note ? `, ${note}` : ''} (${seconds(performance.now() - started)})`);
        },
      };
    },
    close() {},
  };
}

/** One cli-progress bar per stage on a terminal; each bar stays on screen when its stage ends. */
export function createBarReporter(stream: NodeJS.WriteStream): ProgressReporter {
  // A bar left running (its stage threw) would keep the process alive with its redraw timer.
  const running = new Set<cliProgress.SingleBar>();
  return {
    stage(name, initialTotal = 0) {
      const bar = new cliProgress.SingleBar(
        {
          stream,
          format: `${name.padEnd(12)} {bar} {value}/{total} {duration_formatted}{note}`,
          hideCursor: true,
          barsize: 30,
          fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(initialTotal, 0, { note: '' });
      running.add(bar);
      return {
        update(done, total) {
          if (total !== undefined && total !== bar.getTotal()) bar.setTotal(total);
          bar.update(done);
        },
        end(note) {
          bar.update(bar.getTotal(), { note: note ? `  ${note}` : '' });
          bar.stop();
          running.delete(bar);
        },
      };
    },
    close() {
      for (const bar of running) bar.stop();
      running.clear();
    },
  };
}

/** Bars on a terminal, plain lines otherwise (CI, pipes, `npm start` logs). */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? createBarReporter(stream) : createLineReporter((line) => stream.write(`${line}\n`));
}

/** For tests and embedding (`scripts/start.ts` may prefer quiet). */
export const silentReporter: ProgressReporter = {
  stage: () => ({ update() {}, end() {} }),
  close() {},
};
