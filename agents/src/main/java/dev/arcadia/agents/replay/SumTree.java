package dev.arcadia.agents.replay;

/**
 * A sum tree over {@code capacity} non-negative priorities: O(log n) update and prefix-sum search, for
 * proportional prioritized replay. Leaves are stored after the internal nodes of a complete binary tree.
 */
public final class SumTree {

    private final int capacity;
    private final int leaves;
    private final double[] tree;

    public SumTree(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("sum tree capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        int l = 1;
        while (l < capacity) {
            l <<= 1;
        }
        this.leaves = l;
        this.tree = new double[2 * l];
    }

    public int capacity() {
        return capacity;
    }

    /** Sets the priority of slot {@code index}. */
    public void set(int index, double priority) {
        if (!(priority >= 0) || Double.isInfinite(priority)) {
            throw new IllegalArgumentException("priority must be finite and >= 0, got " + priority);
        }
        int node = index + leaves;
        double delta = priority - tree[node];
        while (node >= 1) {
            tree[node] += delta;
            node >>= 1;
        }
    }

    public double get(int index) {
        return tree[index + leaves];
    }

    /** Sum of all priorities. */
    public double total() {
        return tree[1];
    }

    /** The slot whose cumulative priority range contains {@code mass} (0 <= mass < total). */
    public int find(double mass) {
        int node = 1;
        while (node < leaves) {
            int left = node << 1;
            if (mass < tree[left] || tree[left + 1] == 0) {
                node = left;
            } else {
                mass -= tree[left];
                node = left + 1;
            }
        }
        return Math.min(node - leaves, capacity - 1);
    }
}
