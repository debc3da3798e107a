package dev.arcadia.env.vector;

import dev.arcadia.env.Env;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link VectorEnv} that steps its copies in parallel on a fixed pool of threads, each owning a fixed slice of
 * the copies: with T threads, thread k owns copies {@code [k N / T, (k + 1) N / T)}. The calling thread is thread 0
 * and works on the first slice itself while T - 1 pool threads (daemons named
 * {@code arcadia-vector-<pool>-worker-<k>}) work on the others, so {@code threads = 1} starts no thread at all and
 * runs exactly as {@link SyncVectorEnv}.
 *
 * <h2>Slices, and stealing</h2>
 * Each thread steps its own slice first, in chunks claimed with one compare-and-set each (a quarter of what is left
 * of the slice, at least one copy). By default a thread that finishes its slice then claims, the same way, the copies
 * not yet started from the other slices, so that when the machine is busy and a pool thread is not scheduled (or
 * wakes late), the threads that do run finish the step instead of waiting a scheduler time slice for it. Pass
 * {@code steal = false} for strictly fixed ownership (every copy always stepped by the same thread, for environments
 * that must stay on one thread). Either way a copy is stepped by one thread at a time, with a happens-before edge
 * from one step of a copy to its next, whichever threads run them.
 *
 * <h2>Deterministic whatever the thread count</h2>
 * Every copy has its own state and random stream and writes only its own rows of the batch buffers, so which thread
 * steps it changes nothing: same copies, same seeds and same actions give bit-identical buffers for 1, 2 or any
 * number of threads, with or without stealing, and the same as {@link SyncVectorEnv}. When copies fail, the one
 * reported is the lowest-numbered, also independent of the threads.
 *
 * <h2>Hand-off</h2>
 * A call publishes its task with volatile writes; a waiting thread (a pool thread waiting for work, the caller
 * waiting for the last copies) first yields its processor in a loop for a short while ({@value #DEFAULT_SPIN_MICROS}
 * µs by default) and then parks, so a tight stepping loop pays little wake-up latency and an idle pool (an agent
 * training between rollouts) uses no CPU. It yields rather than spinning on {@code Thread.onSpinWait()}: on a
 * machine with more runnable threads than cores, a thread spinning on the core that the thread it waits for is
 * queued on stalls both (measured: 50x slower steps with 1 ms of pure spinning under load). Use this class when one
 * step of all copies takes well over the hand-off's few microseconds (Acrobot's Runge-Kutta physics with dozens of
 * copies, pixel environments); for a handful of CartPoles {@link SyncVectorEnv} is as fast.
 *
 * <p>{@link #close()} stops and joins the pool threads and closes the copies. Autoreset, seeding, buffer and error
 * semantics are those described in {@link VectorEnv}; errors name the thread a failing copy ran on.
 */
public final class ThreadedVectorEnv extends AbstractVectorEnv {

    /** Default time a waiting thread yields in a loop before it parks, in microseconds. */
    public static final long DEFAULT_SPIN_MICROS = 50;

    /** Longs between two slice cursors, so that each sits on its own cache line. */
    private static final int PAD = 8;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final boolean steal;
    /** Slice k is copies [bounds[k], bounds[k + 1]). */
    private final int[] bounds;
    private final Worker[] workers;
    private final long spinNanos;

    // The task of the current call: written by the driver before the volatile writes that publish it (cursors,
    // remaining, generation) and read by a thread only after it has claimed a copy of that call.
    private int op;
    private long seed;
    private int[] intActions;
    private float[] floatActions;

    /**
     * Per slice, at index {@code k * PAD}: the call's generation (high 32 bits) and the next unclaimed copy of the
     * slice (low 32 bits). A claim is a compare-and-set that also checks the generation, so a thread that wakes late
     * can never claim a copy of a later call with the task of an earlier one.
     */
    private final AtomicLongArray cursors;
    /** Copies of the current call not finished yet. */
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long generation;
    private volatile boolean stopping;

    /** The thread inside {@link #runAll}, and whether it is parked waiting for the last copies. */
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
        this(copies, threads, true, DEFAULT_SPIN_MICROS);
    }

    /**
     * @param copies      distinct environments with equal spaces and float[] observations; closing closes them
     * @param threads     threads stepping them, the calling one included: 1 to {@code copies.size()}
     * @param steal       whether a thread that finished its slice takes unstarted copies of other slices
     * @param spinMicros  how long a waiting thread yields in a loop before it parks (0 parks at once)
     */
    public ThreadedVectorEnv(List<? extends Env<float[], ?>> copies, int threads, boolean steal, long spinMicros) {
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
        this.steal = steal;
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(spinMicros);
        this.bounds = new int[threads + 1];
        for (int k = 0; k <= threads; k++) {
            bounds[k] = (int) ((long) k * n / threads);
        }
        this.cursors = new AtomicLongArray(threads * PAD);
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

    /** Whether threads take unstarted copies from other slices. */
    public boolean steals() {
        return steal;
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
        if (workers.length == 0) {
            runCopies(0, batch.numEnvs);
            return;
        }
        driver = Thread.currentThread();
        long g = generation + 1;
        long tag = (g & 0xFFFFFFFFL) << 32;
        for (int k = 0; k < threads; k++) {
            cursors.set(k * PAD, tag | bounds[k]);
        }
        remaining.set(batch.numEnvs);
        generation = g; // publishes the task
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
        work(0, g);
        awaitAllCopies();
        this.intActions = null;
        this.floatActions = null;
        for (Worker w : workers) {
            Throwable t = w.error;
            if (t != null) {
                throw new IllegalStateException("pool thread " + w.getName() + " of " + this + " failed outside any copy", t);
            }
        }
    }

    /**
     * Claims and steps copies of call {@code g}: thread k's own slice first, then (stealing) the others'. A claimed
     * chunk is always finished (runCopies records per-copy failures instead of throwing), so counting it as done
     * is exact.
     */
    private void work(int k, long g) {
        int tag = (int) g;
        int done = 0;
        try {
            for (int j = 0; j < threads; j++) {
                int s = k + j < threads ? k + j : k + j - threads;
                int at = s * PAD;
                int end = bounds[s + 1];
                while (true) {
                    long v = cursors.get(at);
                    if ((int) (v >>> 32) != tag) {
                        return; // a later call has started: nothing of call g is left
                    }
                    int i = (int) v;
                    if (i >= end) {
                        break;
                    }
                    // Guided chunks: a quarter of what is left of the slice (at least one copy) per claim, so that a
                    // slice costs a handful of compare-and-sets, not one per copy, and the last claims stay small
                    // enough for another thread to share the tail.
                    int take = Math.max(1, (end - i) >> 2);
                    if (cursors.compareAndSet(at, v, v + take)) {
                        try {
                            runCopies(i, i + take);
                        } finally {
                            done += take;
                        }
                    }
                }
                if (!steal) {
                    return;
                }
            }
        } finally {
            if (done > 0 && remaining.addAndGet(-done) == 0 && driverParked) {
                LockSupport.unpark(driver);
            }
        }
    }

    /** Steps (or resets) copies [from, to) with the current task; per-copy failures are recorded by the batch. */
    private void runCopies(int from, int to) {
        switch (op) {
            case RESET_SEEDED -> batch.reset(from, to, true, seed);
            case RESET -> batch.reset(from, to, false, 0);
            case STEP_INT -> batch.step(from, to, intActions);
            case STEP_FLOAT -> batch.step(from, to, floatActions);
            default -> throw new IllegalStateException("unknown operation " + op);
        }
    }

    private void awaitAllCopies() {
        if (remaining.get() == 0) {
            return;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < spinNanos) {
            Thread.yield();
            if (remaining.get() == 0) {
                return;
            }
        }
        // Park. The finishing thread updates `remaining` and then reads `driverParked`; we write `driverParked` and
        // then read `remaining`: with volatile (sequentially consistent) accesses one of us sees the other's write,
        // so no wake-up is lost.
        while (true) {
            driverParked = true;
            if (remaining.get() == 0) {
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

    /** A pool thread: waits for a new call, works on it, waits again. */
    private final class Worker extends Thread {
        private final int slice;
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
                long g = awaitCall(seen);
                if (stopping) {
                    return;
                }
                seen = g;
                try {
                    work(slice, g);
                } catch (Throwable t) {
                    error = t;
                }
            }
        }

        /** Waits until the generation differs from {@code seen} and returns it (calls missed meanwhile are skipped). */
        private long awaitCall(long seen) {
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
            // Park; the driver writes `generation` and then reads `parked` (see awaitAllCopies).
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
