import cluster from 'node:cluster';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseSchedulingPolicy } from './cluster-policy.js';

// WORKERS=n: the operating system spreads the connections (SCHED_NONE), not Node's round-robin,
// whose primary leaves a connection handed to a process that has just died open and unanswered.
const before = cluster.schedulingPolicy;
afterEach(() => {
  cluster.schedulingPolicy = before;
  vi.unstubAllEnvs();
});

describe('WORKERS=n: how the processes share the connections', () => {
  it('by default the operating system’s spread (SCHED_NONE), whatever Node chose', () => {
    cluster.schedulingPolicy = cluster.SCHED_RR;
    vi.stubEnv('NODE_CLUSTER_SCHED_POLICY', '');
    expect(chooseSchedulingPolicy()).toBe('none');
    expect(cluster.schedulingPolicy).toBe(cluster.SCHED_NONE);
  });

  it('NODE_CLUSTER_SCHED_POLICY=rr keeps round-robin (as Node set it)', () => {
    cluster.schedulingPolicy = cluster.SCHED_RR;
    vi.stubEnv('NODE_CLUSTER_SCHED_POLICY', 'rr');
    expect(chooseSchedulingPolicy()).toBe('rr');
    expect(cluster.schedulingPolicy).toBe(cluster.SCHED_RR);
  });
});
