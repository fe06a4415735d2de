package com.uplift.domain.history;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An immutable list that a history appends to without copying it. A line's history keeps every repayment (and the
 * other facts) of the last {@link CreditHistory#HORIZON_MONTHS} months, and each event folded onto it made a new
 * list: copying the whole list for each one made a command on a line with a thousand recent repayments copy a
 * thousand entries several times (the decider and the service fold the same events more than once), so a command's
 * cost grew with the line's history (issue 12, flat cost).
 * <p>
 * Views of different sizes share one array. Appending to the longest view writes the next free slot and returns a
 * view one longer; appending the entry that follows a shorter one already shares its slot too, and appending
 * another entry to it (an older state appended to already, e.g. a command decided again on the state it started
 * from) copies, so no view ever sees an element change. A slot is claimed
 * with a compare-and-set before it is written, so two threads appending to the same view cannot both take it; the
 * element is written before the new view's final fields are, so whoever is handed the view sees it.
 */
final class AppendedList<T> extends AbstractList<T> implements RandomAccess {

    /** Slots are written with release and read with acquire: a view built on another thread's slot sees its entry. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] items;
    private final int size;
    /** How many slots of {@link #items} some view already uses: shared by every view of the array. */
    private final AtomicInteger used;

    private AppendedList(Object[] items, int size, AtomicInteger used) {
        this.items = items;
        this.size = size;
        this.used = used;
    }

    /** {@code list} as an immutable list: itself when it is one of these, else an immutable copy. */
    static <T> List<T> immutable(List<T> list) {
        return list instanceof AppendedList<T> ? list : List.copyOf(list);
    }

    /** {@code list} with {@code item} after its last element; {@code list} itself is left as it was. */
    static <T> List<T> append(List<T> list, T item) {
        Objects.requireNonNull(item);
        if (list instanceof AppendedList<T> appended) {
            return appended.with(item);
        }
        Object[] items = Arrays.copyOf(list.toArray(), grown(list.size()));
        items[list.size()] = item;
        return new AppendedList<>(items, list.size() + 1, new AtomicInteger(list.size() + 1));
    }

    private List<T> with(T item) {
        if (size < items.length) {
            if (used.compareAndSet(size, size + 1)) {
                SLOT.setRelease(items, size, item);
                return new AppendedList<>(items, size + 1, used);
            }
            // the same entry appended to the same base again (the decider and the service fold a command's events
            // onto the line more than once): the view one longer is exactly that, so it is shared, not copied
            if (item.equals(SLOT.getAcquire(items, size))) {
                return new AppendedList<>(items, size + 1, used);
            }
        }
        Object[] copy = Arrays.copyOf(items, grown(size));
        copy[size] = item;
        return new AppendedList<>(copy, size + 1, new AtomicInteger(size + 1));
    }

    private static int grown(int size) {
        return Math.max(8, size + (size >> 1) + 1);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) items[index];
    }

    @Override
    public int size() {
        return size;
    }

    // immutable as List.copyOf's lists are: every change fails, even one that would change nothing

    /**
     * A plain cursor over the array: the risk inputs walk a line's repayments several times per command, and the
     * iterator of an unmodifiable view of a sub-list of {@code Arrays.asList} (three iterators deep, each checking
     * for changes) was 4.5% of the service's event-loop samples under the write benchmark on its own.
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (next >= size) {
                    throw new java.util.NoSuchElementException();
                }
                return (T) items[next++];
            }
        };
    }

    @Override
    public ListIterator<T> listIterator(int index) {
        return view().listIterator(index);
    }

    /** The elements as an unmodifiable view of the array, for iterators whose every change fails. */
    @SuppressWarnings("unchecked")
    private List<T> view() {
        return Collections.unmodifiableList((List<T>) Arrays.asList(items).subList(0, size));
    }

    @Override
    public boolean addAll(Collection<? extends T> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean addAll(int index, Collection<? extends T> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(Object o) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeIf(Predicate<? super T> filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceAll(UnaryOperator<T> operator) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sort(Comparator<? super T> c) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException();
    }
}
