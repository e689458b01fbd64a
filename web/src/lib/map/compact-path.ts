/**
 * A d3-geo path context that writes SVG path data for small maps: coordinates rounded to whole pixels,
 * points that round onto the previous one dropped, rings smaller than `minRingPx` dropped (islands
 * that would be a dot), and relative commands, which keep most numbers to one or two digits.
 * This is where a map of Europe loses the detail a 400-pixel picture cannot show.
 */
export class CompactPath {
  private out: string[] = [];
  private ring: number[] = [];

  constructor(private readonly minRingPx = 2) {}

  /** d3 calls it before each geometry; rings are collected as they come. */
  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.flush();
    this.ring.push(Math.round(x), Math.round(y));
  }

  lineTo(x: number, y: number): void {
    const rx = Math.round(x);
    const ry = Math.round(y);
    const n = this.ring.length;
    if (n >= 2 && this.ring[n - 2] === rx && this.ring[n - 1] === ry) return;
    this.ring.push(rx, ry);
  }

  closePath(): void {
    this.flush(true);
  }

  /** Not used by polygons; d3 calls it for point geometries, which maps draw as markers instead. */
  arc(): void {}

  private flush(closed = false): void {
    const r = this.ring;
    this.ring = [];
    if (r.length < 4) return;
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < r.length; i += 2) {
      minX = Math.min(minX, r[i]!);
      maxX = Math.max(maxX, r[i]!);
      minY = Math.min(minY, r[i + 1]!);
      maxY = Math.max(maxY, r[i + 1]!);
    }
    if (closed && maxX - minX < this.minRingPx && maxY - minY < this.minRingPx) return;
    let d = `M${r[0]} ${r[1]}l`;
    let first = true;
    for (let i = 2; i < r.length; i += 2) {
      const dx = r[i]! - r[i - 2]!;
      const dy = r[i + 1]! - r[i - 1]!;
      // A minus sign separates numbers by itself; a space is needed only before a non-negative one.
      d += (first || dx < 0 ? '' : ' ') + dx + (dy < 0 ? '' : ' ') + dy;
      first = false;
    }
    this.out.push(closed ? d + 'z' : d);
  }

  /** The path data so far (an open ring is ended as it is). */
  result(): string {
    this.flush();
    const d = this.out.join('');
    this.out = [];
    return d;
  }
}
