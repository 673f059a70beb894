import { describe, expect, it } from 'vitest';
import { DIALECT_NAMES, dialectOf } from '../../src/sql/dialects.js';
import { tuplesOf } from '../../src/sql/tuples.js';
import { parse } from 'csv-parse/sync';
import { usePostgres } from './equality.js';
import { runDuckDb } from '../../src/io/duckdb.js';

const fail = (message: string): never => {
  throw new Error(message);
};

describe("tuplesOf: a group's tuples as engines return them", () => {
  it('reads a list of lists (DuckDB, PostgreSQL, Spark) and a list of JSON texts (BigQuery) alike', () => {
    expect(tuplesOf('[["u,1","2024-01-05"],["u\\"2","x"]]', 2, fail)).toEqual([
      ['u,1', '2024-01-05'],
      ['u"2', 'x'],
    ]);
    expect(tuplesOf('["[\\"u1\\",\\"a\\"]"]', 2, fail)).toEqual([['u1', 'a']]);
  });

  it('reads blank and NULL as no tuples', () => {
    expect(tuplesOf(null, 2, fail)).toEqual([]);
    expect(tuplesOf('', 2, fail)).toEqual([]);
    expect(tuplesOf('[]', 2, fail)).toEqual([]);
  });

  it('refuses what is not a list of tuples of the width, saying why', () => {
    expect(() => tuplesOf('{1,2}', 2, fail)).toThrow('not JSON');
    expect(() => tuplesOf('{"a":1}', 2, fail)).toThrow('not a JSON list');
    expect(() => tuplesOf('[["a"]]', 2, fail)).toThrow('not a list of 2');
    expect(() => tuplesOf('[["a",1]]', 2, fail)).toThrow('holds no text');
  });
});

describe('Dialect.tupleListText', () => {
  it('writes each dialect its own aggregate', () => {
    expect(DIALECT_NAMES.map((name) => dialectOf(name).tupleListText(['"u"', '"d"'], '"u" IS NOT NULL', true))).toMatchSnapshot();
  });

  it('gives in DuckDB the tuples where the condition holds, each once when distinct', async () => {
    const duckdb = dialectOf('duckdb');
    const rows = `(VALUES ('u1', 'a'), ('u1', 'a'), ('u,"2', 'b'), (NULL, 'c')) AS t(u, d)`;
    const query = (distinct: boolean) => `SELECT ${duckdb.tupleListText(['u', 'd'], 'u IS NOT NULL', distinct)} AS l FROM ${rows}`;
    const sorted = (cell: unknown) =>
      tuplesOf(cell, 2, fail)
        .map((tuple) => tuple.join('|'))
        .sort();
    expect(sorted((await runDuckDb(query(true)))[0]?.l)).toEqual(['u,"2|b', 'u1|a']);
    expect(sorted((await runDuckDb(query(false)))[0]?.l)).toEqual(['u,"2|b', 'u1|a', 'u1|a']);
    expect(
      tuplesOf((await runDuckDb(`SELECT ${duckdb.tupleListText(['u', 'd'], 'FALSE', true)} AS l FROM ${rows}`))[0]?.l, 2, fail),
    ).toEqual([]);
  });
});

describe('Dialect.tupleListText in PostgreSQL', () => {
  const postgres = usePostgres();

  it('gives the tuples where the condition holds, each once when distinct', (context) => {
    const server = postgres.server();
    if (typeof server === 'string') return context.skip(server);
    const pg = dialectOf('postgres');
    const rows = `(VALUES ('u1', 'a'), ('u1', 'a'), ('u,"2', 'b'), (NULL, 'c')) AS t(u, d)`;
    const cell = (distinct: boolean) => {
      const csv = server.queryCsv(`SELECT ${pg.tupleListText(['u', 'd'], 'u IS NOT NULL', distinct)} AS l FROM ${rows}`);
      return parse(csv, { columns: true }) as { l: string }[];
    };
    const sorted = (distinct: boolean) =>
      tuplesOf(cell(distinct)[0]?.l, 2, fail)
        .map((tuple) => tuple.join('|'))
        .sort();
    expect(sorted(true)).toEqual(['u,"2|b', 'u1|a']);
    expect(sorted(false)).toEqual(['u,"2|b', 'u1|a', 'u1|a']);
  });
});
