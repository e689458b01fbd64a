/**
 * Everything a bench run starts (servers, child processes, temp folders), undone in reverse order at
 * the end: after success, after a failure, and on Ctrl-C or SIGTERM. One failing step does not keep
 * the others from running.
 */
export class CleanupStack {
  private readonly steps: { what: string; undo: () => Promise<void> | void }[] = [];
  private running: Promise<void> | undefined;

  add(what: string, undo: () => Promise<void> | void): void {
    this.steps.push({ what, undo });
  }

  /** Runs every step once, newest first; later calls wait for the same run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await step.undo();
        } catch (error) {
          console.error(`cleanup: ${step.what} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /**
   * Runs the stack and exits on SIGINT/SIGTERM while `work` runs; the handlers go away afterwards, so a
   * caller (a test) keeps its own signal handling.
   */
  async guard<T>(work: () => Promise<T>): Promise<T> {
    const onSignal = (signal: NodeJS.Signals) => {
      console.error(`\n${signal}: stopping everything the bench started...`);
      void this.run().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      return await work();
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await this.run();
    }
  }
}
