import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The JSON a bench run writes under scripts/bench/results/. Declared once: the harness builds it, the test
 * checks a quick run against it, and the types below come from it.
 */
const Num = (description?: string) => Type.Number(description ? { description } : {});
/** The embedded engine always; Meilisearch unless the run was told `--engines sqlite`. */
const PerEngine = <T extends TSchema>(schema: T) => Type.Object({ sqlite: schema, meilisearch: Type.Optional(schema) });

export const LatencySchema = Type.Object({
  count: Type.Integer({ minimum: 1 }),
  mean: Num(),
  p50: Num(),
  p95: Num(),
  p99: Num(),
  max: Num(),
});

export const LatencyByTypeSchema = Type.Intersect([
  LatencySchema,
  Type.Object({ byType: Type.Record(Type.String(), LatencySchema) }),
]);

export const ThroughputSchema = Type.Object({
  connections: Type.Integer({ minimum: 1 }),
  seconds: Num(),
  requests: Type.Integer({ minimum: 0, description: 'answered with 2xx' }),
  requestsPerSecond: Num(),
  latencyP50: Num('ms'),
  latencyP99: Num('ms'),
  non2xx: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
  serverCpuMsPerRequest: Num('CPU time of the API process per answered request (Meilisearch not included)'),
});

export const IssueRowSchema = Type.Object({
  path: Type.String(),
  connections: Type.Integer({ minimum: 1, description: 'the better of 10 and 50' }),
  requestsPerSecond: Num('answered 2xx'),
  latencyP99: Num('ms'),
  serverCpuMsPerRequest: Num('CPU of the server process tree per answered request (API, or Meilisearch alone)'),
  meilisearchCpuMsPerRequest: Type.Optional(Num('CPU of Meilisearch per request answered by the API on it')),
  non2xx: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0 }),
});

const ThroughputPairSchema = Type.Object({ c10: ThroughputSchema, c50: ThroughputSchema });

export const TargetSchema = Type.Object({
  id: Type.String(),
  label: Type.String(),
  actual: Num(),
  limit: Num(),
  unit: Type.String(),
  /** whether a higher actual is better (req/s) or worse (ms) */
  higherIsBetter: Type.Boolean(),
  met: Type.Boolean(),
  /** e.g. "missed by 4.2 ms (1.28x the limit)" */
  margin: Type.String(),
});

export const SoakSchema = Type.Object({
  engine: Type.String(),
  settings: Type.Object({
    durationSeconds: Num('load, warm-up included'),
    sampleSeconds: Num(),
    warmupSeconds: Num(),
    cooldownSeconds: Num('quiet after the load, before the last RSS reading'),
    connections: Type.Integer({ minimum: 1 }),
    mix: Type.Object({ search: Num(), match: Num(), approve: Num() }),
    seed: Type.Integer(),
  }),
  loadSeconds: Num(),
  operations: Type.Object({
    search: Type.Integer({ minimum: 0 }),
    match: Type.Integer({ minimum: 0 }),
    approvals: Type.Integer({ minimum: 0, description: 'a submission and its approval' }),
  }),
  requests: Type.Integer({ minimum: 0, description: 'HTTP requests sent under load' }),
  requestsPerSecond: Num(),
  latencyMs: Type.Object({
    search: LatencySchema,
    match: LatencySchema,
    submit: LatencySchema,
    approve: LatencySchema,
  }),
  errors: Type.Object({
    total: Type.Integer({ minimum: 0 }),
    /** e.g. "search 500": 3, "match ECONNRESET": 1 */
    byKind: Type.Record(Type.String(), Type.Integer()),
  }),
  /** one reading every sampleSeconds under load, and one when the load stopped */
  samples: Type.Array(
    Type.Object({
      seconds: Num('since the load started'),
      rssMb: Num(),
      requests: Type.Integer({ minimum: 0, description: 'since the previous reading' }),
      requestsPerSecond: Num(),
      errors: Type.Integer({ minimum: 0, description: 'since the previous reading' }),
    }),
    { minItems: 1 },
  ),
  memory: Type.Object({
    rssAtStartMb: Num('before the load'),
    afterWarmupMb: Num('the first reading at or after the end of the warm-up: the level to come back to'),
    endOfLoadMb: Num(),
    afterCooldownMb: Num(),
    peakRssMb: Num(),
    limitMb: Num('afterWarmupMb + 10%'),
    returnedWithinTolerance: Type.Boolean(),
    changeFromWarmup: Num('(afterCooldown - afterWarmup) / afterWarmup'),
  }),
});

