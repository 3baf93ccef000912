import type { RootCause } from '../runbooks/root-causes.ts';

export type ResourceKind = 'workload' | 'node' | 'dependency' | 'volume';

/**
 * What the investigator knows about a root-cause category, as data: the words that make it a
 * likely first guess, the kind of resource it blames, and which other categories it explains.
 */
export interface CategoryProfile {
  category: Exclude<RootCause, 'none'>;
  /** Human name used in hypotheses and reports. */
  title: string;
  /** The hypothesis as a sentence: `{resource}` is the suspected resource, `{service}` the alerting workload. */
  statement: string;
  /** Words in an alert name, summary or message that make this category a likely first guess. */
  keywords: readonly string[];
  resourceKind: ResourceKind;
  /** How often this is the cause of a page, before reading the alert (a rough base rate, 0..1). */
  basePrior: number;
  /**
   * Categories whose evidence this one explains. When both have strong evidence, this one is the
   * root cause: a rollout explains the memory growth that follows it, an expired certificate
   * explains a failing probe, an OOM kill explains the crash loop it produces.
   */
  explains: readonly RootCause[];
  /**
   * True when the category is a change that precedes its symptoms (a rollout). Its evidence must
   * line up in time with the symptom's onset; see assess-timing.ts.
   */
  isChange?: boolean;
}

export const CATEGORY_PROFILES: readonly CategoryProfile[] = [
  {
    category: 'db-connection-exhaustion',
    title: 'database connection exhaustion',
    statement:
      "{resource} waits on its database: the connection pool or the server's connection limit is used up",
    keywords: [
      'db',
      'database',
      'postgres',
      'postgresql',
      'pg',
      'sql',
      'connection',
      'connections',
      'pool',
      'latency',
      'slow',
    ],
    basePrior: 0.08,
    resourceKind: 'workload',
    // A full connection pool (or a busy database server, maybe another team's) does not make a
    // different dependency down or slow; when the slow dependency is the database itself, this
    // hypothesis's own evidence carries it on confidence.
    explains: [],
  },
  {
    category: 'bad-deploy',
    title: 'bad deploy',
    statement: 'a recent rollout of {resource} introduced the errors or latency',
    keywords: [
      'deploy',
      'deployment',
      'rollout',
      'release',
      'version',
      'error',
      'errors',
      'errorrate',
      '5xx',
      'regression',
    ],
    basePrior: 0.1,
    resourceKind: 'workload',
    explains: ['memory-leak', 'cpu-throttling'],
    isChange: true,
  },
  {
    category: 'oom-killed',
    title: 'containers OOM-killed',
    statement: "{resource}'s containers are killed for exceeding their memory limit",
    keywords: ['oom', 'oomkilled', 'memory', 'killed', 'restart', 'restarts', 'restarting'],
    basePrior: 0.08,
    resourceKind: 'workload',
    explains: ['memory-leak', 'crashloop-config-error', 'bad-deploy', 'liveness-probe-failure'],
  },
  {
    category: 'memory-leak',
    title: 'memory leak',
    statement: "{resource}'s memory grows steadily and will reach its limit",
    keywords: ['memory', 'leak', 'heap', 'rss', 'workingset', 'usage'],
    basePrior: 0.06,
    resourceKind: 'workload',
    explains: [],
  },
  {
    category: 'crashloop-config-error',
    title: 'crash loop from a configuration error',
    statement: "{resource}'s containers exit at start because of missing or invalid configuration",
    keywords: [
      'crash',
      'crashloop',
      'crashlooping',
      'backoff',
      'restart',
      'restarts',
      'config',
      'configuration',
      'secret',
    ],
    basePrior: 0.07,
    resourceKind: 'workload',
    explains: ['bad-deploy'],
  },
  {
    category: 'liveness-probe-failure',
    title: 'liveness probe killing healthy containers',
    statement: "the liveness probe kills {resource}'s containers although the application starts normally",
    keywords: ['liveness', 'probe', 'unhealthy', 'restart', 'restarts', 'killing'],
    basePrior: 0.05,
    resourceKind: 'workload',
    explains: ['bad-deploy', 'crashloop-config-error'],
  },
  {
    category: 'image-pull-failure',
    title: 'image pull failure',
    statement: "{resource}'s image cannot be pulled (wrong tag or registry credentials)",
    keywords: [
      'image',
      'pull',
      'imagepull',
      'errimagepull',
      'imagepullbackoff',
      'registry',
      'replicas',
      'mismatch',
    ],
    basePrior: 0.05,
    resourceKind: 'workload',
    explains: ['bad-deploy', 'pending-unschedulable', 'crashloop-config-error'],
  },
  {
    category: 'pending-unschedulable',
    title: 'pods pending, cannot be scheduled',
    statement: "{resource}'s pods cannot be scheduled (not enough CPU or memory, selectors or taints)",
    keywords: [
      'pending',
      'unschedulable',
      'scheduling',
      'schedule',
      'replicas',
      'mismatch',
      'capacity',
      'insufficient',
    ],
    basePrior: 0.05,
    resourceKind: 'workload',
    explains: ['bad-deploy'],
  },
  {
    category: 'node-not-ready',
    title: 'node not ready',
    statement: 'node {resource} went NotReady and took the pods on it down',
    keywords: ['node', 'notready', 'kubelet', 'unreachable', 'ready'],
    basePrior: 0.05,
    resourceKind: 'node',
    explains: ['pending-unschedulable', 'downstream-unavailable', 'liveness-probe-failure', 'bad-deploy'],
  },
  {
    category: 'downstream-unavailable',
    title: 'downstream dependency unavailable',
    statement: '{service} fails because a dependency, {resource}, is down or slow',
    keywords: [
      'downstream',
      'dependency',
      'probe',
      'target',
      'down',
      'timeout',
      'timeouts',
      'unavailable',
      'unreachable',
      'latency',
    ],
    basePrior: 0.09,
    resourceKind: 'dependency',
    explains: ['cpu-throttling'],
  },
  {
    category: 'certificate-expiry',
    title: 'TLS certificate expired or expiring',
    statement:
      'the TLS certificate of {resource} has expired or is about to, so calls from {service} fail the handshake',
    keywords: [
      'cert',
      'certificate',
      'ssl',
      'tls',
      'expiry',
      'expiring',
      'expires',
      'expired',
      'handshake',
      'x509',
    ],
    basePrior: 0.04,
    resourceKind: 'dependency',
    explains: ['downstream-unavailable'],
  },
  {
    category: 'disk-full',
    title: 'disk full',
    statement: 'a filesystem on {resource} is full or about to be, so writes from {service} fail',
    keywords: [
      'disk',
      'filesystem',
      'volume',
      'space',
      'storage',
      'pvc',
      'persistentvolume',
      'inode',
      'inodes',
      'full',
    ],
    basePrior: 0.05,
    resourceKind: 'volume',
    explains: ['crashloop-config-error', 'db-connection-exhaustion'],
  },
  {
    category: 'cpu-throttling',
    title: 'CPU throttling',
    statement: '{resource} is throttled by its CPU limit',
    keywords: ['cpu', 'throttling', 'cputhrottling', 'cfs', 'latency', 'slow'],
    basePrior: 0.06,
    resourceKind: 'workload',
    explains: [],
  },
  {
    category: 'traffic-spike',
    title: 'traffic spike',
    statement: '{resource} receives far more traffic than usual and saturates',
    keywords: ['traffic', 'requests', 'rps', 'qps', 'load', 'spike', 'surge', 'volume'],
    basePrior: 0.07,
    resourceKind: 'workload',
    // Load several times its baseline, begun before the kills, is why a limit that held for weeks
    // is exceeded now: the OOM kills are saturation, and scaling out is the fix.
    explains: [
      'cpu-throttling',
      'db-connection-exhaustion',
      'upstream-rate-limited',
      'memory-leak',
      'oom-killed',
    ],
  },
  {
    category: 'dns-failure',
    title: 'DNS resolution failure',
    statement: 'cluster DNS (CoreDNS) fails to resolve names, so {resource} cannot reach what it calls',
    keywords: ['dns', 'coredns', 'kubedns', 'resolve', 'resolution', 'lookup', 'nxdomain', 'servfail'],
    basePrior: 0.04,
    resourceKind: 'workload',
    explains: ['downstream-unavailable', 'upstream-rate-limited'],
  },
  {
    category: 'upstream-rate-limited',
    title: 'upstream API rate limiting',
    statement: '{service} is rate limited: an external API it calls ({resource}) answers 429',
    keywords: ['ratelimit', 'ratelimited', 'limited', '429', 'quota', 'upstream', 'external', 'throttled'],
    basePrior: 0.05,
    resourceKind: 'dependency',
    explains: ['downstream-unavailable'],
  },
];

