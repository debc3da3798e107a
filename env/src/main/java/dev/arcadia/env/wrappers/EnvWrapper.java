package dev.arcadia.env.wrappers;

import dev.arcadia.env.Env;
import dev.arcadia.env.EnvSpec;
import dev.arcadia.env.Renderable;
import dev.arcadia.env.Snapshotable;
import dev.arcadia.env.render.Frame;
import dev.arcadia.env.util.StateCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * The common base of all wrappers: holds the inner environment and forwards what no wrapper changes (spec,
 * rendering, close) and snapshots (the inner state plus the wrapper's own counters, see {@link #saveState} and
 * {@link #loadState}). {@code toString()} shows the whole stack, e.g.
 * {@code TimeLimit<PassiveEnvChecker<FrozenLake<FrozenLake-v1>>>}.
 *
 * @param <O>  observation type seen from outside
 * @param <A>  action type accepted from outside
 * @param <IO> observation type of the inner environment
 * @param <IA> action type of the inner environment
 */
public abstract class EnvWrapper<O, A, IO, IA> implements Env<O, A>, Snapshotable, Renderable {

    protected final Env<IO, IA> env;

    protected EnvWrapper(Env<IO, IA> env) {
        this.env = Objects.requireNonNull(env, "the wrapped environment must not be null");
    }

    /** The environment directly inside this wrapper. */
    public Env<IO, IA> inner() {
        return env;
    }

    @Override
    public Optional<EnvSpec> spec() {
        return env.spec();
    }

    @Override
    public Env<?, ?> unwrapped() {
        return env.unwrapped();
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public Frame render() {
        if (env instanceof Renderable r) {
            return r.render();
        }
        throw new UnsupportedOperationException(env.unwrapped().getClass().getSimpleName() + " cannot render: it does not implement Renderable");
    }

    /** Writes this wrapper's own state (counters, flags); the default has none. */
    protected void saveState(StateCodec.Writer out) {
    }

    /** Reads what {@link #saveState} wrote. */
    protected void loadState(StateCodec.Reader in) {
    }

    @Override
    public final byte[] snapshot() {
        if (!(env instanceof Snapshotable s)) {
            throw new UnsupportedOperationException(env.unwrapped().getClass().getSimpleName()
                    + " does not support snapshots: it does not implement Snapshotable");
        }
        StateCodec.Writer out = new StateCodec.Writer(getClass().getSimpleName());
        saveState(out);
        return out.writeBytes(s.snapshot()).toByteArray();
    }

    @Override
    public final void restore(byte[] snapshot) {
        if (!(env instanceof Snapshotable s)) {
            throw new UnsupportedOperationException(env.unwrapped().getClass().getSimpleName()
                    + " does not support snapshots: it does not implement Snapshotable");
        }
        StateCodec.Reader in = new StateCodec.Reader(snapshot, getClass().getSimpleName());
        loadState(in);
        byte[] inner = in.readBytes();
        in.end();
        s.restore(inner);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + env + ">";
    }
}
