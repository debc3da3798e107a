package dev.arcadia.nets;

/**
 * A reusable output buffer for a layer: {@code get(...)} returns a previously allocated tensor when the shape
 * matches one of the last two shapes used, so a layer called again and again allocates nothing, even when calls
 * alternate between two batch sizes (acting at batch 1, training at batch 64). The fixed-arity overloads avoid the
 * varargs array. Contents are whatever was left there.
 */
public final class Buffers {

    private Tensor recent;
    private Tensor older;

    private static boolean matches(Tensor t, int rank, int d0, int d1, int d2, int d3) {
        if (t == null || t.rank() != rank) {
            return false;
        }
        return t.dim(0) == d0 && (rank < 2 || t.dim(1) == d1) && (rank < 3 || t.dim(2) == d2)
                && (rank < 4 || t.dim(3) == d3);
    }

    private Tensor lookup(int rank, int d0, int d1, int d2, int d3) {
        if (matches(recent, rank, d0, d1, d2, d3)) {
            return recent;
        }
        if (matches(older, rank, d0, d1, d2, d3)) {
            Tensor t = older;
            older = recent;
            recent = t;
            return t;
        }
        return null;
    }

    private Tensor remember(Tensor t) {
        older = recent;
        recent = t;
        return t;
    }

    public Tensor get(int d0) {
        Tensor t = lookup(1, d0, 0, 0, 0);
        return t != null ? t : remember(Tensor.zeros(d0));
    }

    public Tensor get(int d0, int d1) {
        Tensor t = lookup(2, d0, d1, 0, 0);
        return t != null ? t : remember(Tensor.zeros(d0, d1));
    }

    public Tensor get(int d0, int d1, int d2) {
        Tensor t = lookup(3, d0, d1, d2, 0);
        return t != null ? t : remember(Tensor.zeros(d0, d1, d2));
    }

    public Tensor get(int d0, int d1, int d2, int d3) {
        Tensor t = lookup(4, d0, d1, d2, d3);
        return t != null ? t : remember(Tensor.zeros(d0, d1, d2, d3));
    }

    /** A buffer shaped like {@code like}. */
    public Tensor like(Tensor like) {
        return switch (like.rank()) {
            case 1 -> get(like.dim(0));
            case 2 -> get(like.dim(0), like.dim(1));
            case 3 -> get(like.dim(0), like.dim(1), like.dim(2));
            case 4 -> get(like.dim(0), like.dim(1), like.dim(2), like.dim(3));
            default -> {
                if (recent == null || !like.sameShape(recent)) {
                    remember(Tensor.zeros(like.shape()));
                }
                yield recent;
            }
        };
    }
}
