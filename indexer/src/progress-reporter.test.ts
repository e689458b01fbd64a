import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createBarReporter, createLineReporter, createProgressReporter } from './progress-reporter';

/** A real writable stream that keeps what it is given, posing as a terminal or not. */
function terminal(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number; cursorTo?: unknown };
  stream.isTTY = isTTY;
  stream.columns = 120;
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('line reporter', () => {
  it('prints one line per stage, with quarter marks on long stages', () => {
    const lines: string[] = [];
    const reporter = createLineReporter((line) => lines.push(line));
    const short = reporter.stage('listings', 146);
    short.update(100);
    short.update(146);
    short.end();
    const long = reporter.stage('taxonomy');
    for (let done = 0; done <= 20_000; done += 1_000) long.update(done, 20_000);
    long.end('unchanged, kept');
    expect(lines.map((l) => l.replace(/\(\d+\.\d+ s\)$/, '(t)'))).toEqual([
      'listings: 146/146 (t)',
      'taxonomy: 5000/20000',
      'taxonomy: 10000/20000',
      'taxonomy: 15000/20000',
      'taxonomy: 20000/20000, unchanged, kept (t)',
    ]);
  });
});

describe('createProgressReporter', () => {
  it('writes plain lines when the stream is not a terminal', () => {
    const out = terminal(false);
    const stage = createProgressReporter(out.stream).stage('validate', 3);
    stage.update(3);
    stage.end();
    expect(out.text()).toMatch(/^validate: 3\/3 \(\d+\.\d+ s\)\n$/);
  });

  it('draws a bar on a terminal, and close() stops a bar whose stage never ended', () => {
    const out = terminal(true);
    const reporter = createBarReporter(out.stream);
    const done = reporter.stage('listings', 146);
    done.update(146);
    done.end();
    expect(out.text()).toContain('listings');
    expect(out.text()).toContain('146/146');
    reporter.stage('search index', 10).update(4);
    reporter.close();
    const after = out.text();
    expect(after).toContain('4/10');
    // Each stopped bar shows the cursor again (cli-progress hides it while drawing): both bars stopped.
    expect(after.split('\u001b[?25h').length - 1).toBe(2);
  });
});
