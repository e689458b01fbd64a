import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem, lineAndColumn } from './json-position';

describe('findJsonSyntaxProblem', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of ['[]', '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', ' \n 0 \n', '"\\/"']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxProblem(text)).toBeUndefined();
    }
  });

  it.each([
    ['[\n  {"a": 1,}\n]', 2, 11, "trailing ',' before '}'"],
    ['[\n  {"a": 1\n  "b": 2}\n]', 3, 3, "expected ',' or '}' after a property value, found \"\\\"\""],
    ['{"a": tru}', 1, 7, 'unexpected "t"'],
    ['[1, 2] x', 1, 8, 'unexpected "x" after the end of the JSON value'],
    ['[\n  "line\nbreak"\n]', 2, 8, 'control character (such as a line break) inside a string'],
    ['[1,\n', 2, 1, 'unexpected end of the file, a value is missing'],
    ['', 1, 1, 'unexpected end of the file, a value is missing'],
    ["{'a': 1}", 1, 2, 'expected a double-quoted property name, found "\'"'],
    ['[01]', 1, 3, "expected ',' or ']' after an array element, found \"1\""],
  ])('finds the problem in %j at line %i, column %i', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line, column, reason });
  });
});

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
