import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref that always holds the latest `value` (the same ref object on every render, so effects that
 * list it as a dependency still run once): listeners bound on mount call through it, so
 * they see the current callback without being re-bound on every render.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