/**
 * What an SRE suspects first for a symptom the alert names, before looking: the differential for
 * errors, latency, unavailability and restarts. A small boost to each category listed.
 */
export const SYMPTOM_DIFFERENTIALS: Readonly<Record<string, readonly RootCause[]>> = {
  error: [
    'bad-deploy',
    'downstream-unavailable',
    'db-connection-exhaustion',
    'upstream-rate-limited',
    'dns-failure',
  ],
  errors: [
    'bad-deploy',
    'downstream-unavailable',
    'db-connection-exhaustion',
    'upstream-rate-limited',
    'dns-failure',
  ],
  '5xx': ['bad-deploy', 'downstream-unavailable', 'db-connection-exhaustion'],
  latency: [
    'db-connection-exhaustion',
    'downstream-unavailable',
    'cpu-throttling',
    'traffic-spike',
    'bad-deploy',
  ],
  slow: ['db-connection-exhaustion', 'downstream-unavailable', 'cpu-throttling', 'traffic-spike'],
  down: ['node-not-ready', 'crashloop-config-error', 'downstream-unavailable', 'dns-failure'],
  unavailable: ['node-not-ready', 'crashloop-config-error', 'image-pull-failure', 'pending-unschedulable'],
  ready: [
    'crashloop-config-error',
    'image-pull-failure',
    'pending-unschedulable',
    'liveness-probe-failure',
    'node-not-ready',
  ],
  replicas: ['image-pull-failure', 'pending-unschedulable', 'crashloop-config-error'],
  restart: ['oom-killed', 'crashloop-config-error', 'liveness-probe-failure'],
  restarts: ['oom-killed', 'crashloop-config-error', 'liveness-probe-failure'],
  crashlooping: ['crashloop-config-error', 'oom-killed', 'liveness-probe-failure'],
  memory: ['memory-leak', 'oom-killed'],
  timeout: ['downstream-unavailable', 'dns-failure', 'db-connection-exhaustion'],
  timeouts: ['downstream-unavailable', 'dns-failure', 'db-connection-exhaustion'],
};

export function profileOf(category: RootCause): CategoryProfile | undefined {
  return CATEGORY_PROFILES.find((profile) => profile.category === category);
}

/** True when `cause` directly explains `effect` (the relation is deliberately not transitive). */
export function explains(cause: RootCause, effect: RootCause): boolean {
  return cause !== effect && (profileOf(cause)?.explains ?? []).includes(effect);
}
