import cluster from 'node:cluster';

/**
 * How WORKERS=n processes share the port's connections: by default the operating system's
 * (`SCHED_NONE` — each process accepts from the one listening socket). Node's own default,
 * round-robin, has the primary accept every connection and hand it to a process; one handed to a
 * process that has just died (`kill -9`, the OOM killer) is neither served nor closed — its client
 * waits until it gives up (seen: one such connection now and then per kill under load, a 30 s
 * timeout in test/server/workers.test.ts). With the operating system's spread, a connection a dying
 * process had accepted is reset (the client sees the error at once and may retry) and those not yet
 * accepted go to the processes alive. `NODE_CLUSTER_SCHED_POLICY=rr` chooses round-robin again (an
 * evener spread on some systems, with that risk). Call before the first `cluster.fork()`.
 */
export function chooseSchedulingPolicy(): 'none' | 'rr' {
  // Node has read NODE_CLUSTER_SCHED_POLICY itself ('rr' or 'none'); anything else leaves our default.
  if (process.env.NODE_CLUSTER_SCHED_POLICY === 'rr') return 'rr';
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  return 'none';
}
