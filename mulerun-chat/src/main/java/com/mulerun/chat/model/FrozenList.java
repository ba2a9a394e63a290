package com.mulerun.chat.model;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An unmodifiable list over an {@code ArrayList} that a deserializer of this package has
 * just filled and holds no other reference to. The records keep it as it is
 * ({@link ModelSupport#copy(java.util.List)}), where any other list is copied.
 *
 * @param <E> the element type
 */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {

	private final ArrayList<E> elements;

	/**
	 * Takes ownership of the list: the caller must not keep or change it.
	 * @param elements the elements
	 */
	FrozenList(ArrayList<E> elements) {
		this.elements = elements;
	}

	@Override
	public E get(int index) {
		return this.elements.get(index);
	}

	@Override
	public int size() {
		return this.elements.size();
	}

	@Override
	public boolean addAll(Collection<? extends E> collection) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean addAll(int index, Collection<? extends E> collection) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean removeAll(Collection<?> collection) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean retainAll(Collection<?> collection) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean removeIf(Predicate<? super E> filter) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void replaceAll(UnaryOperator<E> operator) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void sort(Comparator<? super E> comparator) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void clear() {
		throw new UnsupportedOperationException();
	}

}
