import { describe, expect, it } from 'vitest';
import { CompactPath } from './compact-path';

describe('CompactPath', () => {
  it('writes rounded, relative path data and drops points that round onto the last one', () => {
    const p = new CompactPath();
    p.moveTo(10.2, 10.4);
    p.lineTo(10.4, 10.1); // same pixel: dropped
    p.lineTo(20, 10);
    p.lineTo(20, 25.6);
    p.lineTo(5, 26);
    p.closePath();
    expect(p.result()).toBe('M10 10l10 0 0 16-15 0z');
  });

  it('drops closed rings smaller than the minimum (an island that would be a dot)', () => {
    const p = new CompactPath(3);
    p.moveTo(0, 0);
    p.lineTo(1, 0);
    p.lineTo(1, 1);
    p.closePath();
    p.moveTo(0, 0);
    p.lineTo(9, 0);
    p.lineTo(9, 9);
    p.closePath();
    expect(p.result()).toBe('M0 0l9 0 0 9z');
  });

  it('separates numbers with a space only before a non-negative one', () => {
    const p = new CompactPath();
    p.moveTo(50, 50);
    p.lineTo(40, 45);
    p.lineTo(45, 40);
    p.lineTo(50, 50);
    p.closePath();
    expect(p.result()).toBe('M50 50l-10-5 5-5 5 10z');
  });
});
