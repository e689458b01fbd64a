/**
 * Optimal string alignment distance (insert, delete, substitute, swap two neighbours: "Crok" is one
 * edit from "Cork"), or max + 1 as soon as it must exceed `max`. The same measure as the query package's
 * editDistance, without allocating: a typo lookup compares a name with some 30,000 gazetteer keys, and
 * three rows reused across calls make that about ten times cheaper than new arrays per row.
 */
export class BoundedEditDistance {
  private rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

  distance(a: string, b: string, max: number): number {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    const n = b.length;
    if (this.rows[0]!.length <= n) this.rows = [0, 1, 2].map(() => new Int32Array(n + 1));
    let [prevPrev, prev, row] = this.rows as [Int32Array, Int32Array, Int32Array];
    for (let j = 0; j <= n; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      row[0] = i;
      let best = i;
      const ai = a.charCodeAt(i - 1);
      for (let j = 1; j <= n; j++) {
        const bj = b.charCodeAt(j - 1);
        let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
        if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
          d = Math.min(d, prevPrev[j - 2]! + 1);
        row[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      [prevPrev, prev, row] = [prev, row, prevPrev];
    }
    return prev[n]!;
  }
}
