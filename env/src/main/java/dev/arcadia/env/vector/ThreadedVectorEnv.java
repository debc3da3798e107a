package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link VectorEnv} that steps its copies in parallel on a fixed pool of threads, each owning a fixed slice of
 * the copies: with T threads, thread k steps copies {@code [k N / T, (k + 1) N / T)}, always the same ones. The
 * calling thread is thread 0 and works on the first slice itself while T - 1 pool threads (daemons named
 * {@code arcadia-vector-<pool>-worker-<k>}) work on the others, so {@code threads = 1} starts no thread at all and
 * runs exactly as {@link SyncVectorEnv}.
 *
 * <h2>Deterministic whatever the thread count</h2>
 * Every copy has its own state and random stream and is only ever touched by the thread owning its slice; each
 * writes its results into its own rows of the batch buffers. Same copies, same seeds and same actions therefore give
 * bit-identical buffers for 1, 2 or any number of threads, and the same as {@link SyncVectorEnv}. When copies fail,
 * the one reported is the lowest-numbered, also independent of the threads.
 *
 * <h2>Hand-off</h2>
 * A call publishes its task with one volatile write; the pool threads and the caller spin for a short while
 * ({@value #DEFAULT_SPIN_MICROS} µs by default) waiting for each other, then park, so a tight stepping loop pays no
 * wake-up latency and an idle pool (an agent training between rollouts) uses no CPU. Use this class when one step of
 * all copies takes well over the hand-off's few microseconds (Acrobot's Runge-Kutta physics, pixel environments,
 * many copies); for a handful of CartPoles {@link SyncVectorEnv} is as fast.
 *
 * <p>{@link #close()} stops and joins the pool threads and closes the copies. Autoreset, seeding, buffer and error
 * semantics are those described in {@link VectorEnv}; errors name the thread a failing copy ran on.
 */
public final class ThreadedVectorEnv extends AbstractVectorEnv {

    /** Default time a waiting thread spins before it parks, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 50;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    /** Slice k is copies [bounds[k], bounds[k + 1]). */
    private final int[] bounds;
    private final Worker[] workers;
    private final long spinNanos;

    // The task of the current call: written by the driver before the volatile write of `generation`, read by the
    // workers after they read it.
    private int op;
    private long seed;
    private int[] intActions;
    private float[] floatActions;
    private volatile long generation;
    private volatile boolean stopping;

    /** The thread inside {@link #runAll}, and whether it is parked waiting for a worker. */
    private volatile Thread driver;
    private volatile boolean driverParked;

    /** {@code numEnvs} copies of {@code Envs.make(id, options)} stepped on {@code threads} threads. */
    public ThreadedVectorEnv(String id, Map<String, ?> options, int numEnvs, int threads) {
        this(CopyBatch.make(id, options, numEnvs), threads);
    }

    /** {@code numEnvs} copies of {@code Envs.make(id)} stepped on {@code threads} threads. */
    public ThreadedVectorEnv(String id, int numEnvs, int threads) {
        this(id, Map.of(), numEnvs, threads);
    }

    /** The given copies stepped on {@code threads} threads (1 to the number of copies); closing closes them. */
    public ThreadedVectorEnv(List<? extends Env<float[], ?>> copies, int threads) {
        this(copies, threads, DEFAULT_SPIN_MICROS);
    }

    /**
     * @param copies      distinct environments with equal spaces and float[] observations
     * @param threads     threads stepping them, the calling one included: 1 to {@code copies.size()}
     * @param spinMicros  how long a waiting thread spins before it parks (0 parks at once)
     */
    public ThreadedVectorEnv(List<? extends Env<float[], ?>> copies, int threads, long spinMicros) {
        super(copies);
        int n = batch.numEnvs;
        if (threads < 1 || threads > n) {
            throw new IllegalArgumentException("threads must be in 1.." + n + " (one slice of copies per thread), got "
                    + threads);
        }
        if (spinMicros < 0) {
            throw new IllegalArgumentException("spinMicros must be >= 0, got " + spinMicros);
        }
        this.threads = threads;
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(spinMicros);
        this.bounds = new int[threads + 1];
        for (int k = 0; k <= threads; k++) {
            bounds[k] = (int) ((long) k * n / threads);
        }
        this.workers = new Worker[threads - 1];
        int pool = POOLS.incrementAndGet();
        for (int k = 1; k < threads; k++) {
            workers[k - 1] = new Worker(k, "arcadia-vector-" + pool + "-worker-" + k);
        }
        for (Worker w : workers) {
            w.start();
        }
    }

    /** Number of threads stepping the copies, the calling one included. */
    public int threads() {
        return threads;
    }

    /** The copies thread {@code k} owns: {@code [from, to)} as {@code {from, to}}. */
    public int[] slice(int k) {
        return new int[] {bounds[k], bounds[k + 1]};
    }

    /** The pool threads (threads 1 .. T-1), for tests and monitoring. */
    List<Thread> workerThreads() {
        return List.of(workers);
    }

    @Override
    void runAll(int op, long seed, int[] intActions, float[] floatActions) {
        this.op = op;
        this.seed = seed;
        this.intActions = intActions;
        this.floatActions = floatActions;
        driver = Thread.currentThread();
        long g = generation + 1;
        generation = g; // publishes the task
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
        execute(0);
        Throwable poolError = null;
        for (Worker w : workers) {
            awaitCompletion(w, g);
            if (w.error != null && poolError == null) {
                poolError = w.error;
            }
        }
        this.intActions = null;
        this.floatActions = null;
        if (poolError != null) {
            throw new IllegalStateException("a pool thread of " + this + " failed outside any copy", poolError);
        }
    }

    /** Works on slice {@code k} of the current task. */
    private void execute(int k) {
        int from = bounds[k];
        int to = bounds[k + 1];
        switch (op) {
            case RESET_SEEDED -> batch.reset(from, to, true, seed);
            case RESET -> batch.reset(from, to, false, 0);
            case STEP_INT -> batch.step(from, to, intActions);
            case STEP_FLOAT -> batch.step(from, to, floatActions);
            default -> throw new IllegalStateException("unknown operation " + op);
        }
    }

    private void awaitCompletion(Worker w, long g) {
        if (w.completed == g) {
            return;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < spinNanos) {
            Thread.yield();
            if (w.completed == g) {
                return;
            }
        }
        // Park. The worker writes `completed` and then reads `driverParked`; we write `driverParked` and then read
        // `completed`: with volatile (sequentially consistent) accesses one of us sees the other, so no wake-up is lost.
        while (true) {
            driverParked = true;
            if (w.completed == g) {
                break;
            }
            LockSupport.park(this);
        }
        driverParked = false;
    }

    @Override
    void shutdown() {
        stopping = true;
        generation = generation + 1;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        boolean interrupted = false;
        for (Worker w : workers) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ThreadedVectorEnv[" + batch.numEnvs + " x " + batch.name + ", " + threads + " threads]";
    }

    /** A pool thread: waits for a new generation, works on its slice, reports completion. */
    private final class Worker extends Thread {
        private final int slice;
        /** The last generation this worker finished. */
        volatile long completed;
        /** True while the worker is (about to be) parked waiting for work. */
        volatile boolean parked;
        /** An error outside the per-copy handling (a bug), reported by the driver. */
        volatile Throwable error;

        Worker(int slice, String name) {
            super(name);
            this.slice = slice;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long g = awaitWork(seen);
                if (stopping) {
                    return;
                }
                seen = g;
                try {
                    execute(slice);
                } catch (Throwable t) {
                    error = t;
                }
                completed = g;
                if (driverParked) {
                    LockSupport.unpark(driver);
                }
            }
        }

        private long awaitWork(long seen) {
            long g = generation;
            if (g != seen) {
                return g;
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < spinNanos) {
                Thread.yield();
                g = generation;
                if (g != seen) {
                    return g;
                }
            }
            // Park; the driver writes `generation` and then reads `parked` (see awaitCompletion).
            while (true) {
                parked = true;
                g = generation;
                if (g != seen) {
                    break;
                }
                LockSupport.park(this);
            }
            parked = false;
            return g;
        }
    }
}