export const BenchResultSchema = Type.Object({
  schema: Type.Literal('skillway-bench/1'),
  startedAt: Type.String(),
  durationSeconds: Num(),
  size: Type.Integer({ minimum: 1 }),
  seed: Type.Integer(),
  settings: Type.Object({
    queries: Type.Integer({ minimum: 1 }),
    autocannonSeconds: Num(),
    approvals: Type.Integer({ minimum: 1 }),
    webRequests: Type.Integer({ minimum: 1 }),
    acceptEncoding: Type.String(),
    apiLogLevel: Type.String(),
    apiWorkers: Type.Integer({ minimum: 1, description: 'API_WORKERS: processes serving the API' }),
    engines: Type.Array(Type.String(), { minItems: 1, description: 'the engines measured (--engines)' }),
  }),
  machine: Type.Object({
    cpu: Type.String(),
    cores: Type.Integer(),
    memoryGiB: Num(),
    node: Type.String(),
    os: Type.String(),
    loadAverageAtStart: Type.Array(Num()),
    loadAverageAtEnd: Type.Array(Num()),
  }),
  indexing: Type.Object({
    listings: Type.Integer({ minimum: 1 }),
    sqlite: Type.Object({
      listingsPerSecond: Num('listings and the FTS index, through the indexer write path'),
      writeSeconds: Num('listings stage + search index stage'),
      stages: Type.Object({
        read: Num(),
        validate: Num(),
        taxonomy: Num(),
        listings: Num(),
        searchIndex: Num(),
      }),
      indexerSeconds: Num('the whole indexer run, reading and validating included, Meilisearch excluded'),
      cpuSeconds: Num('CPU time of the indexer process in the listings and search index stages'),
      databaseMb: Num(),
    }),
    meilisearch: Type.Optional(
      Type.Object({
        listingsPerSecond: Num('the indexer step into an empty Meilisearch'),
        seconds: Num(),
        serverCpuSeconds: Num('CPU time of the Meilisearch process in that step'),
      }),
    ),
    meilisearchRebuild: Type.Optional(
      Type.Object({
        seconds: Num('a full rebuild next to a live index: fill a fresh index, swap, delete the old one'),
        listingsPerSecond: Num(),
        serverCpuSeconds: Num('CPU time of the Meilisearch process in the rebuild'),
      }),
    ),
  }),
  search: Type.Object({
    queries: Type.Integer({ minimum: 1 }),
    mix: Type.Record(Type.String(), Type.Integer()),
    engines: PerEngine(
      Type.Object({
        direct: LatencyByTypeSchema,
        api: LatencyByTypeSchema,
        apiOverDirect: Type.Object({ p50: Num(), p95: Num() }),
        /** the `engine` field of the API's answers: a Meilisearch run answered by the fallback shows here */
        answeredBy: Type.Record(Type.String(), Type.Integer()),
      }),
    ),
    embeddedOverMeilisearch: Type.Optional(
      Type.Object({
        direct: Type.Object({ p50: Num(), p95: Num() }),
        api: Type.Object({ p50: Num(), p95: Num() }),
      }),
    ),
  }),
  throughput: Type.Object({
    engines: PerEngine(Type.Object({ search: ThroughputPairSchema, match: ThroughputPairSchema })),
    embeddedOverMeilisearch: Type.Optional(Type.Object({ search: Num('req/s at 50 connections'), match: Num() })),
  }),
  /** issue 15's table: one request shape per row, each at 10 and 50 connections, the better kept */
  issue: Type.Object({
    engines: PerEngine(Type.Record(Type.String(), IssueRowSchema)),
    /** engine.search() in the bench process, CPU ms per call: the engine's own work, no result cache */
    engineCpuMs: PerEngine(Type.Object({ nurse: Num(), refugees: Num() })),
    meilisearchDocuments: Type.Optional(
      Type.Object({
        count: Type.Integer({ minimum: 0 }),
        averageBytes: Num('avgDocumentSize from the index stats'),
        rawDocumentDbMb: Num(),
      }),
    ),
  }),
  approval: Type.Object({
    engines: PerEngine(
      Type.Object({
        samplesMs: Type.Array(Num(), { minItems: 1 }),
        p50: Num(),
        max: Num(),
        approveRequestP50: Num('the approve request alone'),
      }),
    ),
    embeddedOverMeilisearch: Type.Optional(Num('p50')),
    meilisearchTaskP50: Type.Optional(Num('enqueued to finished of the upsert task in Meilisearch, p50 (ms)')),
  }),
  memory: PerEngine(
    Type.Object({
      workers: Type.Integer({ minimum: 1 }),
      rssAtStartMb: Num('every API process together, once all answered, before any timed request'),
      rssMb: Num('every API process together, at the end of the run'),
      peakRssMb: Num('every API process together, the highest reading (once a second)'),
      sumOfPeaksMb: Num("the sum of each process's own peak (VmHWM): an upper bound of peakRssMb"),
      largestProcessRssMb: Num('the largest single process at the end'),
      largestProcessPeakMb: Num('the highest peak (VmHWM) of a single process'),
      processes: Type.Array(Type.Object({ role: Type.String(), rssMb: Num(), peakRssMb: Num() }), { minItems: 1 }),
    }),
  ),
  web: Type.Object({
    engine: Type.String(),
    render: LatencySchema,
    serverCpuMsPerRequest: Num('CPU time of the web server process per rendered search page'),
    firstLoadJs: Type.Object({ files: Type.Integer({ minimum: 1 }), gzipBytes: Num(), rawBytes: Num() }),
  }),
  /** with --soak: minutes of mixed load against a fresh API, its memory read every 30 s */
  soak: Type.Optional(SoakSchema),
  targets: Type.Array(TargetSchema, { minItems: 1 }),
});

export type BenchResult = Static<typeof BenchResultSchema>;
export type Latency = Static<typeof LatencySchema>;
export type LatencyByType = Static<typeof LatencyByTypeSchema>;
export type Throughput = Static<typeof ThroughputSchema>;
export type IssueRow = Static<typeof IssueRowSchema>;
export type Target = Static<typeof TargetSchema>;
export type SoakResult = Static<typeof SoakSchema>;
